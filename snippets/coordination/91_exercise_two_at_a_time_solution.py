import asyncio

from exercise import check

running, most = 0, 0


async def fetch(page: int, limit: asyncio.Semaphore) -> str:
    global running, most
    async with limit:  # waits here while 2 requests are running
        running += 1
        most = max(most, running)
        await asyncio.sleep(0.1)  # the request: the server allows 2 at once
        running -= 1
    return f"page {page}"


async def main() -> list[str]:
    limit = asyncio.Semaphore(2)
    return await asyncio.gather(*(fetch(page, limit) for page in range(6)))


pages = asyncio.run(main())

in_order = pages == [f"page {n}" for n in range(6)]
check(
    ("all 6 pages fetched, in order", in_order),
    ("never more than 2 requests at once", most <= 2),
)
