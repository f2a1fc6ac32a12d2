import asyncio


async def main() -> None:
    loop = asyncio.get_running_loop()
    reply = loop.create_future()
    loop.call_later(0.5, reply.set_result, "pong")  # someone else will set the result later

    print("waiting for the reply")
    result = await reply  # main is suspended until the future has a result
    print(f"got {result!r}")


asyncio.run(main())
