import socket
import threading
import time

# two connected sockets, no network
main_end, receiver_end = socket.socketpair()


def receive() -> None:
    data = receiver_end.recv(1024)  # blocks in the OS until bytes arrive
    print(f"receiver: got {data!r}")


receiver = threading.Thread(target=receive)
receiver.start()
time.sleep(0.2)  # by now the receiver is blocked in recv()

# If the blocked receiver held the GIL, none of the Python below could run,
# the bytes would never be sent and the program would hang.
squares = [number * number for number in range(1_000)]
print(f"main: ran Python while the receiver waited (sum: {sum(squares)})")
main_end.sendall(b"hello")
receiver.join()
print("main: done")
