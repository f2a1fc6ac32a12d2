import time

for name in ("time", "perf_counter"):
    clock = time.get_clock_info(name)
    steady, settable = clock.monotonic, clock.adjustable
    print(f"time.{name}(): monotonic={steady}, adjustable={settable}")
