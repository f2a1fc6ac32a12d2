import asyncio

from util import async_timed


@async_timed
async def wait(seconds: float) -> float:
    await asyncio.sleep(seconds)
    return seconds


# with or without (): both forms work, and the book's listings use this one
@async_timed()
async def main() -> None:
    await asyncio.gather(wait(1), wait(2))


asyncio.run(main())
