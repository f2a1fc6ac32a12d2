import asyncio
import time


async def add_one(number: int) -> int:
    return number + 1


async def hello_world_message() -> str:
    await asyncio.sleep(1)
    return "Hello World!"


async def main() -> None:
    start = time.perf_counter()
    message = await hello_world_message()
    print(f"{time.perf_counter() - start:.1f} s: {message}")
    one_plus_one = await add_one(1)  # starts once the line above is done
    print(f"{time.perf_counter() - start:.1f} s: {one_plus_one}")


asyncio.run(main())
