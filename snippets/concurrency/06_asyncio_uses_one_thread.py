import asyncio
import threading
import time


async def wait(name: str, seconds: float) -> None:
    await asyncio.sleep(seconds)
    print(f"{name} finished on {threading.current_thread().name}")


async def main() -> None:
    start = time.perf_counter()
    await asyncio.gather(
        wait("first", 0.3), wait("second", 0.6), wait("third", 0.9)
    )
    elapsed = time.perf_counter() - start
    print(f"three waits overlapped: {elapsed:.1f} s in total")
    print(f"threads in this process: {threading.active_count()}")


asyncio.run(main())
