import asyncio
import functools
import traceback


def timed_without_wraps(func):
    async def wrapped(*args):
        return await func(*args)

    return wrapped


def timed_with_wraps(func):
    @functools.wraps(func)
    async def wrapped(*args):
        return await func(*args)

    return wrapped


async def fetch(fail: bool) -> None:
    """Fetch something, or fail."""
    await asyncio.sleep(0.1)
    if fail:
        raise ValueError("no answer")


async def main() -> None:
    for decorate in (timed_without_wraps, timed_with_wraps):
        decorated = decorate(fetch)
        print(f"{decorate.__name__}:")
        print(f"  __name__ {decorated.__name__!r}")
        print(f"  __qualname__ {decorated.__qualname__!r}")
        print(f"  __doc__ {decorated.__doc__!r}")
        wrapped = getattr(decorated, "__wrapped__", None)
        print(f"  __wrapped__ is fetch: {wrapped is fetch}")
        task = asyncio.create_task(decorated(True))
        coroutine = task.get_coro().__qualname__
        print(f"  task name {task.get_name()!r}")
        print(f"  its coroutine {coroutine!r}")
        try:
            await task
        except ValueError as error:
            frames = traceback.extract_tb(error.__traceback__)
            names = [frame.name for frame in frames]
            print(f"  traceback frames: {names}")


asyncio.run(main())
