import asyncio


async def greet() -> None:
    print("task: started")
    await asyncio.sleep(0.1)
    print("task: finished")


async def returns_at_once() -> None:
    return None


async def main() -> None:
    task = asyncio.create_task(greet())
    print("main: task created")
    await returns_at_once()  # never suspends, so main keeps running
    print("main: awaited a coroutine that did not suspend")
    # main suspends, yielding to the loop: the task gets its first turn
    await asyncio.sleep(0)
    print("main: resumed after the task's first step")
    await task


asyncio.run(main())
