import asyncio
import time


def quick_report() -> None:
    time.sleep(0.1)  # stands in for a slow, blocking callback


def slow_report() -> None:
    time.sleep(0.5)


async def main() -> None:
    loop = asyncio.get_running_loop()
    loop.set_debug(True)  # from here on: debug mode for this loop
    loop.slow_callback_duration = 0.3  # report steps of 0.3 s or more
    loop.call_soon(quick_report)
    loop.call_soon(slow_report)
    await asyncio.sleep(0.1)


asyncio.run(main())
