import asyncio


async def fetch(page: int, seconds: float) -> str:
    await asyncio.sleep(seconds)
    print(f"page {page} arrived")
    return f"page {page}"


async def main() -> None:
    results = await asyncio.gather(
        fetch(1, 0.3), fetch(2, 0.1), fetch(3, 0.2)
    )
    print(results)


asyncio.run(main())
