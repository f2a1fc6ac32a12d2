import asyncio
import inspect
from collections.abc import Awaitable


class Timer:
    """Awaiting a Timer waits its seconds, then returns how long it took."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def __await__(self):
        # __await__ returns an iterator: a coroutine's __await__ gives one
        yield from asyncio.sleep(self.seconds).__await__()
        return self.seconds


async def main() -> None:
    timer = Timer(0.5)
    inherits = Awaitable in type(timer).__mro__
    print(f"Awaitable among Timer's classes: {inherits}")
    recognised = isinstance(timer, Awaitable)
    print(f"yet isinstance(timer, Awaitable): {recognised}")
    print(f"inspect.isawaitable(timer): {inspect.isawaitable(timer)}")
    waited = await timer
    print(f"waited {waited} s")


asyncio.run(main())
