import asyncio


async def step(name: str, seconds: float) -> None:
    await asyncio.sleep(seconds)
    print(f"{name} done")


async def main() -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 1.0  # loop.time() is the clock timeouts use
    try:
        async with asyncio.timeout_at(deadline) as timeout:
            await step("connect", 0.3)
            # this job may take a little longer: move the deadline
            timeout.reschedule(timeout.when() + 0.5)
            await step("download", 0.9)
            await step("save", 0.5)
    except TimeoutError:
        print(f"gave up {loop.time() - deadline:.1f} s after the first deadline")


asyncio.run(main())
