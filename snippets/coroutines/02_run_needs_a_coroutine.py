import asyncio


async def main() -> str:
    return "done"


try:
    asyncio.run(main)  # the function, not a coroutine made by calling it
except (ValueError, TypeError):  # ValueError to 3.13, TypeError from 3.14
    print("asyncio.run(main) refused: main is a function, not a coroutine")

print(asyncio.run(main()))
