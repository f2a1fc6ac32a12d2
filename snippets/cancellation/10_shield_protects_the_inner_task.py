import asyncio


async def write_to_database() -> str:
    await asyncio.sleep(0.3)
    print("write_to_database: finished")
    return "written"


async def handle_request(write: asyncio.Task) -> None:
    try:
        await asyncio.shield(write)
        print("handle_request: finished")  # never printed
    except asyncio.CancelledError:
        print("handle_request: cancelled while waiting")
        raise


async def main() -> None:
    # keep a reference to the inner task
    write = asyncio.create_task(write_to_database())
    request = asyncio.create_task(handle_request(write))
    await asyncio.sleep(0.1)
    request.cancel()
    await asyncio.sleep(0.5)
    print(f"request cancelled: {request.cancelled()}")
    print(f"write cancelled: {write.cancelled()}")
    print(f"result: {write.result()!r}")


asyncio.run(main())
