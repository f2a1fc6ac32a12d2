import asyncio

from util import delay


async def main() -> None:
    print(f"asyncio.TimeoutError is TimeoutError: {asyncio.TimeoutError is TimeoutError}")
    delay_task = asyncio.create_task(delay(2))
    try:
        result = await asyncio.wait_for(delay_task, timeout=1)
        print(result)
    except TimeoutError:  # the built-in exception
        print("got a timeout!")
        print(f"was the task cancelled? {delay_task.cancelled()}")


asyncio.run(main())
