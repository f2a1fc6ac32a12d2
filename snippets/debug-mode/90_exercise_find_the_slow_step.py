import asyncio
import time

from exercise import check, slow_steps


async def fetch_price(item: str) -> int:
    await asyncio.sleep(0.1)
    return len(item)


async def convert(amount: int) -> float:
    time.sleep(0.5)  # a blocking call hidden in the code
    return amount * 1.1


async def main() -> None:
    # report steps of 0.3 s or more
    asyncio.get_running_loop().slow_callback_duration = 0.3
    price = await fetch_price("tea")
    euros = await convert(price)
    print(f"tea costs {euros:.2f}")


with slow_steps() as slow:  # collects what debug mode reports
    asyncio.run(main(), debug=True)

check(("no step held the loop for 0.3 s or more", slow == []))
