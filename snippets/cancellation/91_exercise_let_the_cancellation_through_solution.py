import asyncio

from exercise import check

cleaned_up = []


async def worker() -> str:
    try:
        await asyncio.sleep(10)  # a long job
        return "finished"
    except asyncio.CancelledError:
        cleaned_up.append(True)  # close files, save progress...
        raise  # let the cancellation go on: the task ends cancelled


async def main() -> asyncio.Task:
    task = asyncio.create_task(worker())
    await asyncio.sleep(0.1)
    task.cancel()
    await asyncio.wait([task])  # wait for it to end, whatever the outcome
    return task


task = asyncio.run(main())

check(
    ("the worker cleaned up", cleaned_up == [True]),
    ("the task ended cancelled", task.cancelled()),
)
