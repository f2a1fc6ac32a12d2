import asyncio
import collections.abc

print(f"Task is a subclass of Future: {issubclass(asyncio.Task, asyncio.Future)}")
for kind in (asyncio.Future, asyncio.Task, collections.abc.Coroutine):
    awaitable = issubclass(kind, collections.abc.Awaitable)
    print(f"{kind.__name__} is Awaitable: {awaitable}")
print(f"Task is a Coroutine: {issubclass(asyncio.Task, collections.abc.Coroutine)}")
