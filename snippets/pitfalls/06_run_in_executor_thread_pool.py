import asyncio
import time
from concurrent.futures import ThreadPoolExecutor


def blocking_get(url: str) -> int:
    """Stands in for a blocking HTTP call such as requests.get(url)."""
    time.sleep(1)
    return 200


async def main() -> None:
    start = time.perf_counter()
    urls = [f"https://example.com/{n}" for n in range(6)]
    loop = asyncio.get_running_loop()
    with ThreadPoolExecutor(max_workers=3) as pool:  # 3 calls at a time
        calls = [
            loop.run_in_executor(pool, blocking_get, url) for url in urls
        ]
        statuses = await asyncio.gather(*calls)
    elapsed = time.perf_counter() - start
    count = len(statuses)
    print(f"{count} calls with 3 threads: {statuses} after {elapsed:.1f} s")


asyncio.run(main())
