import threading
import time


def wait_for_reply(seconds: float) -> None:
    time.sleep(seconds)  # a blocking wait: it releases the GIL meanwhile


delays = [0.3, 0.4, 0.5]

start = time.perf_counter()
for seconds in delays:
    wait_for_reply(seconds)
print(f"one after another: {time.perf_counter() - start:.1f} s")

start = time.perf_counter()
threads = [
    threading.Thread(target=wait_for_reply, args=[s]) for s in delays
]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(f"in three threads:  {time.perf_counter() - start:.1f} s")
