import asyncio
import time

from exercise import check

timings = []  # (function name, seconds) for every call, however it ended


def async_timed(func):
    async def wrapped(*args, **kwargs):
        start = time.perf_counter()
        result = await func(*args, **kwargs)
        timings.append((func.__name__, time.perf_counter() - start))
        return result

    return wrapped


@async_timed
async def fetch(fail: bool) -> str:
    """Fetch a page, or fail."""
    await asyncio.sleep(0.1)
    if fail:
        raise ConnectionError("no route")
    return "page"


async def main() -> None:
    await fetch(False)
    try:
        await fetch(True)
    except ConnectionError:
        pass


asyncio.run(main())

named = (fetch.__name__, fetch.__doc__)
named = named == ("fetch", "Fetch a page, or fail.")
timed = [name for name, _ in timings]
check(
    ("fetch keeps its name and docstring", named),
    ("both calls are timed, the failed one too", timed == ["fetch"] * 2),
)
