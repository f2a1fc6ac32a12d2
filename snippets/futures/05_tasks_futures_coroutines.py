import asyncio
import inspect
from asyncio import Future, Task
from collections.abc import Awaitable, Coroutine


async def work() -> int:
    return 1


async def main() -> None:
    coroutine = work()
    task = asyncio.create_task(work())
    future = asyncio.get_running_loop().create_future()

    print(f"asyncio.Task's classes: {[c.__name__ for c in Task.__mro__]}")
    print(f"the coroutine is a Future: {isinstance(coroutine, Future)}")
    classes = [c.__name__ for c in type(coroutine).__mro__]
    print(f"the coroutine's classes: {classes}")
    is_coroutine = isinstance(coroutine, Coroutine)
    print(f"the coroutine is a Coroutine: {is_coroutine}")
    things = {"coroutine": coroutine, "task": task, "future": future}
    for name, thing in things.items():
        print(
            f"{name:9} Awaitable: {isinstance(thing, Awaitable)}, "
            f"isawaitable: {inspect.isawaitable(thing)}"
        )

    future.set_result(None)
    await asyncio.gather(coroutine, task, future)


asyncio.run(main())
