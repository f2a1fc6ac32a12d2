import asyncio


def report(loop: asyncio.AbstractEventLoop, context: dict) -> None:
    # context holds "message" and, when there is one, "exception", "task"
    # or "future"
    print(f"handler: {context['message']}: {context['exception']!r}")


async def fail() -> None:
    raise ValueError("lost")


async def main() -> None:
    asyncio.get_running_loop().set_exception_handler(report)
    asyncio.create_task(fail())  # no reference kept, never awaited
    await asyncio.sleep(0.1)


asyncio.run(main())
