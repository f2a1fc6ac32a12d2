import asyncio
import time


async def fetch(name: str, seconds: float) -> str:
    await asyncio.sleep(seconds)
    print(f"{name} finished")
    return name


async def main() -> None:
    start = time.perf_counter()
    tasks = [
        asyncio.create_task(fetch("a", 0.2)),
        asyncio.create_task(fetch("b", 0.6)),
    ]
    # no TimeoutError: it just returns
    done, pending = await asyncio.wait(tasks, timeout=0.4)
    elapsed = time.perf_counter() - start
    print(f"after {elapsed:.1f} s: {len(done)} done,", end=" ")
    print(f"{len(pending)} pending")
    # the timeout did not cancel them
    results = await asyncio.gather(*pending)
    elapsed = time.perf_counter() - start
    print(f"after {elapsed:.1f} s: the pending one returned {results}")


asyncio.run(main())
