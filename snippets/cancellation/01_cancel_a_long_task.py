import asyncio

from util import delay


async def main() -> None:
    long_task = asyncio.create_task(delay(10))
    checks = 0
    while not long_task.done():
        print("task not finished, checking again in half a second")
        await asyncio.sleep(0.5)
        checks += 1
        if checks == 2:
            long_task.cancel()
    try:
        await long_task
    except asyncio.CancelledError:
        print("our task was cancelled")


asyncio.run(main())
