import asyncio


async def fetch(page: int, seconds: float) -> str:
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        print(f"page {page}: cancelled")
        raise
    if page == 2:
        raise ValueError(f"page {page} is broken")
    print(f"page {page} arrived")
    return f"page {page}"


async def main() -> None:
    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(fetch(1, 0.1))
            group.create_task(fetch(2, 0.2))
            group.create_task(fetch(3, 1.0))
    except* ValueError as group_error:
        print(f"caught {group_error!r}")
        for error in group_error.exceptions:
            print(f"  {error!r}")


asyncio.run(main())
