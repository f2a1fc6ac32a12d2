import asyncio


async def square_later(number: int) -> int:
    await asyncio.sleep(number / 10)
    return number * number


async def main() -> None:
    # the block ends when every task it started is done
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(square_later(n)) for n in (3, 1, 2)]
    print([task.result() for task in tasks])


asyncio.run(main())
