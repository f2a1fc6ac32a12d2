import asyncio


async def fetch(name: str, seconds: float) -> str:
    await asyncio.sleep(seconds)
    return name


async def main() -> None:
    tasks = [asyncio.create_task(fetch(name, seconds)) for name, seconds in [("fast", 0.1), ("slow", 0.5)]]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print(f"first back: {[task.result() for task in done]}, still running: {len(pending)}")
    # wait() leaves pending tasks alone: they keep running until you await or cancel them
    for task in pending:
        task.cancel()
    await asyncio.wait(pending)
    print(f"after cancelling: {[task.cancelled() for task in pending]}")


asyncio.run(main())
