import asyncio


async def answer() -> int:
    await asyncio.sleep(0.1)
    return 42


async def main() -> None:
    finishes = asyncio.create_task(answer())
    is_cancelled = asyncio.create_task(answer())
    print(f"pending:   done={finishes.done()}")

    is_cancelled.cancel()
    await asyncio.sleep(0.2)  # both tasks get to run to their end

    print(f"done:      done={finishes.done()} cancelled={finishes.cancelled()} result={finishes.result()}")
    print(f"cancelled: done={is_cancelled.done()} cancelled={is_cancelled.cancelled()}")


asyncio.run(main())
