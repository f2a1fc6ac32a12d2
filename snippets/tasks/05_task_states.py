import asyncio


async def answer() -> int:
    await asyncio.sleep(0.1)
    return 42


def state(task: asyncio.Task) -> str:
    return f"done={task.done()} cancelled={task.cancelled()}"


async def main() -> None:
    normal = asyncio.create_task(answer())
    cancelled = asyncio.create_task(answer())
    print(f"pending:   {state(normal)}")

    cancelled.cancel()
    await asyncio.sleep(0.2)  # long enough for both tasks to end

    print(f"result:    {state(normal)} result={normal.result()}")
    print(f"cancelled: {state(cancelled)}")


asyncio.run(main())
