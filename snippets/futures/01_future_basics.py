import asyncio


async def main() -> None:
    future = asyncio.get_running_loop().create_future()
    print(f"new future: done={future.done()}")

    future.set_result(42)  # completes it; whoever awaits it is woken up
    print(f"after set_result(42): done={future.done()}")
    print(f"result={future.result()}")


asyncio.run(main())
