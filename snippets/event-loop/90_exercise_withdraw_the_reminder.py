import asyncio

from exercise import check

sent = []


def remind(user: str) -> None:
    sent.append(f"reminder to {user}")


async def main() -> None:
    loop = asyncio.get_running_loop()
    loop.call_later(0.3, remind, "ada")  # unless Ada answers first
    await asyncio.sleep(0.1)
    print("ada answered")
    # nothing withdraws the reminder
    await asyncio.sleep(0.4)  # the program goes on


asyncio.run(main())

check(("no reminder is sent after ada answered", sent == []))
