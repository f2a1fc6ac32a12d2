import asyncio
import inspect
from collections.abc import Awaitable, Coroutine


async def work() -> int:
    return 1


async def main() -> None:
    coroutine = work()
    task = asyncio.create_task(work())
    future = asyncio.get_running_loop().create_future()

    print(f"asyncio.Task's classes: {[c.__name__ for c in asyncio.Task.__mro__]}")
    print(f"the coroutine is a Future: {isinstance(coroutine, asyncio.Future)}")
    print(f"the coroutine's classes: {[c.__name__ for c in type(coroutine).__mro__]}")
    print(f"the coroutine is a Coroutine: {isinstance(coroutine, Coroutine)}")
    for name, thing in [("coroutine", coroutine), ("task", task), ("future", future)]:
        print(
            f"{name:9} Awaitable: {isinstance(thing, Awaitable)}, "
            f"isawaitable: {inspect.isawaitable(thing)}"
        )

    future.set_result(None)
    await asyncio.gather(coroutine, task, future)


asyncio.run(main())
