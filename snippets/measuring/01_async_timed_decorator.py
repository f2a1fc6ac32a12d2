import asyncio
import functools
import inspect
import time


def async_timed(func):
    """Decorate a coroutine function to print how long each call took."""
    if not inspect.iscoroutinefunction(func):
        raise TypeError(f"async_timed needs an async def, not {func!r}")

    @functools.wraps(func)  # the wrapper keeps func's name and docstring
    async def wrapped(*args, **kwargs):
        print(f"starting {func.__name__} with args {args} {kwargs}")
        start = time.perf_counter()
        try:
            return await func(*args, **kwargs)
        finally:  # also when the call fails or is cancelled
            elapsed = time.perf_counter() - start
            print(f"{func.__name__} finished in {elapsed:.1f} second(s)")

    return wrapped


@async_timed
async def greet_later(name: str, seconds: float) -> str:
    """Wait, then greet."""
    await asyncio.sleep(seconds)
    return f"Hello, {name}!"


async def main() -> None:
    print(await greet_later("Ada", seconds=1))
    print(f"name: {greet_later.__name__}")
    print(f"docstring: {greet_later.__doc__!r}")


asyncio.run(main())
