import asyncio
import time

start = time.perf_counter()


def log(message: str) -> None:
    print(f"{time.perf_counter() - start:.1f} s  {message}")


async def bake(cake: str, oven_seconds: float) -> None:
    log(f"{cake}: mixed, into the oven")  # the cook's work: quick here
    await asyncio.sleep(oven_seconds)  # the oven's work: the cook is free
    log(f"{cake}: out of the oven")


async def main() -> None:
    await asyncio.gather(bake("sponge cake", 1), bake("fruit cake", 1.5))
    log("both cakes done: 2.5 s of baking took 1.5 s")


asyncio.run(main())
