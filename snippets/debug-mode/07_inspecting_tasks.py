import asyncio


async def download(seconds: float) -> None:
    await asyncio.sleep(seconds)


async def main() -> None:
    asyncio.create_task(download(1), name="download-a")
    asyncio.create_task(download(2), name="download-b")
    await asyncio.sleep(0.1)  # let both tasks start and reach their first await

    print(f"current task: {asyncio.current_task().get_name()}")
    for task in sorted(asyncio.all_tasks(), key=lambda task: task.get_name()):
        frame = task.get_stack()[-1]  # the frame of the task's own coroutine
        where = f"{frame.f_code.co_name}() at line {frame.f_lineno}"
        print(f"{task.get_name()}: paused in {where}")
    for task in asyncio.all_tasks() - {asyncio.current_task()}:
        task.cancel()


asyncio.run(main())
