import asyncio
from contextlib import asynccontextmanager

from exercise import check

log = []


@asynccontextmanager
async def connection():
    await asyncio.sleep(0.1)
    log.append("opened")
    yield
    await asyncio.sleep(0.1)
    log.append("closed")


async def main() -> str:
    try:
        async with connection():
            raise ValueError("the query failed")
    except ValueError:
        return "ValueError reached main"
    return "no error"


outcome = asyncio.run(main())

closed = log == ["opened", "closed"]
check(
    ("the connection is closed although the body raised", closed),
    ("the ValueError reaches main", outcome == "ValueError reached main"),
)
