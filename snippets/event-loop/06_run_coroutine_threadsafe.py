import asyncio
import threading


async def lookup(key: str) -> str:
    await asyncio.sleep(0.1)
    return key.upper()


def worker(loop: asyncio.AbstractEventLoop) -> None:
    """Plain code in another thread, asking the loop to run a coroutine."""
    # a concurrent.futures.Future, not an asyncio one
    future = asyncio.run_coroutine_threadsafe(lookup("answer"), loop)
    answer = future.result(timeout=5)  # blocks this thread only
    print(f"worker thread got {answer!r}")


async def main() -> None:
    loop = asyncio.get_running_loop()
    thread = threading.Thread(target=worker, args=[loop])
    thread.start()
    # wait for the thread without blocking the loop
    await asyncio.to_thread(thread.join)
    print("main: the worker is done")


asyncio.run(main())
