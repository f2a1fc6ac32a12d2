import asyncio


async def lookup(key: str, cached: bool) -> str:
    print(f"lookup {key}: started")
    if not cached:
        await asyncio.sleep(0.1)  # a real wait: the task is suspended here
    print(f"lookup {key}: finished")
    return key.upper()


async def main() -> None:
    asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
    # an eager task runs here, inside create_task, to its first real wait
    hit = asyncio.create_task(lookup("a", cached=True))
    miss = asyncio.create_task(lookup("b", cached=False))
    print(f"after create_task: hit done={hit.done()},", end=" ")
    print(f"miss done={miss.done()}")
    print(await hit, await miss)


asyncio.run(main())
