import asyncio


async def fetch(name: str, seconds: float) -> str:
    await asyncio.sleep(seconds)
    return name


async def main() -> None:
    tasks = [
        asyncio.create_task(fetch("fast", 0.1)),
        asyncio.create_task(fetch("slow", 0.5)),
    ]
    first = asyncio.FIRST_COMPLETED
    done, pending = await asyncio.wait(tasks, return_when=first)
    results = [task.result() for task in done]
    print(f"first back: {results}, still running: {len(pending)}")
    # wait() leaves pending tasks alone: they run until awaited or cancelled
    for task in pending:
        task.cancel()
    await asyncio.wait(pending)
    print(f"after cancelling: {[task.cancelled() for task in pending]}")


asyncio.run(main())
