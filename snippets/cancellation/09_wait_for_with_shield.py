import asyncio

from util import delay


async def main() -> None:
    task = asyncio.create_task(delay(2))
    try:
        result = await asyncio.wait_for(asyncio.shield(task), timeout=1)
        print(result)
    except TimeoutError:
        print("the task takes longer than a second; it will finish soon")
        print(f"was it cancelled? {task.cancelled()}")
        result = await task  # our reference to the task lets us wait for it
        print(f"result: {result}")


asyncio.run(main())
