import asyncio


def report(future: asyncio.Future) -> None:
    print(f"callback: the future is done with {future.result()!r}")


async def main() -> None:
    future = asyncio.get_running_loop().create_future()
    future.add_done_callback(report)
    future.set_result("ok")
    print("set_result returned; the callback has not run yet")
    await asyncio.sleep(0)  # callbacks run on the loop's next turn
    print("main: after one turn of the loop")


asyncio.run(main())
