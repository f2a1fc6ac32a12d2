import asyncio


async def fetch(page: int, seconds: float) -> str:
    await asyncio.sleep(seconds)
    if page == 2:
        raise ValueError(f"page {page} is broken")
    print(f"page {page} arrived")
    return f"page {page}"


async def main() -> None:
    try:
        await asyncio.gather(fetch(1, 0.7), fetch(2, 0.1), fetch(3, 0.4))
    except ValueError as error:
        print(f"gather raised: {error}")
    await asyncio.sleep(0.8)  # the other two were not cancelled

    print("again, with return_exceptions=True:")
    results = await asyncio.gather(
        fetch(1, 0.3), fetch(2, 0.1), fetch(3, 0.2), return_exceptions=True
    )
    print(results)


asyncio.run(main())
