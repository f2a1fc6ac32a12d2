import asyncio
import time


async def main() -> None:
    start = time.perf_counter()
    try:
        async with asyncio.timeout(0.5):
            await asyncio.sleep(2)
    except TimeoutError:  # since 3.11, the same as asyncio.TimeoutError
        print(f"gave up after {time.perf_counter() - start:.1f} s")


asyncio.run(main())
