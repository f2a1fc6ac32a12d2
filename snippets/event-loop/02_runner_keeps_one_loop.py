import asyncio


async def current_loop() -> asyncio.AbstractEventLoop:
    return asyncio.get_running_loop()


with asyncio.Runner() as runner:
    first = runner.run(current_loop())
    second = runner.run(current_loop())
    print(f"both runs used the same loop: {first is second}")
    print(f"runner.get_loop() is that loop: {runner.get_loop() is first}")
print(f"closed when the with block ends: {first.is_closed()}")

first, second = asyncio.run(current_loop()), asyncio.run(current_loop())
print(f"two asyncio.run calls used the same loop: {first is second}")
