import asyncio

background_tasks = set()


async def send_email(to: str, seconds: float) -> None:
    await asyncio.sleep(seconds)
    print(f"sent to {to}")


async def main() -> None:
    for to, seconds in [("ann", 0.3), ("bob", 0.1), ("cy", 0.2)]:
        task = asyncio.create_task(send_email(to, seconds))
        # a strong reference: the task cannot be garbage collected
        background_tasks.add(task)
        # each task removes itself from the set when it is done
        task.add_done_callback(background_tasks.discard)
    print(f"{len(background_tasks)} tasks running in the background")
    await asyncio.sleep(0.5)  # main does other work meanwhile
    print(f"{len(background_tasks)} tasks left in the set")


asyncio.run(main())
