import asyncio
import time

from exercise import check


async def download(page: str, seconds: float) -> str:
    await asyncio.sleep(seconds)
    return f"<{page}>"


async def main() -> list[str]:
    # both downloads are scheduled before main waits, so their waits overlap
    return await asyncio.gather(
        download("home", 0.5), download("about", 0.5)
    )


start = time.perf_counter()
pages = asyncio.run(main())
elapsed = time.perf_counter() - start

check(
    ("returns both pages, in order", pages == ["<home>", "<about>"]),
    ("finishes in under 0.8 s", elapsed < 0.8),
)
