import asyncio


async def stubborn() -> str:
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        # no `raise`: the cancellation is swallowed
        print("stubborn: cancelled, but carrying on")
    return "finished anyway"


async def main() -> None:
    task = asyncio.create_task(stubborn())
    await asyncio.sleep(0.1)
    task.cancel()
    print(f"after cancel(): cancelling() = {task.cancelling()}")
    result = await task  # no CancelledError: the task returned normally
    print(f"result: {result!r}")
    print(f"cancelled() = {task.cancelled()}")
    print(f"cancelling() = {task.cancelling()}")


asyncio.run(main())
