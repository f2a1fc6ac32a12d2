import asyncio
import inspect


def not_a_coroutine() -> int:
    return 42


async def main() -> None:
    print(f"is 42 awaitable? {inspect.isawaitable(not_a_coroutine())}")
    try:
        await not_a_coroutine()  # it returns 42, then `await 42` fails
    except TypeError:
        print("awaiting it raised TypeError")


asyncio.run(main())
