import asyncio


async def ticks(count: int, seconds: float):
    """An async generator: `async def` with `yield`, awaiting in between."""
    for number in range(count):
        await asyncio.sleep(seconds)
        yield number


async def main() -> None:
    async for tick in ticks(3, 0.1):  # awaits each next value
        print(f"tick {tick}")
    generator = ticks(3, 0.1)
    kind = type(generator).__name__
    print(f"an async generator is not a coroutine: {kind}")
    print(f"first value, by hand: {await anext(generator)}")
    # finish it now, rather than leave it to asyncio.run's clean-up
    await generator.aclose()


asyncio.run(main())
