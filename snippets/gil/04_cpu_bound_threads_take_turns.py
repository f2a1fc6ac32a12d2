import threading
import time


def count_down(number: int) -> None:
    while number > 0:  # pure Python, CPU-bound: it never waits for anything
        number -= 1


wall_start = time.perf_counter()
cpu_start = time.process_time()  # CPU time of all the process's threads
jobs = [5_000_000, 5_000_000]
threads = [threading.Thread(target=count_down, args=[job]) for job in jobs]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
cpu_seconds = time.process_time() - cpu_start
wall_seconds = time.perf_counter() - wall_start

# Two threads computing in parallel would use 2 s of CPU time per second.
cores_busy = cpu_seconds / wall_seconds
print(f"two CPU-bound threads kept two cores busy: {cores_busy > 1.5}")
