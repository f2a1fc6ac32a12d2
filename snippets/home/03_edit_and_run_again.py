import asyncio


async def count_down(name: str, start: int, pause: float) -> None:
    for number in range(start, 0, -1):
        print(f"{name}: {number}")
        await asyncio.sleep(pause)
    print(f"{name}: lift-off")


async def main() -> None:
    # Try it: change a pause or add a third rocket, then run again.
    await asyncio.gather(
        count_down("rocket A", 3, 0.2),
        count_down("rocket B", 2, 0.9),
    )


asyncio.run(main())
