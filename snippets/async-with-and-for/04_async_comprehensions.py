import asyncio


async def ticks(count: int):
    for number in range(count):
        await asyncio.sleep(0.1)
        yield number


async def square(number: int) -> int:
    await asyncio.sleep(0.1)
    return number * number


async def main() -> None:
    evens = [tick async for tick in ticks(6) if tick % 2 == 0]  # async for inside a comprehension
    print(f"evens: {evens}")
    squares = [await square(n) for n in evens]  # await inside: one after another, not concurrently
    print(f"squares: {squares}")
    together = await asyncio.gather(*(square(n) for n in evens))  # concurrently
    print(f"with gather: {together}")


asyncio.run(main())
