import asyncio
import os
from concurrent.futures import ProcessPoolExecutor


def count_primes(limit: int) -> tuple[int, int]:
    primes = sum(
        all(n % d for d in range(2, int(n**0.5) + 1))
        for n in range(2, limit)
    )
    return primes, os.getpid()


async def main() -> None:
    loop = asyncio.get_running_loop()
    limits = [50_000, 60_000]
    with ProcessPoolExecutor(max_workers=2) as pool:
        calls = [
            loop.run_in_executor(pool, count_primes, limit)
            for limit in limits
        ]
        results = await asyncio.gather(*calls)
    for limit, (primes, pid) in zip(limits, results):
        elsewhere = pid != os.getpid()
        print(f"{primes} primes below {limit}, in a worker: {elsewhere}")


# Required: worker processes may import this file and must not run main().
if __name__ == "__main__":
    asyncio.run(main())
