import asyncio

from util import delay


async def main() -> None:
    delay(1)  # forgot `await`: makes a coroutine object and drops it
    print("main is done, and delay(1) never ran")


asyncio.run(main())
