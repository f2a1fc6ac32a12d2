import asyncio


async def which_task() -> str:
    return asyncio.current_task().get_name()


async def main() -> None:
    asyncio.current_task().set_name("main")
    name = await asyncio.wait_for(which_task(), timeout=1)
    print(f"wait_for ran the coroutine in the task named {name!r}")


asyncio.run(main())
