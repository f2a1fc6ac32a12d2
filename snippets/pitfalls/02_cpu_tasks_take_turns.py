import asyncio


async def count_primes(name: str, limit: int) -> int:
    print(f"{name}: started")  # no await anywhere in this coroutine
    primes = sum(
        all(n % d for d in range(2, int(n**0.5) + 1))
        for n in range(2, limit)
    )
    print(f"{name}: {primes} primes below {limit}")
    return primes


async def main() -> None:
    await asyncio.gather(count_primes("task A", 60_000),
                         count_primes("task B", 50_000))


asyncio.run(main())
