import socket
import time

client, server = socket.socketpair()  # two connected sockets, no network
client.settimeout(0.5)  # blocking, but give up after 0.5 s

start = time.perf_counter()
try:
    client.recv(1024)  # the server has sent nothing: this call waits
except TimeoutError:
    waited = time.perf_counter() - start
    print(f"recv() blocked for {waited:.1f} s; nothing else ran meanwhile")

server.sendall(b"reply")
data = client.recv(1024)
print(f"once bytes are there, recv() returns at once: {data!r}")
