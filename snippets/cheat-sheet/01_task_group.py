import asyncio


async def square_later(number: int) -> int:
    await asyncio.sleep(number / 10)
    return number * number


async def main() -> None:
    async with asyncio.TaskGroup() as group:  # waits for every task it started
        tasks = [group.create_task(square_later(n)) for n in (3, 1, 2)]
    print([task.result() for task in tasks])


asyncio.run(main())
