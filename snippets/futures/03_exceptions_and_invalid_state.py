import asyncio


async def main() -> None:
    loop = asyncio.get_running_loop()

    pending = loop.create_future()
    try:
        pending.result()
    except asyncio.InvalidStateError as error:
        print(f"result() too early: InvalidStateError: {error}")

    failed = loop.create_future()
    failed.set_exception(ConnectionError("no route to host"))
    try:
        await failed  # awaiting raises the exception that was set
    except ConnectionError as error:
        print(f"await raised ConnectionError: {error}")

    answered = loop.create_future()
    answered.set_result(1)
    try:
        answered.set_result(2)
    except asyncio.InvalidStateError as error:
        print(f"set_result twice: InvalidStateError: {error}")
    print(f"the first result stays: {answered.result()}")


asyncio.run(main())
