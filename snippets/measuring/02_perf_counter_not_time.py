import time

for name in ("time", "perf_counter"):
    clock = time.get_clock_info(name)
    print(f"time.{name}(): monotonic={clock.monotonic}, adjustable={clock.adjustable}")
