import asyncio


async def receive(seconds: float) -> None:
    await asyncio.sleep(seconds)


async def download(seconds: float) -> None:
    await receive(seconds)


async def main() -> None:
    asyncio.create_task(download(1), name="download-a")
    asyncio.create_task(download(2), name="download-b")
    await asyncio.sleep(0.1)  # let both tasks reach their first await

    current = asyncio.current_task()
    print(f"current task: {current.get_name()}, running the code that asks")
    others = asyncio.all_tasks() - {current}
    for task in sorted(others, key=lambda task: task.get_name()):
        frames = [
            f"{frame.f_code.co_name}() line {frame.f_lineno}"
            for frame in task.get_stack()
        ]
        print(f"{task.get_name()}: suspended; get_stack() returns {frames}")
        task.cancel()


asyncio.run(main())
