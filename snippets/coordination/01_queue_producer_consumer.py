import asyncio


async def produce(queue: asyncio.Queue, orders: list[str]) -> None:
    for order in orders:
        await queue.put(order)  # waits while the queue is full
        print(f"put {order}")


async def consume(name: str, queue: asyncio.Queue) -> None:
    while True:
        order = await queue.get()  # waits while the queue is empty
        await asyncio.sleep(0.1)  # prepare the order
        print(f"{name} served {order}")
        queue.task_done()  # one more item fully handled


async def main() -> None:
    queue = asyncio.Queue(maxsize=2)
    workers = [
        asyncio.create_task(consume(name, queue)) for name in ("ann", "bob")
    ]
    await produce(queue, ["tea", "cake", "soup", "pie"])
    await queue.join()  # until task_done() was called for every item put
    print("all orders served")
    for worker in workers:
        worker.cancel()  # they loop for ever: stop them


asyncio.run(main())
