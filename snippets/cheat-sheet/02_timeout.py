import asyncio


async def main() -> None:
    try:
        async with asyncio.timeout(0.5):
            await asyncio.sleep(2)
    except TimeoutError:  # since 3.11, the same as asyncio.TimeoutError
        print("gave up after 0.5 s")


asyncio.run(main())
