import asyncio

from exercise import check

PRICES = {"tea": 3}


def legacy_lookup(item: str, on_result, on_error) -> None:
    """A callback-based library: it calls one of the two functions later."""
    loop = asyncio.get_running_loop()
    if item in PRICES:
        loop.call_later(0.1, on_result, PRICES[item])
    else:
        loop.call_later(0.1, on_error, KeyError(item))


async def lookup(item: str) -> int:
    future = asyncio.get_running_loop().create_future()

    def on_error(error: Exception) -> None:
        future.set_result(None)

    legacy_lookup(item, future.set_result, on_error)
    return await future


async def main() -> tuple[int, str]:
    price = await lookup("tea")
    try:
        missing = await lookup("cake")
        return price, f"returned {missing!r}"
    except KeyError as error:
        return price, f"raised KeyError({error})"


price, cake = asyncio.run(main())

check(
    ("lookup('tea') returns 3", price == 3),
    ("lookup('cake') raises KeyError", cake.startswith("raised KeyError")),
)
