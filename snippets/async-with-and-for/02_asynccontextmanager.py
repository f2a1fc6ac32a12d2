import asyncio
from contextlib import asynccontextmanager


@asynccontextmanager
async def connection(host: str):
    await asyncio.sleep(0.1)
    print(f"connected to {host}")
    try:
        yield host  # the body of `async with` runs here
    finally:  # runs however the body ends
        await asyncio.sleep(0.1)
        print(f"closed {host}")


async def main() -> None:
    async with connection("db.example") as host:
        print(f"querying {host}")


asyncio.run(main())
