import asyncio


async def save(record: str) -> None:
    await asyncio.sleep(0.1)


async def main() -> None:
    save("record 1")  # forgot `await`


asyncio.run(main(), debug=True)
