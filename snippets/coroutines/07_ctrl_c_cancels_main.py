import asyncio
import signal


async def main() -> None:
    loop = asyncio.get_running_loop()
    # press Ctrl+C in half a second (a program can send itself the signal)
    loop.call_later(0.5, signal.raise_signal, signal.SIGINT)
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("main: cancelled by Ctrl+C, cleaning up")
        raise
    finally:
        print("main: finally runs")


try:
    asyncio.run(main())
except KeyboardInterrupt:
    print("asyncio.run raised KeyboardInterrupt")
