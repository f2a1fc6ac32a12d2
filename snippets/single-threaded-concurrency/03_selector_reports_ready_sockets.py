import selectors
import socket
import time

selector = selectors.DefaultSelector()  # epoll on Linux, kqueue on macOS
senders = {}
for name in ["alice", "bob", "carol"]:
    sender, receiver = socket.socketpair()
    receiver.setblocking(False)
    selector.register(receiver, selectors.EVENT_READ, data=name)
    senders[name] = sender

senders["bob"].sendall(b"hi from bob")

start = time.perf_counter()
ready = selector.select(timeout=1)  # until a socket can be read, or 1 s
for key, _events in ready:
    print(f"{key.data} is ready: {key.fileobj.recv(1024)!r}")
print(f"select() returned after {time.perf_counter() - start:.1f} s")

start = time.perf_counter()
ready = selector.select(timeout=0.3)  # nobody sends now
waited = time.perf_counter() - start
print(f"{len(ready)} ready after {waited:.1f} s: select() waited it out")
