import heapq
import itertools
import selectors
import socket
import time
from collections import deque

start = time.perf_counter()


def log(message: str) -> None:
    print(f"{time.perf_counter() - start:.1f} s  {message}")


# Tasks are generators. Each yield says what the task waits for:
# ("sleep", seconds) or ("read", socket).
def server(sock: socket.socket, name: str, delay: float):
    yield ("sleep", delay)  # the time a real server takes to answer
    sock.sendall(f"{name}'s reply".encode())


def client(sock: socket.socket, name: str):
    log(f"{name}: waiting for a reply")
    yield ("read", sock)
    log(f"{name}: got {sock.recv(1024).decode()!r}")


def run(tasks: list) -> None:
    ready = deque(tasks)  # tasks that can run now
    sleepers = []  # a heap of (wake-up time, tie-breaker, task)
    order = itertools.count()
    selector = selectors.DefaultSelector()
    while ready or sleepers or selector.get_map():
        # 1. Run each ready task until it yields what it waits for next.
        while ready:
            task = ready.popleft()
            try:
                kind, what = next(task)
            except StopIteration:
                continue  # the task returned: drop it
            if kind == "sleep":
                wake_up = time.perf_counter() + what
                heapq.heappush(sleepers, (wake_up, next(order), task))
            else:
                selector.register(what, selectors.EVENT_READ, data=task)
        # 2. Ask the OS which sockets are readable: wait for them,
        #    but no longer than until the next sleeper is due.
        timeout = None
        if sleepers:
            timeout = max(0, sleepers[0][0] - time.perf_counter())
        if selector.get_map():
            for key, _events in selector.select(timeout):
                selector.unregister(key.fileobj)
                ready.append(key.data)
        elif sleepers:  # no socket (Windows refuses an empty select)
            time.sleep(timeout)
        # 3. Wake the sleepers whose time has come.
        while sleepers and sleepers[0][0] <= time.perf_counter():
            ready.append(heapq.heappop(sleepers)[2])


tasks = []
for name, delay in [("alice", 0.5), ("bob", 1.0)]:
    client_end, server_end = socket.socketpair()
    tasks += [client(client_end, name), server(server_end, name, delay)]
run(tasks)
log("both replies arrived, in one thread")
