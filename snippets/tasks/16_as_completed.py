import asyncio


async def fetch(name: str, seconds: float) -> str:
    await asyncio.sleep(seconds)
    return name


async def main() -> None:
    calls = [fetch("slow", 0.3), fetch("fast", 0.1), fetch("medium", 0.2)]
    # in the order they finish, not the order given
    for next_done in asyncio.as_completed(calls):
        print(f"got {await next_done}")


asyncio.run(main())
