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
            tasks = {mirror: group.create_task(search(mirror, s)) for mirror, s in mirrors.items()}
    except* Found as found:  # the group cancelled the others, then raised an ExceptionGroup
        print(f"answer from {found.exceptions[0]}")
    print(f"cancelled: {sorted(mirror for mirror, task in tasks.items() if task.cancelled())}")


asyncio.run(main())
