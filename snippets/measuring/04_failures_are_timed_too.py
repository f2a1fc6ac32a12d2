import asyncio

from util import async_timed


@async_timed
async def flaky_download(seconds: float) -> bytes:
    await asyncio.sleep(seconds)
    raise ConnectionError("the server hung up")


@async_timed
async def slow_download(seconds: float) -> bytes:
    await asyncio.sleep(seconds)
    return b"data"


async def main() -> None:
    try:
        await flaky_download(0.5)
    except ConnectionError as error:
        print(f"main caught ConnectionError: {error}")
    try:
        # cancelled after 0.7 s
        await asyncio.wait_for(slow_download(2), timeout=0.7)
    except TimeoutError:
        print("main caught TimeoutError")


asyncio.run(main())
