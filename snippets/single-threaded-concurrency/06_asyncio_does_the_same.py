import asyncio
import socket
import time

start = time.perf_counter()


def log(message: str) -> None:
    print(f"{time.perf_counter() - start:.1f} s  {message}")


async def server(sock: socket.socket, name: str, delay: float) -> None:
    await asyncio.sleep(delay)
    sock.sendall(f"{name}'s reply".encode())


async def client(sock: socket.socket, name: str) -> None:
    log(f"{name}: waiting for a reply")
    loop = asyncio.get_running_loop()
    # may register sock with the loop's selector, and wait
    data = await loop.sock_recv(sock, 1024)
    log(f"{name}: got {data.decode()!r}")


async def main() -> None:
    coroutines = []
    for name, delay in [("alice", 0.5), ("bob", 1.0)]:
        client_end, server_end = socket.socketpair()
        client_end.setblocking(False)  # sock_recv() needs non-blocking
        coroutines.append(client(client_end, name))
        coroutines.append(server(server_end, name, delay))
    await asyncio.gather(*coroutines)
    log("both replies arrived, in one thread")


asyncio.run(main())
