import asyncio
import inspect


async def fetch() -> int:
    return 42


async def main() -> None:
    coroutine = fetch()
    task = asyncio.create_task(fetch())
    future = asyncio.get_running_loop().create_future()
    candidates = {
        "coroutine function": fetch,
        "coroutine": coroutine,
        "task": task,
        "future": future,
        "number": 42,
    }
    for name, candidate in candidates.items():
        print(f"{name}: awaitable = {inspect.isawaitable(candidate)}")
    coroutine.close()  # never awaited on purpose: close it to say so
    future.cancel()
    await task


asyncio.run(main())
