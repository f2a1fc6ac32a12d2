# local-only: starts threads, which the in-browser Python cannot do
import asyncio
import time


def blocking_get(url: str) -> int:
    """Stands in for a blocking HTTP call such as requests.get(url)."""
    time.sleep(1)
    return 200


async def fetch_status(url: str, start: float) -> int:
    print(f"{url}: started at {time.perf_counter() - start:.1f} s")
    return await asyncio.to_thread(blocking_get, url)  # blocks a thread, not the loop


async def main() -> None:
    start = time.perf_counter()
    urls = ["https://example.com/a", "https://example.com/b", "https://example.com/c"]
    statuses = await asyncio.gather(*(fetch_status(url, start) for url in urls))
    print(f"{statuses} after {time.perf_counter() - start:.1f} s")


asyncio.run(main())
