import asyncio
import time

start = time.perf_counter()


async def fetch(url: str, limit: asyncio.Semaphore) -> None:
    async with limit:  # at most 2 tasks inside at once; the others wait
        print(f"{time.perf_counter() - start:.1f} s  {url}: start")
        await asyncio.sleep(0.2)  # the request


async def main() -> None:
    limit = asyncio.Semaphore(2)
    await asyncio.gather(*(fetch(f"/page/{n}", limit) for n in range(5)))
    elapsed = time.perf_counter() - start
    print(f"{elapsed:.1f} s  5 requests done, 2 at a time")


asyncio.run(main())
