import asyncio

balance = 100


async def withdraw(amount: int, lock: asyncio.Lock | None) -> None:
    if lock is None:
        await check_then_pay(amount)
    else:
        async with lock:  # one task at a time in here
            await check_then_pay(amount)


async def check_then_pay(amount: int) -> None:
    global balance
    if balance >= amount:
        await asyncio.sleep(0.1)  # ask the bank: other tasks run meanwhile
        balance -= amount


async def main() -> None:
    global balance
    for lock in (None, asyncio.Lock()):
        balance = 100
        await asyncio.gather(withdraw(80, lock), withdraw(80, lock))
        print(f"{'with' if lock else 'without'} a lock: balance {balance}")


asyncio.run(main())
