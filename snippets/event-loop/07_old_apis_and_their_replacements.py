import asyncio


async def main() -> None:
    running = asyncio.get_running_loop()
    # inside a coroutine, get_event_loop() returns the running loop, always
    same = asyncio.get_event_loop() is running
    print(f"get_event_loop() is get_running_loop(): {same}")

    try:
        await asyncio.sleep(0.1, loop=running)  # removed in Python 3.10
    except TypeError as error:
        print(f"TypeError: {error}")
    try:
        asyncio.Queue(loop=running)
    except TypeError as error:
        print(f"TypeError: {error}")


asyncio.run(main())
