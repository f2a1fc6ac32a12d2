import asyncio


async def main() -> None:
    loop = asyncio.get_running_loop()
    reply = loop.create_future()
    # someone else will set the result later
    loop.call_later(0.5, reply.set_result, "pong")

    print("waiting for the reply")
    # main is suspended until the future is done, with a result,
    # an exception or a cancellation
    result = await reply
    print(f"got {result!r}")


asyncio.run(main())
