# local-only: starts a thread, which the browser's Python cannot do
import asyncio
import threading


async def lookup(key: str) -> str:
    await asyncio.sleep(0.1)
    return key.upper()


def worker(loop: asyncio.AbstractEventLoop) -> None:
    """Plain code in another thread, asking the event loop's thread to run a coroutine."""
    future = asyncio.run_coroutine_threadsafe(lookup("answer"), loop)  # a concurrent.futures.Future
    print(f"worker thread got {future.result(timeout=5)!r}")  # blocks this thread only


async def main() -> None:
    loop = asyncio.get_running_loop()
    thread = threading.Thread(target=worker, args=[loop])
    thread.start()
    await asyncio.to_thread(thread.join)  # wait for the thread without blocking the loop
    print("main: the worker is done")


asyncio.run(main())
