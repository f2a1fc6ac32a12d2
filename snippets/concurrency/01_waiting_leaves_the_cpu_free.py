import asyncio
import time


def sum_of_squares(limit: int) -> int:
    """CPU-bound: only a faster processor makes this faster."""
    return sum(number * number for number in range(limit))


async def download_page() -> str:
    """I/O-bound: it spends almost all its time waiting for the network."""
    await asyncio.sleep(1)  # stands in for waiting on a server's reply
    return "<html>...</html>"


async def main() -> None:
    start = time.perf_counter()
    # the download waits in the background
    download = asyncio.create_task(download_page())
    await asyncio.sleep(0)  # let the download begin its wait
    print(f"while waiting, computed {sum_of_squares(100_000)}")
    page = await download
    elapsed = time.perf_counter() - start
    print(f"got {len(page)} characters after {elapsed:.1f} s in total")


asyncio.run(main())
