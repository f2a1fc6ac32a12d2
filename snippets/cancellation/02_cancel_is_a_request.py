import asyncio


async def save_work() -> str:
    try:
        await asyncio.sleep(10)
        return "saved"
    except asyncio.CancelledError:
        print("save_work: cancelled while sleeping; cleaning up")
        await asyncio.sleep(0.2)  # it may still await while it cleans up
        print("save_work: cleaned up")
        raise  # let the cancellation finish the task


async def main() -> None:
    task = asyncio.create_task(save_work())
    await asyncio.sleep(0.1)
    requested = task.cancel()
    print(f"cancel() returned {requested}; done right after: {task.done()}")
    try:
        await task
    except asyncio.CancelledError:
        print(f"task cancelled: {task.cancelled()}")
    print(f"cancel() on a finished task returned {task.cancel()}")


asyncio.run(main())
