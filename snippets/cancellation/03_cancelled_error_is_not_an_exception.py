import asyncio
from asyncio import CancelledError

is_exception = issubclass(CancelledError, Exception)
print(f"CancelledError is an Exception: {is_exception}")
is_base = issubclass(CancelledError, BaseException)
print(f"CancelledError is a BaseException: {is_base}")


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
    except CancelledError:
        print("the cancellation went straight through `except Exception`")


asyncio.run(main())
