import asyncio


async def main() -> str:
    await asyncio.sleep(0.5)
    return "main is done"


loop = asyncio.new_event_loop()
try:
    print(loop.run_until_complete(main()))
    print(f"then: running={loop.is_running()}, closed={loop.is_closed()}")
finally:
    loop.close()  # always close a loop you created: it frees its resources
print(f"after close: closed={loop.is_closed()}")
