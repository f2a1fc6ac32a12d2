import asyncio


async def main() -> None:
    loop = asyncio.get_running_loop()
    print(f"inside a coroutine: got the loop, running={loop.is_running()}")


try:
    asyncio.get_running_loop()
except RuntimeError as error:
    print(f"outside any coroutine: RuntimeError: {error}")

asyncio.run(main())
