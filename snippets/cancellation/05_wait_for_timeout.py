import asyncio

from util import delay


async def main() -> None:
    same_class = asyncio.TimeoutError is TimeoutError
    print(f"asyncio.TimeoutError is TimeoutError: {same_class}")
    delay_task = asyncio.create_task(delay(2))
    try:
        result = await asyncio.wait_for(delay_task, timeout=1)
        print(result)
    except TimeoutError:  # the built-in exception
        print("got a timeout!")
        print(f"was the task cancelled? {delay_task.cancelled()}")


asyncio.run(main())
