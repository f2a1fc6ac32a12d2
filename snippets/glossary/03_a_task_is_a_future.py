import asyncio
import collections.abc
from asyncio import Task

print(f"Task is a subclass of Future: {issubclass(Task, asyncio.Future)}")
for kind in (asyncio.Future, asyncio.Task, collections.abc.Coroutine):
    awaitable = issubclass(kind, collections.abc.Awaitable)
    print(f"{kind.__name__} is Awaitable: {awaitable}")
print(f"Task is a Coroutine: {issubclass(Task, collections.abc.Coroutine)}")
