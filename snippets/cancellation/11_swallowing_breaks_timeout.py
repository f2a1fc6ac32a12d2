import asyncio
import time


async def stubborn() -> None:
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("stubborn: cancelled, but carrying on")
        await asyncio.sleep(1)  # keeps working instead of stopping


async def main() -> None:
    start = time.perf_counter()
    try:
        async with asyncio.timeout(0.5):
            await stubborn()
        elapsed = time.perf_counter() - start
        print(f"no TimeoutError: the block ran to its end, {elapsed:.1f} s")
    except TimeoutError:
        print("timed out")


asyncio.run(main())
