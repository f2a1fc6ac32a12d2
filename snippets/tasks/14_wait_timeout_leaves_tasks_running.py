import asyncio
import time


async def fetch(name: str, seconds: float) -> str:
    await asyncio.sleep(seconds)
    print(f"{name} finished")
    return name


async def main() -> None:
    start = time.perf_counter()
    tasks = [asyncio.create_task(fetch("a", 0.2)), asyncio.create_task(fetch("b", 0.6))]
    done, pending = await asyncio.wait(tasks, timeout=0.4)  # no TimeoutError: it just returns
    print(f"after {time.perf_counter() - start:.1f} s: {len(done)} done, {len(pending)} pending")
    results = await asyncio.gather(*pending)  # the timeout did not cancel them
    print(f"after {time.perf_counter() - start:.1f} s: the pending one returned {results}")


asyncio.run(main())
