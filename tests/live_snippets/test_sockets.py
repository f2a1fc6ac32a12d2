"""The sockets in memory (live_snippets/assets/sockets.py) against CPython's own: each program prints the same
under both, on this machine (Linux); the page's Python runs the same module (the parity test runs the lessons)."""

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

HARNESS = Path(__file__).with_name("sockets_harness.py")

PROGRAMS = {
    "calls and errors": r"""
        import socket, errno
        a, b = socket.socketpair()
        print(repr(a), a.family, a.type, a.proto, a.getsockname(), a.getpeername(), a.gettimeout(), a.getblocking())
        b.close()
        print(a.recv(10))
        try:
            a.send(b"x")
        except OSError as e:
            print(type(e).__name__, e)
        print(repr(b))
        try:
            b.recv(1)
        except OSError as e:
            print(type(e).__name__, e)
        try:
            a.settimeout(-1)
        except ValueError as e:
            print("ValueError", e)
        a.close()
        s = socket.socket()
        try:
            s.recv(1)
        except OSError as e:
            print(type(e).__name__, e)
        try:
            s.connect(("127.0.0.1", 9))
        except OSError as e:
            print(type(e).__name__, e)
        s.close()
        s = socket.socket(); s.setblocking(False)
        print(s.connect_ex(("127.0.0.1", 9)) == errno.EINPROGRESS or "inprogress-mismatch")
        import select
        r, w, x = select.select([], [s], [], 1)
        print(len(w), s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR), s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR))
        s.close()
        l = socket.socket(); l.bind(("127.0.0.1", 0)); l.listen()
        port = l.getsockname()[1]
        l2 = socket.socket()
        try:
            l2.bind(("127.0.0.1", port))
        except OSError as e:
            print(type(e).__name__, e.errno, e.strerror)
        l2.close()
        l.settimeout(0.2)
        try:
            l.accept()
        except TimeoutError as e:
            print("TimeoutError", e)
        c = socket.create_connection(("127.0.0.1", port))
        conn, addr = l.accept()
        print(addr == c.getsockname(), conn.getpeername() == c.getsockname(), conn.gettimeout(), c.gettimeout(), c.proto, conn.proto)
        c.sendall(b"line one\nline two\n")
        f = conn.makefile("r")
        print(repr(f.readline()), repr(f.readline()))
        c.shutdown(socket.SHUT_WR)
        print(repr(f.read()))
        f.close(); conn.close(); c.close(); l.close()
        for host in ["localhost", "127.0.0.1", None]:
            print(socket.getaddrinfo(host, 80, type=socket.SOCK_STREAM))
        print(socket.getaddrinfo("127.0.0.1", "80", socket.AF_INET))
        try:
            socket.getaddrinfo("::1", 80, socket.AF_INET)
        except socket.gaierror as e:
            print("gaierror", e)
        try:
            socket.socket().bind(("10.9.9.9", 0))
        except OSError as e:
            print(type(e).__name__, e)
        print(socket.gethostbyname("localhost"))
        with socket.socket() as s:
            print(repr(s).split("fd=")[1].split(",", 1)[1])
        print(repr(s).split("fd=")[0], "closed" in repr(s))
        a, b = socket.socketpair()
        a.setblocking(False)
        total = 0
        try:
            while True:
                total += a.send(b"x" * 65536)
        except BlockingIOError as e:
            print("BlockingIOError", e, total > 0)
        import pickle
        try:
            pickle.dumps(a)
        except TypeError as e:
            print("TypeError", e)
        a.close(); b.close()
    """,
    "asyncio streams and socket methods": r"""
        import asyncio, socket

        async def handle(reader, writer):
            peer = writer.get_extra_info("peername")
            data = await reader.read(100)
            writer.write(data[::-1])
            await writer.drain()
            writer.write_eof()
            print("server: eof?", await reader.read(), writer.can_write_eof())
            writer.close()
            await writer.wait_closed()

        async def main():
            asyncio.get_running_loop().slow_callback_duration = 60  # debug mode's report of slow steps: not here
            try:
                await asyncio.open_connection("127.0.0.1", 9)
            except OSError as e:
                print(type(e).__name__, e)
            server = await asyncio.start_server(handle, "127.0.0.1", 0)
            print(len(server.sockets), server.sockets[0].family, server.is_serving())
            port = server.sockets[0].getsockname()[1]
            async with server:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                print(writer.get_extra_info("peername") == ("127.0.0.1", port), type(writer.get_extra_info("socket")).__name__)
                writer.write(b"hello")
                print(await reader.read(100), await reader.read(), reader.at_eof())
                writer.close()
                await writer.wait_closed()
                try:
                    await asyncio.wait_for(reader.read(1), 0.1)
                except Exception as e:
                    print("after close:", type(e).__name__)
            print("serving after:", server.is_serving())
            loop = asyncio.get_running_loop()
            a, b = socket.socketpair()
            a.setblocking(False); b.setblocking(False)
            sending = asyncio.create_task(loop.sock_sendall(a, b"x" * 300_000))
            got = 0
            while got < 300_000:
                got += len(await loop.sock_recv(b, 65536))
            await sending
            print("sock_recv total", got)
            reader, writer = await asyncio.open_connection(sock=a)
            b.sendall(b"line\n")
            print(await reader.readline())
            writer.close(); await writer.wait_closed(); b.close()
            s2 = await asyncio.start_server(handle, None, 0)
            print("any-host servers:", sorted(str(s.family) for s in s2.sockets))
            s2.close(); await s2.wait_closed()

        asyncio.run(main())
        asyncio.run(main(), debug=True)
    """,
    "select and the selectors": r"""
        import select, selectors, socket

        a, b = socket.socketpair()
        c, d = socket.socketpair()
        print(select.select([a, c], [b], [], 0))
        b.sendall(b"x")
        r, w, _ = select.select([a, c], [a, b, c, d], [], 1)
        print(r == [a], w == [a, b, c, d])
        print(select.select([a.fileno()], [], [], 0)[0] == [a.fileno()])
        for wrong in ([-1], [object()], ["x"]):
            try:
                select.select(wrong, [], [], 0)
            except (TypeError, ValueError) as error:
                print(type(error).__name__, error)
        try:
            select.select([], [], [], -1)
        except ValueError as error:
            print("ValueError", error)
        b.setblocking(False)
        try:
            while True:
                b.send(b"y" * 65536)
        except BlockingIOError:
            print("full; writable:", select.select([], [b], [], 0)[1])
        selector = selectors.DefaultSelector()
        print(type(selector).__name__, selector.fileno() > 2)
        selector.register(a, selectors.EVENT_READ, "a")
        d_fd = d.fileno()
        selector.register(d_fd, selectors.EVENT_READ | selectors.EVENT_WRITE, "d")
        print(sorted((key.data, events) for key, events in selector.select(0)))
        selector.modify(d, selectors.EVENT_READ, "d2")
        print(sorted((key.data, events) for key, events in selector.select(0)))
        try:
            selector.register(a, selectors.EVENT_READ)
        except KeyError as error:
            print("KeyError", error)
        c.close()
        print("peer closed:", sorted((key.data, events) for key, events in selector.select(0)))
        d.close()
        print("closed:", sorted((key.data, events) for key, events in selector.select(0)))
        selector.unregister(d_fd)
        print(len(selector.get_map()))
        selector.close()
        a.close(); b.close()
        with selectors.SelectSelector() as s2:
            x, y = socket.socketpair()
            s2.register(x, selectors.EVENT_WRITE)
            print(type(s2).__name__, [events for _, events in s2.select(0)])
            x.close(); y.close()
    """,
    "servers and clients": r"""
        import asyncio, socket

        server = socket.create_server(("127.0.0.1", 0))
        port = server.getsockname()[1]
        client = socket.create_connection(("localhost", port), timeout=2)
        conn, _ = server.accept()
        print(client.gettimeout(), conn.gettimeout(), server.gettimeout())
        client.sendall(b"ping")
        print(conn.recv(2), conn.recv(10, socket.MSG_PEEK), conn.recv(10))
        client.close()
        print(conn.recv(10), conn.recv(10))
        try:
            conn.sendall(b"late")
            conn.sendall(b"later")
        except OSError as error:
            print(type(error).__name__, error)
        conn.close()
        buffer = bytearray(4)

        class Echo(asyncio.Protocol):
            def connection_made(self, transport):
                self.transport = transport

            def data_received(self, data):
                self.transport.write(data * 2)

        async def main():
            loop = asyncio.get_running_loop()
            loop.slow_callback_duration = 60  # debug mode's report of slow steps: not here
            srv = await loop.create_server(Echo, "127.0.0.1", 0)
            port = srv.sockets[0].getsockname()[1]
            sock = socket.socket()
            sock.setblocking(False)
            await loop.sock_connect(sock, ("127.0.0.1", port))
            await loop.sock_sendall(sock, b"ab")
            print(await loop.sock_recv_into(sock, buffer), buffer)
            sock.close()
            try:
                await loop.sock_connect(socket.socket(), ("127.0.0.1", 1))
            except ValueError as error:
                print("ValueError", error)
            plain = socket.socket()
            plain.setblocking(False)
            plain.bind(("127.0.0.1", 0))
            plain.listen()
            accepting = asyncio.ensure_future(loop.sock_accept(plain))
            reader, writer = await asyncio.open_connection(*plain.getsockname())
            conn, address = await accepting
            print(address == writer.get_extra_info("sockname"), conn.getblocking())
            conn.sendall(b"x\n")
            print(await reader.readline())
            conn.close(); writer.close(); plain.close()
            srv.close()
            await srv.wait_closed()

        asyncio.run(main(), debug=True)
        server.close()
    """,
}


def outputs(code: str, tmp_path: Path) -> tuple[str, str]:
    program = tmp_path / "program.py"
    program.write_text(textwrap.dedent(code), encoding="utf-8")
    runs = [[sys.executable, str(program)], [sys.executable, str(HARNESS), str(program)]]
    done = [subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=tmp_path) for command in runs]
    return tuple(f"status {run.returncode}\n{run.stdout}{run.stderr}" for run in done)


@pytest.mark.parametrize("name", PROGRAMS)
def test_prints_what_cpythons_sockets_print(name, tmp_path):
    cpythons, ours = outputs(PROGRAMS[name], tmp_path)
    assert ours == cpythons


def test_any_other_host_is_unreachable_as_with_no_network(tmp_path):
    code = """
        import asyncio, socket

        for address in [("10.1.2.3", 80), ("example.com", 80)]:
            try:
                socket.create_connection(address)
            except OSError as error:
                print(type(error).__name__, error)

        async def main():
            try:
                await asyncio.open_connection("example.com", 443)
            except OSError as error:
                print(type(error).__name__, error)

        asyncio.run(main())
    """
    ours = outputs(code, tmp_path)[1]
    assert ours.splitlines() == ["status 0", "OSError [Errno 101] Network is unreachable",
                                 "gaierror [Errno -3] Temporary failure in name resolution",
                                 "gaierror [Errno -3] Temporary failure in name resolution"]
