import asyncio

from exercise import check

saved = []


async def save(record: str) -> None:
    await asyncio.sleep(0.1)  # writing to a database
    saved.append(record)


async def main() -> None:
    save("order 1")  # the slip this page warns about
    print("main is done")


asyncio.run(main())

check(("the record was saved", saved == ["order 1"]))
