# local-only: starts a thread, which the browser's Python cannot do
import sys
import threading
import time

stop = threading.Event()


def spin() -> None:
    while not stop.is_set():  # never sleeps, never waits: it never gives up control
        pass
    print("worker: stopped when asked")


worker = threading.Thread(target=spin)
worker.start()
time.sleep(0.2)
print("main: the worker is still spinning, yet main runs")
stop.set()
worker.join()
print(f"main: a thread that holds on is asked to hand over after {sys.getswitchinterval()} s")
