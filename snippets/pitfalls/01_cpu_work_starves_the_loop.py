import asyncio

ticks = 0


async def ticker() -> None:
    global ticks
    while True:
        await asyncio.sleep(0.01)
        ticks += 1


def sum_of_squares(limit: int) -> int:
    # pure computation, no await
    return sum(number * number for number in range(limit))


async def main() -> None:
    ticker_task = asyncio.create_task(ticker())

    before = ticks
    await asyncio.sleep(0.3)
    print(f"ticker ran while main slept: {ticks > before}")

    before = ticks
    total = sum_of_squares(3_000_000)
    print(f"ticker ran while main computed: {ticks > before} (sum {total})")

    ticker_task.cancel()


asyncio.run(main())
