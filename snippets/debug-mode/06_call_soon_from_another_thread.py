# local-only: starts a thread, which the in-browser Python cannot do
import asyncio
import threading


def from_worker_thread(loop: asyncio.AbstractEventLoop) -> None:
    try:
        loop.call_soon(print, "never scheduled")
    except RuntimeError as error:
        print(f"call_soon: RuntimeError: {error}")
    loop.call_soon_threadsafe(print, "call_soon_threadsafe: scheduled, and run by the loop")


async def main() -> None:
    worker = threading.Thread(target=from_worker_thread, args=[asyncio.get_running_loop()])
    worker.start()
    await asyncio.sleep(0.5)
    worker.join()


asyncio.run(main(), debug=True)
