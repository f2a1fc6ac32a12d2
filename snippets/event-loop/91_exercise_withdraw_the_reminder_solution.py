import asyncio

from exercise import check

sent = []


def remind(user: str) -> None:
    sent.append(f"reminder to {user}")


async def main() -> None:
    loop = asyncio.get_running_loop()
    reminder = loop.call_later(0.3, remind, "ada")  # keep the handle
    await asyncio.sleep(0.1)
    print("ada answered")
    reminder.cancel()  # withdraw the callback before it runs
    await asyncio.sleep(0.4)  # the program goes on


asyncio.run(main())

check(("no reminder is sent after ada answered", sent == []))
