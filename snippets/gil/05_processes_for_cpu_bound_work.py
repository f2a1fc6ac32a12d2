import os
from concurrent.futures import ProcessPoolExecutor


def count_down(number: int) -> int:
    while number > 0:
        number -= 1
    return os.getpid()  # which process did the work


# Worker processes may import this file: only the parent must run this part.
if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as pool:
        worker_pids = list(pool.map(count_down, [5_000_000, 5_000_000]))
    print(f"jobs done: {len(worker_pids)}")
    outside = os.getpid() not in worker_pids
    print(f"all done outside this process: {outside}")
