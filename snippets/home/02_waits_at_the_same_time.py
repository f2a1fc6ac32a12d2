import asyncio
import time


async def wait_for_reply(name: str, seconds: float) -> None:
    await asyncio.sleep(seconds)  # stands in for a slow network reply
    print(f"{name} replied")


async def main() -> None:
    start = time.perf_counter()
    await asyncio.gather(  # run both coroutines concurrently, wait for both
        wait_for_reply("first server", 1),
        wait_for_reply("second server", 1.5),
    )
    print(f"both replies after {time.perf_counter() - start:.1f} s")


asyncio.run(main())
