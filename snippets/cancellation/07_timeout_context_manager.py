import asyncio


async def main() -> None:
    try:
        async with asyncio.timeout(0.5) as deadline:
            await asyncio.sleep(0.2)
            print("first step done in time")
            # 0.5 s for the whole block, not for each await
            await asyncio.sleep(0.5)
            print("never printed")
    except TimeoutError:
        print(f"the block timed out; expired() = {deadline.expired()}")


asyncio.run(main())
