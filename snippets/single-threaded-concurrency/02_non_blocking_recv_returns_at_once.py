import socket
import time

client, server = socket.socketpair()
client.setblocking(False)  # never wait: fail at once instead

start = time.perf_counter()
try:
    client.recv(1024)
except BlockingIOError:
    waited = time.perf_counter() - start
    print(f"nothing to read yet: BlockingIOError after {waited:.1f} s")

server.sendall(b"reply")
print(f"after the server sent: {client.recv(1024)!r}")
