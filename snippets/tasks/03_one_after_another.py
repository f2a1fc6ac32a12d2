import asyncio
import time


async def download(name: str, seconds: float) -> str:
    await asyncio.sleep(seconds)  # stands in for waiting on the network
    print(f"{time.perf_counter() - start:.1f} s: {name} done")
    return name


async def main() -> None:
    await download("a", 0.5)
    await download("b", 1.0)
    await download("c", 1.5)
    print(f"all three took {time.perf_counter() - start:.1f} s")


start = time.perf_counter()
asyncio.run(main())
