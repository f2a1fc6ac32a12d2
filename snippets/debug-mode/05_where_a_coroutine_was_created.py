import asyncio


async def save(record: str) -> None:
    await asyncio.sleep(0.1)


async def main() -> None:
    # writing the warning below takes a moment: keep debug mode from also calling this step slow
    asyncio.get_running_loop().slow_callback_duration = 1
    save("record 1")  # forgot `await`


asyncio.run(main(), debug=True)
