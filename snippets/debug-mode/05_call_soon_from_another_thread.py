import asyncio
import threading


def from_worker_thread(
    loop: asyncio.AbstractEventLoop, reply: asyncio.Future
) -> None:
    try:
        loop.call_soon(print, "never scheduled")
    except RuntimeError as error:
        print(f"call_soon: RuntimeError: {error}")
    message = "call_soon_threadsafe: scheduled and run"
    loop.call_soon_threadsafe(reply.set_result, message)


async def main() -> threading.Thread:
    loop = asyncio.get_running_loop()
    reply = loop.create_future()
    worker = threading.Thread(target=from_worker_thread, args=[loop, reply])
    worker.start()
    print(await reply)
    return worker


worker = asyncio.run(main(), debug=True)
worker.join()  # after the loop has finished: join() blocks
