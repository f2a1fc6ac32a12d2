import asyncio


async def which_task() -> None:
    name = asyncio.current_task().get_name()
    print(f"which_task runs in the task named {name!r}")


async def main() -> None:
    asyncio.current_task().set_name("main")
    await asyncio.wait_for(which_task(), timeout=1)
    try:
        await asyncio.wait_for(which_task(), timeout=0)  # no time at all
    except TimeoutError:
        print("with timeout=0: TimeoutError; which_task printed nothing")


asyncio.run(main())
