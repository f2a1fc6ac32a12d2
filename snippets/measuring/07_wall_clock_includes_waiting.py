import asyncio
import time

from util import async_timed


@async_timed
async def quick_lookup() -> None:
    await asyncio.sleep(0.1)  # needs only a tenth of a second


async def hog_the_loop() -> None:
    time.sleep(1)  # stands for CPU-heavy work: no await, the loop is stuck


async def main() -> None:
    hog = asyncio.create_task(hog_the_loop())
    await quick_lookup()
    await hog


asyncio.run(main())
