import asyncio

print(f"CancelledError is an Exception: {issubclass(asyncio.CancelledError, Exception)}")
print(f"CancelledError is a BaseException: {issubclass(asyncio.CancelledError, BaseException)}")


async def careful_worker() -> None:
    try:
        await asyncio.sleep(10)
    except Exception as error:  # catches errors, but not cancellation
        print(f"handled {error!r}")


async def main() -> None:
    task = asyncio.create_task(careful_worker())
    await asyncio.sleep(0.1)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("the cancellation went straight through `except Exception`")


asyncio.run(main())
