import asyncio


async def wait_for_start(name: str, started: asyncio.Event) -> None:
    print(f"{name} waits")
    await started.wait()  # suspended until the event is set
    print(f"{name} goes")


async def main() -> None:
    started = asyncio.Event()
    runners = [
        asyncio.create_task(wait_for_start(name, started))
        for name in ("a", "b")
    ]
    await asyncio.sleep(0.2)
    print(f"set the event (is_set was {started.is_set()})")
    started.set()  # wakes every waiter at once
    await asyncio.gather(*runners)


asyncio.run(main())
