import asyncio
import time


async def main() -> None:
    loop = asyncio.get_running_loop()
    threshold = loop.slow_callback_duration
    print(f"debug: {loop.get_debug()}, threshold: {threshold} s")
    time.sleep(0.25)  # holds the loop for 0.25 s, over the threshold
    print("main is done")


asyncio.run(main(), debug=True)
