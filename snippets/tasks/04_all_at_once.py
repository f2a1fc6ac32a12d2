import asyncio
import time


async def download(name: str, seconds: float) -> str:
    await asyncio.sleep(seconds)  # stands in for waiting on the network
    print(f"{time.perf_counter() - start:.1f} s: {name} done")
    return name


async def main() -> None:
    task_a = asyncio.create_task(download("a", 0.5))
    task_b = asyncio.create_task(download("b", 1.0))
    task_c = asyncio.create_task(download("c", 1.5))
    await task_a
    await task_b
    await task_c
    print(f"all three took {time.perf_counter() - start:.1f} s")


start = time.perf_counter()
asyncio.run(main())
