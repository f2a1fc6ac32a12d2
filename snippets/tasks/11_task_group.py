import asyncio


async def fetch(page: int, seconds: float) -> str:
    await asyncio.sleep(seconds)
    print(f"page {page} arrived")
    return f"page {page}"


async def main() -> None:
    async with asyncio.TaskGroup() as group:
        first = group.create_task(fetch(1, 0.2))
        second = group.create_task(fetch(2, 0.1))
        print("both tasks created")
    # leaving the block waited for every task in the group
    print(first.result(), second.result())


asyncio.run(main())
