import asyncio


async def echo_later(word: str, seconds: float) -> str:
    await asyncio.sleep(seconds)
    return word


async def main() -> None:
    words = await asyncio.gather(
        echo_later("first", 0.3), echo_later("second", 0.1)
    )
    print(words)  # in the order given, not the order they finished


asyncio.run(main())
