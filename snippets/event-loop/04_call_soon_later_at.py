import asyncio
import time

start = time.perf_counter()


def report(what: str) -> None:
    print(f"{time.perf_counter() - start:.1f} s: {what}")


async def main() -> None:
    loop = asyncio.get_running_loop()
    loop.call_at(loop.time() + 1.0, report, "call_at(loop.time() + 1.0)")
    loop.call_later(0.5, report, "call_later(0.5)")
    loop.call_soon(report, "call_soon")
    report("main, before its first await")
    await asyncio.sleep(1.5)


asyncio.run(main())
