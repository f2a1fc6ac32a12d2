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
    ovens = {"sponge cake": 1, "fruit cake": 1.5}  # seconds in the oven
    await asyncio.gather(*(bake(cake, s) for cake, s in ovens.items()))
    baking, took = sum(ovens.values()), time.perf_counter() - start
    log(f"both cakes done: {baking:.1f} s of baking took {took:.1f} s")


asyncio.run(main())
