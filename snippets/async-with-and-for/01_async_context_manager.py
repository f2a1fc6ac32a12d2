import asyncio


class Connection:
    """An async context manager: its set-up and clean-up may await."""

    async def __aenter__(self) -> "Connection":
        await asyncio.sleep(0.1)  # connecting takes time
        print("connected")
        return self  # what `as` receives

    async def __aexit__(self, exc_type, exc, traceback) -> None:
        await asyncio.sleep(0.1)  # so does closing
        inside = exc_type.__name__ if exc_type else None
        print(f"closed (exception inside: {inside})")


async def main() -> None:
    async with Connection() as connection:
        print(f"using {type(connection).__name__}")
    try:
        async with Connection():
            raise ValueError("oops")
    except ValueError:
        print("the ValueError still reached main")


asyncio.run(main())
