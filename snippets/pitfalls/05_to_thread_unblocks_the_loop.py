import asyncio
import time


def blocking_get(url: str) -> int:
    """Stands in for a blocking HTTP call such as requests.get(url)."""
    time.sleep(1)
    return 200


async def fetch_status(url: str, start: float) -> int:
    print(f"{url}: started at {time.perf_counter() - start:.1f} s")
    # blocks a thread, not the loop
    return await asyncio.to_thread(blocking_get, url)


async def main() -> None:
    start = time.perf_counter()
    urls = [f"https://example.com/{page}" for page in "abc"]
    calls = [fetch_status(url, start) for url in urls]
    statuses = await asyncio.gather(*calls)
    print(f"{statuses} after {time.perf_counter() - start:.1f} s")


asyncio.run(main())
