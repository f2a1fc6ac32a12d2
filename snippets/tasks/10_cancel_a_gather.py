import asyncio


async def fetch(name: str, seconds: float) -> str:
    try:
        await asyncio.sleep(seconds)
        return name
    except asyncio.CancelledError:
        print(f"{name}: cancelled")
        raise


async def main() -> None:
    a = asyncio.create_task(fetch("a", 0.1))
    b = asyncio.create_task(fetch("b", 1))
    both = asyncio.gather(a, b)
    await asyncio.sleep(0.2)  # a has finished, b is still sleeping
    both.cancel()  # cancels every child that is not done yet
    try:
        await both
    except asyncio.CancelledError:
        print("the gather was cancelled")
    print(f"a: {a.result()!r}, b cancelled: {b.cancelled()}")


asyncio.run(main())
