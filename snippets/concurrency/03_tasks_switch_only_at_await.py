import asyncio


async def worker(name: str, pause_between_steps: bool) -> None:
    for step in (1, 2, 3):
        print(f"{name} step {step}")
        if pause_between_steps:
            await asyncio.sleep(0)  # hand control back to the event loop


async def main() -> None:
    print("No await between steps: each worker runs to the end")
    await asyncio.gather(worker("A", False), worker("B", False))
    print("An await between steps: the workers take turns")
    await asyncio.gather(worker("A", True), worker("B", True))


asyncio.run(main())
