import asyncio


async def ticks(count: int):
    for number in range(count):
        await asyncio.sleep(0.1)
        yield number


async def square(number: int) -> int:
    await asyncio.sleep(0.1)
    return number * number


async def main() -> None:
    # async for inside a comprehension
    evens = [tick async for tick in ticks(6) if tick % 2 == 0]
    print(f"evens: {evens}")
    # await inside: one after another, not concurrently
    squares = [await square(n) for n in evens]
    print(f"squares: {squares}")
    together = await asyncio.gather(*(square(n) for n in evens))  # at once
    print(f"with gather: {together}")


asyncio.run(main())
