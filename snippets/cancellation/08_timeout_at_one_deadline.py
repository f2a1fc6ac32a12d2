import asyncio


async def main() -> None:
    loop = asyncio.get_running_loop()
    start = loop.time()  # loop.time() is the clock timeouts use

    async def step(name: str, seconds: float) -> None:
        await asyncio.sleep(seconds)
        print(f"{name} done, {loop.time() - start:.1f} s in")

    deadline = start + 1.0
    try:
        async with asyncio.timeout_at(deadline) as timeout:
            await step("connect", 0.3)
            # this job may take a little longer: move the deadline
            timeout.reschedule(timeout.when() + 0.5)
            await step("download", 0.9)
            await step("save", 0.5)
    except TimeoutError:
        now = loop.time()
        print(f"gave up {now - start:.1f} s in,")
        print(f"{now - deadline:.1f} s after the first deadline")


asyncio.run(main())
