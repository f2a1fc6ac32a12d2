import asyncio

from util import delay


async def main() -> None:
    sleep_for_one = asyncio.create_task(delay(1))  # wraps the coroutine and schedules it
    print(f"create_task returned a Task: {isinstance(sleep_for_one, asyncio.Task)}")
    result = await sleep_for_one  # waits for the task and gives its return value
    print(f"the task returned {result}")


asyncio.run(main())
