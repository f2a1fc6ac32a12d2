import asyncio
import time

from exercise import check


async def download(page: str, seconds: float) -> str:
    await asyncio.sleep(seconds)
    return f"<{page}>"


async def main() -> list[str]:
    home = await download("home", 0.5)
    about = await download("about", 0.5)
    return [home, about]


start = time.perf_counter()
pages = asyncio.run(main())
elapsed = time.perf_counter() - start

check(
    ("returns both pages, in order", pages == ["<home>", "<about>"]),
    ("finishes in under 0.8 s", elapsed < 0.8),
)
