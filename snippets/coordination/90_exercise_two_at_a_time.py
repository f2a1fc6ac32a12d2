import asyncio

from exercise import check

running, most = 0, 0


async def fetch(page: int) -> str:
    global running, most
    running += 1
    most = max(most, running)
    await asyncio.sleep(0.1)  # the request: the server allows 2 at a time
    running -= 1
    return f"page {page}"


async def main() -> list[str]:
    return await asyncio.gather(*(fetch(page) for page in range(6)))


pages = asyncio.run(main())

in_order = pages == [f"page {n}" for n in range(6)]
check(
    ("all 6 pages fetched, in order", in_order),
    ("never more than 2 requests at once", most <= 2),
)
