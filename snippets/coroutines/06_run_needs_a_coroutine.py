import asyncio


async def main() -> str:
    return "done"


try:
    asyncio.run(main)  # the function itself, not a coroutine made by calling it
except Exception as error:
    print(f"{type(error).__name__}: {error}")

print(asyncio.run(main()))
