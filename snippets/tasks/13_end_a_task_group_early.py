import asyncio


class Found(Exception):
    """Raised to end the group once an answer is in."""


async def search(mirror: str, seconds: float) -> None:
    await asyncio.sleep(seconds)
    raise Found(mirror)


async def main() -> None:
    mirrors = {"eu": 0.3, "us": 0.1, "asia": 0.5}
    try:
        async with asyncio.TaskGroup() as group:
            tasks = {
                mirror: group.create_task(search(mirror, seconds))
                for mirror, seconds in mirrors.items()
            }
    # the group cancelled the others, then raised an ExceptionGroup
    except* Found as found:
        print(f"answer from {found.exceptions[0]}")
    cancelled = [name for name, task in tasks.items() if task.cancelled()]
    print(f"cancelled: {sorted(cancelled)}")


asyncio.run(main())
