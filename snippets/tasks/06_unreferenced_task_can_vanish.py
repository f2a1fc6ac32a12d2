import asyncio
import gc


async def wait_for_a_reply() -> None:
    try:
        # stands in for a reply that nothing else keeps track of
        reply = asyncio.get_running_loop().create_future()
        await reply
    finally:
        print("wait_for_a_reply: stopped before it got a reply")


async def main() -> None:
    asyncio.create_task(wait_for_a_reply())  # the task is not kept anywhere
    await asyncio.sleep(0)  # the task starts and waits
    gc.collect()  # a collection can come at any moment; here we force one
    print("main: the task is gone")


asyncio.run(main())
