import asyncio
import concurrent.futures


async def main() -> None:
    # the kind thread and process pools return: thread-safe, not awaitable
    pool_future = concurrent.futures.Future()
    print(f"asyncio.isfuture(pool_future): {asyncio.isfuture(pool_future)}")

    # an asyncio.Future that follows it, and can be awaited
    awaitable = asyncio.wrap_future(pool_future)
    print(f"asyncio.isfuture(awaitable): {asyncio.isfuture(awaitable)}")

    pool_future.set_result("set from another thread, usually")
    print(f"await awaitable: {await awaitable!r}")


asyncio.run(main())
