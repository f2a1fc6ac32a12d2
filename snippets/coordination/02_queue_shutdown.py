import asyncio


async def consume(queue: asyncio.Queue) -> None:
    while True:
        try:
            item = await queue.get()
        except asyncio.QueueShutDown:  # shut down, and nothing left to get
            print("consumer: the queue is shut down, stopping")
            return
        print(f"consumer got {item}")
        queue.task_done()


async def main() -> None:
    queue = asyncio.Queue()
    if not hasattr(queue, "shutdown"):
        print("this Python has no Queue.shutdown(): it came in 3.13")
        return
    consumer = asyncio.create_task(consume(queue))
    for item in ("a", "b"):
        await queue.put(item)
    # from now on put() raises; get() returns what is left, then raises
    queue.shutdown()
    try:
        await queue.put("c")
    except asyncio.QueueShutDown:
        print("put after shutdown: QueueShutDown")
    await consumer


asyncio.run(main())
