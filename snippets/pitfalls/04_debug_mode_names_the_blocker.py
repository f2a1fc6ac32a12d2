import asyncio
import time


def blocking_get(url: str) -> int:
    """Stands in for a blocking HTTP call such as requests.get(url)."""
    time.sleep(0.5)
    return 200


async def fetch_status(url: str) -> int:
    return blocking_get(url)  # no await: the whole event loop waits here


async def main() -> None:
    status = await fetch_status("https://example.com")
    print(f"status {status}")


asyncio.run(main(), debug=True)
