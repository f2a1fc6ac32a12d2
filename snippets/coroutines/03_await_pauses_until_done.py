import asyncio
import time


async def hello_world_message() -> str:
    await asyncio.sleep(1)
    return "Hello World!"


async def main() -> None:
    start = time.perf_counter()
    print("main: awaiting hello_world_message()")
    # main pauses here until the coroutine returns
    message = await hello_world_message()
    elapsed = time.perf_counter() - start
    print(f"main: got {message!r} after {elapsed:.1f} s")


asyncio.run(main())
