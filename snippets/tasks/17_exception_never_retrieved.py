import asyncio
import gc


async def fail() -> None:
    raise ValueError("nobody looked at me")


async def main() -> None:
    task = asyncio.create_task(fail())
    # the task fails; nobody awaits it or asks for its exception
    await asyncio.sleep(0.1)
    print(f"task done: {task.done()}")
    del task
    # once the task is garbage collected, the loop reports its exception
    gc.collect()
    print("main goes on")


asyncio.run(main())
