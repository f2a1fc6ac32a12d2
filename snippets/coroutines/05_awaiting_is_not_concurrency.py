import asyncio
import time

from util import delay


async def main() -> None:
    start = time.perf_counter()
    await delay(1)
    await delay(1)  # starts only after the first delay has finished
    print(f"two 1-second waits took {time.perf_counter() - start:.1f} s")


asyncio.run(main())
