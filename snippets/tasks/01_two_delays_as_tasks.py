import asyncio
import time

from util import delay


async def main() -> None:
    start = time.perf_counter()
    # create_task wraps each coroutine in a task and schedules it
    first = asyncio.create_task(delay(1))
    second = asyncio.create_task(delay(1))
    print(f"create_task returned a Task: {isinstance(first, asyncio.Task)}")
    results = [await first, await second]  # each gives a task's result
    print(f"the tasks returned {results}")
    print(f"two 1-second waits took {time.perf_counter() - start:.1f} s")


asyncio.run(main())
