import sys
import threading
import time

stop = threading.Event()


def spin() -> None:
    while not stop.is_set():  # never waits: never gives up control
        pass
    print("worker: stopped when asked")


worker = threading.Thread(target=spin)
worker.start()
time.sleep(0.2)
print("main: the worker is still spinning, yet main runs")
stop.set()
worker.join()
interval = sys.getswitchinterval()
print(f"main: a running thread is asked to hand over after {interval} s")
