import asyncio
import sys


async def save(record: str) -> None:
    await asyncio.sleep(0.1)


def forget_to_await() -> None:
    save("record 1")  # forgot `await`


async def main() -> None:
    # writing the warning below takes a moment: keep debug mode from also
    # calling this step slow
    asyncio.get_running_loop().slow_callback_duration = 1
    # Debug mode records the 10 innermost frames; keep only your 2, so that
    # every Python prints the same lines.
    sys.set_coroutine_origin_tracking_depth(2)
    forget_to_await()


asyncio.run(main(), debug=True)
