import asyncio


async def main() -> None:
    loop = asyncio.get_running_loop()
    loop.call_soon(print, "call_soon ran")
    loop.call_later(0.5, print, "reminder after 0.5 s")
    alarm = loop.call_later(1.0, print, "alarm after 1.0 s")
    alarm.cancel()
    print(f"alarm cancelled: {alarm.cancelled()}")
    await asyncio.sleep(1.5)
    print("main is done")


asyncio.run(main())
