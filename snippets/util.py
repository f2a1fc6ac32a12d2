"""Helpers shared by the snippets: `from util import delay, async_timed`."""

import asyncio
import functools
import inspect
import time


async def delay(delay_seconds: float) -> float:
    """Sleep without blocking the event loop, saying when it starts and ends."""
    print(f"sleeping for {delay_seconds} second(s)")
    await asyncio.sleep(delay_seconds)
    print(f"finished sleeping for {delay_seconds} second(s)")
    return delay_seconds


def async_timed(func=None):
    """Decorate a coroutine function to print how long each call took, wall clock, waits included.

    Use it as `@async_timed` or, as the book's listings do, `@async_timed()`."""
    if func is None:
        return async_timed
    if not inspect.iscoroutinefunction(func):
        name = getattr(func, "__qualname__", type(func).__name__)
        raise TypeError(f"async_timed needs a coroutine function (async def), not {name!r}")

    @functools.wraps(func)
    async def wrapped(*args, **kwargs):
        print(f"starting {func.__name__} with args {args} {kwargs}")
        start = time.perf_counter()
        try:
            return await func(*args, **kwargs)
        finally:  # also when the call fails or is cancelled
            elapsed = time.perf_counter() - start
            print(f"{func.__name__} finished in {elapsed:.1f} second(s)")

    return wrapped
