"""Sockets in memory, for the live-snippets runtime: a browser's Python cannot open sockets, so `socket.socket` and
`socket.socketpair()` are replaced by sockets that only reach each other, within the program. Streams only (TCP on
127.0.0.1 or ::1, Unix sockets): bind, listen, accept, connect, send, recv, shutdown, timeouts and non-blocking
calls, as CPython on Linux gives them, with Linux's error numbers and messages. select.select(), the selectors and
asyncio's socket support (sock_recv, start_server, open_connection...) see them. Any other host is unreachable, as
with no network.

A wait (a blocking recv, a select) parks the thread that waits (threads.py) until any socket changes; without stack
switching there is only one thread, and a wait only lasts until its timeout, as it would in CPython.
"""

import collections
import errno
import importlib
import ipaddress
import os
import random
import select as _select
import selectors
import socket as _socket
import sys
import time
import warnings

# Linux's numbers for what Emscripten's socket module leaves out (install() rebuilds socket's enums with them)
for _name, _value in (("AF_UNIX", 1), ("SO_REUSEADDR", 2), ("SO_REUSEPORT", 15)):
    if not hasattr(_socket, _name):
        setattr(sys.modules["_socket"], _name, _value)
        setattr(_socket, _name, _value)

CAPACITY = 212_992  # bytes a connection holds unread, as Linux's default socket buffer
_EPHEMERAL_PORTS = range(32768, 61000)  # Linux's ip_local_port_range
_LOOPBACK = {_socket.AF_INET: ("127.0.0.1", "0.0.0.0"), _socket.AF_INET6: ("::1", "::")}
_ANY = {_socket.AF_INET: "0.0.0.0", _socket.AF_INET6: "::"}
_SOL_SOCKET, _SO_ERROR, _SO_TYPE = _socket.SOL_SOCKET, _socket.SO_ERROR, _socket.SO_TYPE

_monotonic = time.monotonic
_original = {}  # what install() replaced: name -> (module, value)
_ports = random.Random()  # ephemeral ports, without touching the program's random numbers

_wait = None  # runtime.py's _wait(seconds): blocks the running thread (None: until stopped)
_threads = None  # threads.py, where threads run
_open = {}  # fd: _Socket, every socket not closed
_bound = {}  # (family, port or path): the socket bound there
_waiting = set()  # threads waiting for a socket to change


# --- Linux's errors ----------------------------------------------------------------------------------------------

# Pyodide's errno numbers are Emscripten's; these are Linux's, which CPython shows on Linux.
_LINUX_ERRORS = {
    2: (FileNotFoundError, "No such file or directory"),
    9: (OSError, "Bad file descriptor"),
    11: (BlockingIOError, "Resource temporarily unavailable"),
    22: (OSError, "Invalid argument"),
    32: (BrokenPipeError, "Broken pipe"),
    97: (OSError, "Address family not supported by protocol"),
    98: (OSError, "Address already in use"),
    99: (OSError, "Cannot assign requested address"),
    101: (OSError, "Network is unreachable"),
    106: (OSError, "Transport endpoint is already connected"),
    107: (OSError, "Transport endpoint is not connected"),
    111: (ConnectionRefusedError, "Connection refused"),
    115: (BlockingIOError, "Operation now in progress"),
}
EINPROGRESS, ECONNREFUSED = 115, 111
# errno's names for them, which install() gives Linux's numbers too (Emscripten's differ: EAGAIN is 6 there)
_SOCKET_ERRNOS = {"EAGAIN": 11, "EWOULDBLOCK": 11, "EPIPE": 32, "EAFNOSUPPORT": 97, "EADDRINUSE": 98,
                  "EADDRNOTAVAIL": 99, "ENETUNREACH": 101, "ECONNRESET": 104, "EISCONN": 106, "ENOTCONN": 107,
                  "ETIMEDOUT": 110, "ECONNREFUSED": 111, "EINPROGRESS": 115}


def linux_error(number: int, message: str | None = None) -> OSError:
    kind, text = _LINUX_ERRORS[number]
    return kind(number, message or text)


# --- waiting -------------------------------------------------------------------------------------------------------


def _changed() -> None:
    """A socket changed: every thread waiting on one looks again."""
    for thread in list(_waiting) if _threads else ():
        _threads.wake(thread)


def _wait_until(ready, deadline) -> bool:
    """Wait until ready() is true (True) or the deadline passes (False; None: no deadline)."""
    me = _threads.current() if _threads else None
    while not ready():
        left = None if deadline is None else deadline - _monotonic()
        if left is not None and left <= 0:
            return False
        _waiting.add(me)
        try:
            _wait(left)
        finally:
            _waiting.discard(me)
    return True


# --- the sockets ---------------------------------------------------------------------------------------------------


class _Stream:
    """One direction of a connection."""

    __slots__ = ("data", "ended", "unread")

    def __init__(self):
        self.data = bytearray()
        self.ended = False  # the writer shut it down or closed: the reader gets b"" once the data is read
        self.unread = False  # the reader closed: writing fails with EPIPE


class socket:  # noqa: N801 - socket's name
    """socket.socket, in memory (streams; another type is Pyodide's own socket)."""

    def __new__(cls, family=-1, type=-1, proto=-1, fileno=None):  # noqa: A002 - socket's names
        if type not in (-1, _socket.SOCK_STREAM) or fileno is not None or family not in (-1, *_FAMILIES):
            return _original["socket"][1](family, type, proto, fileno)
        return super().__new__(cls)

    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):  # noqa: A002
        self._family = _socket.AF_INET if family == -1 else family
        self._type = _socket.SOCK_STREAM
        self._proto = 0 if proto == -1 else proto
        self._fd = _new_fd()
        self._timeout = _socket.getdefaulttimeout()
        self._closed = False
        self._io_refs = 0  # makefile()'s files (socket.socket's own makefile is used)
        self._local = self._peer = None  # addresses
        self._reading = self._writing = None  # _Stream
        self._pending = None  # a listening socket's connections not accepted yet
        self._error = 0  # SO_ERROR: a non-blocking connect's outcome
        self._options = {}
        _open[self._fd] = self

    # what a socket shows of itself
    family = property(lambda self: _socket._intenum_converter(self._family, _socket.AddressFamily))
    type = property(lambda self: _socket._intenum_converter(self._type, _socket.SocketKind))
    proto = property(lambda self: self._proto)

    def __repr__(self):  # as socket.socket's
        closed = self._closed
        text = (f"<{type(self).__module__}.{type(self).__qualname__}{' [closed]' if closed else ''} "
                f"fd={self.fileno()}, family={self.family}, type={self.type}, proto={self.proto}")
        if not closed:
            for name, address in (("laddr", self.getsockname), ("raddr", self.getpeername)):
                try:
                    if value := address():
                        text += f", {name}={value}"
                except OSError:
                    pass
        return text + ">"

    def __getstate__(self):
        raise TypeError(f"cannot pickle {type(self).__name__!r} object")

    def __enter__(self):
        return self

    def __exit__(self, *args):
        if not self._closed:
            self.close()

    def __del__(self):
        if not getattr(self, "_closed", True) and _open is not None:  # (None: the interpreter is ending)
            warnings.warn(f"unclosed {self!r}", ResourceWarning, stacklevel=1, source=self)
            self._real_close()

    makefile = _socket.socket.makefile
    _decref_socketios = _socket.socket._decref_socketios

    def fileno(self):
        return -1 if self._closed else self._fd

    # blocking, timeouts
    def settimeout(self, value):
        if value is not None:
            value = float(value)
            if value < 0:
                raise ValueError("Timeout value out of range")
        self._timeout = value

    def gettimeout(self):
        return self._timeout

    def setblocking(self, flag):
        self._timeout = None if flag else 0.0

    def getblocking(self):
        return self._timeout != 0.0

    def _block_until(self, ready) -> None:
        """Wait as the socket's timeout says: raise BlockingIOError (non-blocking) or TimeoutError."""
        if ready():
            return
        if self._timeout == 0.0:
            raise linux_error(11)
        deadline = None if self._timeout is None else _monotonic() + self._timeout
        if not _wait_until(lambda: self._closed or ready(), deadline):
            raise TimeoutError("timed out")
        self._check_open()

    def _check_open(self):
        if self._closed:
            raise linux_error(9)

    # addresses
    def _address(self, address, *, passive):
        """(host, port) as this socket's family writes it, for bind (passive) or connect."""
        if self._family == _socket.AF_UNIX:
            if not isinstance(address, (str, bytes)):
                raise TypeError(f"a bytes-like object is required, not '{type(address).__name__}'")
            return address
        if not isinstance(address, tuple) or len(address) < 2:
            raise TypeError(f"{_socket.AddressFamily(self._family).name} address must be a tuple (host, port)")
        host, port = address[0], address[1]
        if not isinstance(port, int):
            raise TypeError(f"'{type(port).__name__}' object cannot be interpreted as an integer")
        if not 0 <= port <= 65535:
            raise OverflowError(f"{'bind' if passive else 'connect'}(): port must be 0-65535.")
        if host in ("", None) or (passive and host == "<broadcast>"):
            host = _ANY[self._family]
        elif not _is_numeric(host, self._family):
            host = getaddrinfo(host, port, self._family, _socket.SOCK_STREAM)[0][4][0]
        return host, port

    def _full(self, host_port):
        return host_port if self._family != _socket.AF_INET6 else (*host_port, 0, 0)

    def bind(self, address):
        self._check_open()
        if self._local is not None:
            raise linux_error(22)
        address = self._address(address, passive=True)
        if self._family == _socket.AF_UNIX:
            if (self._family, address) in _bound:
                raise linux_error(98)
            self._local = address
            _bound[(self._family, address)] = self
            return
        host, port = address
        if host not in _LOOPBACK[self._family] and not host.startswith("127."):
            raise linux_error(99)
        port = port or _free_port(self._family)
        if (self._family, port) in _bound:
            raise linux_error(98)
        self._local = self._full((host, port))
        _bound[(self._family, port)] = self

    def getsockname(self):
        self._check_open()
        if self._local is not None:
            return self._local
        return "" if self._family == _socket.AF_UNIX else self._full((_ANY[self._family], 0))

    def getpeername(self):
        self._check_open()
        if self._writing is None:
            raise linux_error(107)
        return self._peer

    def setsockopt(self, level, option, value, optlen=None):
        self._check_open()
        self._options[(level, option)] = value

    def getsockopt(self, level, option, buflen=None):
        self._check_open()
        if (level, option) == (_SOL_SOCKET, _SO_ERROR):
            error, self._error = self._error, 0
            return error
        if (level, option) == (_SOL_SOCKET, _SO_TYPE):
            return self._type
        value = self._options.get((level, option), 0)
        return value if buflen is None else bytes(buflen)

    # connections
    def listen(self, backlog=128):
        self._check_open()
        if self._writing is not None:
            raise linux_error(22)
        if self._local is None:
            self.bind("" if self._family == _socket.AF_UNIX else ("", 0))
        if self._pending is None:
            self._pending = collections.deque()

    def accept(self):
        self._check_open()
        if self._pending is None:
            raise linux_error(22)
        self._block_until(lambda: self._pending)
        conn = self._pending.popleft()
        _changed()
        return conn, conn._peer

    def connect(self, address):
        error = self._connect(address)
        if error:
            raise linux_error(error)

    def connect_ex(self, address):
        return self._connect(address)

    def _connect(self, address) -> int:
        self._check_open()
        if self._pending is not None:
            raise linux_error(22)
        if self._writing is not None:
            return 106  # already connected
        address = self._address(address, passive=False)
        if self._family == _socket.AF_UNIX:
            listener = _bound.get((self._family, address))
            if listener is None:
                return 2
            if listener._pending is None:
                return ECONNREFUSED
            self._join(listener, address, self._local or "")
            return 0
        host, port = address
        if host not in _LOOPBACK[self._family] and not host.startswith("127."):
            return 101
        listener = _bound.get((self._family, port))
        if self._local is None:
            self._local = self._full(("127.0.0.1" if self._family == _socket.AF_INET else "::1", _free_port(self._family)))
            _bound[(self._family, self._local[1])] = self
        if listener is None or listener._pending is None or listener._closed:
            if self._timeout != 0.0:
                return ECONNREFUSED
            self._error = ECONNREFUSED  # as Linux: the connect is in progress, then fails (writable, SO_ERROR)
            return EINPROGRESS
        self._join(listener, self._full((host, port)), self._local)
        return EINPROGRESS if self._timeout == 0.0 else 0

    def _join(self, listener, peer_address, local_address):
        """Connect to listener: its next accept() returns the other end."""
        conn = socket(self._family, self._type, listener._proto)
        conn._timeout = _socket.getdefaulttimeout()
        conn._local, conn._peer = peer_address, local_address
        self._peer = peer_address
        self._reading, self._writing = conn._writing, conn._reading = _Stream(), _Stream()
        listener._pending.append(conn)
        _changed()

    # data
    def recv(self, bufsize, flags=0):
        if bufsize < 0:
            raise ValueError("negative buffersize in recv")
        return self._take(bufsize, flags)

    def recv_into(self, buffer, nbytes=0, flags=0):
        target = memoryview(buffer).cast("B")
        if nbytes < 0:
            raise ValueError("negative buffersize in recv_into")
        if nbytes > len(target):
            raise ValueError("buffer too small for requested bytes")
        data = self._take(nbytes or len(target), flags)
        target[: len(data)] = data
        return len(data)

    def _take(self, size, flags) -> bytes:
        """Up to size bytes, once there are some (or the other end has ended)."""
        self._check_open()
        stream = self._reading
        if stream is None:
            raise linux_error(107)
        if size == 0:
            return b""
        self._block_until(lambda: stream.data or stream.ended)
        data = bytes(stream.data[:size])
        if not flags & _socket.MSG_PEEK:
            del stream.data[:size]
            _changed()
        return data

    def send(self, data, flags=0):
        self._check_open()
        view = memoryview(data).cast("B")
        stream = self._writing
        if stream is None:
            raise linux_error(32 if self._family == _socket.AF_UNIX else 107)
        if stream.unread or stream.ended:
            raise linux_error(32)
        if not view:
            return 0
        self._block_until(lambda: stream.unread or len(stream.data) < CAPACITY)
        if stream.unread:
            raise linux_error(32)
        count = min(len(view), CAPACITY - len(stream.data))
        stream.data += view[:count]
        _changed()
        return count

    def sendall(self, data, flags=0):
        view = memoryview(data).cast("B")
        deadline = None if not self._timeout else _monotonic() + self._timeout
        while view:
            timeout = self._timeout
            if deadline is not None:
                self._timeout = max(deadline - _monotonic(), 1e-9)
            try:
                view = view[self.send(view, flags):]
            finally:
                self._timeout = timeout

    def shutdown(self, how):
        self._check_open()
        if how not in (_socket.SHUT_RD, _socket.SHUT_WR, _socket.SHUT_RDWR):
            raise linux_error(22)
        if self._writing is None:
            raise linux_error(107)
        if how != _socket.SHUT_RD:
            self._writing.ended = True
        if how != _socket.SHUT_WR:
            self._reading.ended = True
        _changed()

    def close(self):
        self._closed = True
        if self._io_refs <= 0:
            self._real_close()

    def _real_close(self):
        if _open.pop(self._fd, None) is None:
            return
        os.close(self._fd)
        self._closed = True
        if self._writing is not None:
            self._writing.ended = True
        if self._reading is not None:
            self._reading.unread = True
        for conn in self._pending or ():
            conn._real_close()
        for key, bound in list(_bound.items()):
            if bound is self:
                del _bound[key]
        _changed()

    def detach(self):
        fd = self.fileno()
        self._real_close()
        return fd

    # readiness, for select() and the selectors
    def _readable(self):
        if self._pending is not None:
            return bool(self._pending)
        stream = self._reading
        return stream is not None and bool(stream.data or stream.ended)

    def _writable(self):
        if self._error:
            return True
        stream = self._writing
        return stream is not None and (stream.unread or stream.ended or len(stream.data) < CAPACITY)


socket.__module__ = "socket"
_FAMILIES = (_socket.AF_INET, _socket.AF_INET6, _socket.AF_UNIX)


def _new_fd() -> int:
    """A file descriptor of the worker's, the lowest free one as Linux gives (fd=3 for a program's first socket)."""
    return os.open(os.devnull, os.O_RDONLY)


def _free_port(family) -> int:
    while (family, port := _ports.choice(_EPHEMERAL_PORTS)) in _bound:
        pass
    return port


def _is_numeric(host, family) -> bool:
    try:
        inet_pton(family, host)
    except (OSError, TypeError):
        return False
    return True


def inet_pton(family, ip_string):
    """socket.inet_pton; IPv6 too (Emscripten's socket module has it disabled)."""
    if family != _socket.AF_INET6:
        return _original_inet_pton(family, ip_string)
    try:
        return ipaddress.IPv6Address(ip_string).packed
    except ValueError:
        raise OSError("illegal IP address string passed to inet_pton") from None


def inet_ntop(family, packed_ip):
    """socket.inet_ntop; IPv6 too."""
    if family != _socket.AF_INET6:
        return _original_inet_ntop(family, packed_ip)
    if len(packed_ip) != 16:
        raise ValueError("invalid length of packed IP address string")
    return str(ipaddress.IPv6Address(bytes(packed_ip)))


_original_inet_pton, _original_inet_ntop = _socket.inet_pton, _socket.inet_ntop


def socketpair(family=None, type=_socket.SOCK_STREAM, proto=0):  # noqa: A002 - socket's names
    """Two connected sockets (socket.socketpair)."""
    family = _socket.AF_UNIX if family is None else family
    if type != _socket.SOCK_STREAM:
        return _original["socketpair"][1](family, type, proto)
    if family not in _FAMILIES:
        raise linux_error(97)
    a, b = socket(family, type, proto), socket(family, type, proto)
    a._reading, a._writing = b._writing, b._reading = _Stream(), _Stream()
    if family != _socket.AF_UNIX:  # Linux makes AF_INET pairs through a listener on loopback
        host = _LOOPBACK[family][0]
        a._local, b._local = a._full((host, _free_port(family))), b._full((host, _free_port(family)))
        a._peer, b._peer = b._local, a._local
    else:
        a._local = b._local = a._peer = b._peer = ""
    return a, b


def getaddrinfo(host, port, family=0, type=0, proto=0, flags=0):  # noqa: A002 - socket's names
    """socket.getaddrinfo for this machine's own names and numeric addresses; any other name cannot be resolved."""
    if isinstance(host, bytes):
        host = host.decode("idna")
    if isinstance(port, bytes):
        port = port.decode()
    if port is None:
        port = 0
    elif isinstance(port, str):
        if not port.isdigit():
            raise _socket.gaierror(-8, "Servname not supported for ai_socktype")
        port = int(port)
    # glibc's order: IPv6 first for loopback, IPv4 first for the wildcard address
    families = [family] if family else [_socket.AF_INET, _socket.AF_INET6][:: 1 if flags & _socket.AI_PASSIVE else -1]
    addresses = []
    for candidate in families:
        if host is None:
            addresses.append((candidate, _ANY[candidate] if flags & _socket.AI_PASSIVE else _LOOPBACK[candidate][0]))
        elif host in ("localhost", "localhost.localdomain") and (candidate == _socket.AF_INET or family):
            addresses.append((candidate, _LOOPBACK[candidate][0]))
        elif candidate in _LOOPBACK and _is_numeric(host, candidate):
            addresses.append((candidate, host))
    if not addresses:
        if host is not None and any(_is_numeric(host, f) for f in _LOOPBACK):
            raise _socket.gaierror(-9, "Address family for hostname not supported")
        raise _socket.gaierror(-3, "Temporary failure in name resolution")  # as with no network
    kinds = [(type, proto or (6 if type == _socket.SOCK_STREAM else 17 if type == _socket.SOCK_DGRAM else 0))] \
        if type else [(_socket.SOCK_STREAM, 6), (_socket.SOCK_DGRAM, 17), (_socket.SOCK_RAW, 0)]
    return [(_socket.AddressFamily(f), _socket.SocketKind(kind), protocol, "",
             (address, port) if f == _socket.AF_INET else (address, port, 0, 0))
            for f, address in addresses for kind, protocol in kinds]


def gethostbyname(host):
    return getaddrinfo(host, None, _socket.AF_INET, _socket.SOCK_STREAM)[0][4][0]


# --- select() and the selectors -------------------------------------------------------------------------------------


def _fd_of(fileobj) -> int:
    """The file descriptor select.select() takes (an int, or an object's fileno()), with select's errors."""
    if isinstance(fileobj, int):
        fd = fileobj
    else:
        try:
            fd = int(fileobj.fileno())
        except AttributeError:
            raise TypeError("argument must be an int, or have a fileno() method.") from None
    if fd < 0:
        raise ValueError(f"file descriptor cannot be a negative integer ({fd})")
    return fd


def _real_ready(reads, writes) -> tuple[set, set]:
    """Of these file descriptors (not sockets of this module), those ready now; a closed one never is (as epoll
    forgets a closed file)."""
    reads, writes = [fd for fd in reads if _is_open(fd)], [fd for fd in writes if _is_open(fd)]
    if not reads and not writes:
        return set(), set()
    readable, writable, _ = _original["select"][1](reads, writes, [], 0)
    return set(readable), set(writable)


def _is_open(fd) -> bool:
    try:
        os.fstat(fd)
    except OSError:
        return False
    return True


def _ready(reads, writes) -> tuple[set, set]:
    real_reads = {fd for fd in reads if fd not in _open}
    real_writes = {fd for fd in writes if fd not in _open}
    readable, writable = _real_ready(real_reads, real_writes)
    readable |= {fd for fd in reads if fd in _open and _open[fd]._readable()}
    writable |= {fd for fd in writes if fd in _open and _open[fd]._writable()}
    return readable, writable


def _select_wait(reads, writes, timeout):
    """Wait until one of the file descriptors is ready or timeout passes (None: no limit)."""
    deadline = None if timeout is None else _monotonic() + max(0.0, timeout)
    polls_real = any(fd not in _open for fd in (*reads, *writes))  # nothing says when a pipe changes: look often
    while True:
        readable, writable = _ready(reads, writes)
        left = None if deadline is None else deadline - _monotonic()
        if readable or writable or (left is not None and left <= 0):
            return readable, writable
        if polls_real:
            _wait(0.01 if left is None else min(left, 0.01))
        else:
            _wait_until(lambda: any(_ready(reads, writes)), deadline)


def select(rlist, wlist, xlist, timeout=None, /):
    """select.select, for these sockets and the worker's own files."""
    if timeout is not None:
        timeout = float(timeout)
        if timeout < 0:
            raise ValueError("timeout must be non-negative")
    rlist, wlist, xlist = list(rlist), list(wlist), list(xlist)
    fds = {id(obj): _fd_of(obj) for obj in (*rlist, *wlist, *xlist)}
    if not any(fd in _open for fd in fds.values()) and fds:
        return _original["select"][1](rlist, wlist, xlist, timeout)
    readable, writable = _select_wait({fds[id(o)] for o in rlist}, {fds[id(o)] for o in wlist}, timeout)
    return [o for o in rlist if fds[id(o)] in readable], [o for o in wlist if fds[id(o)] in writable], []


class SelectSelector(selectors._BaseSelectorImpl):
    """The selectors, on these sockets and the worker's own files; asyncio's loop uses DefaultSelector, as on Linux
    an EpollSelector."""

    def select(self, timeout=None):
        keys = self._fd_to_key
        reads = {fd for fd, key in keys.items() if key.events & selectors.EVENT_READ}
        writes = {fd for fd, key in keys.items() if key.events & selectors.EVENT_WRITE}
        readable, writable = _select_wait(reads, writes, timeout)
        ready = []
        for fd, key in list(keys.items()):
            events = (selectors.EVENT_READ if fd in readable else 0) | (selectors.EVENT_WRITE if fd in writable else 0)
            if events & key.events:
                ready.append((key, events & key.events))
        return ready


class PollSelector(SelectSelector):
    def modify(self, fileobj, events, data=None):  # as CPython's poll and epoll selectors: the key changes in place
        try:
            key = self._fd_to_key[self._fileobj_lookup(fileobj)]
        except KeyError:
            raise KeyError(f"{fileobj!r} is not registered") from None
        if events & ~(selectors.EVENT_READ | selectors.EVENT_WRITE) or not events:
            raise ValueError(f"Invalid events: {events!r}")
        if events != key.events or data != key.data:
            key = self._fd_to_key[key.fd] = key._replace(events=events, data=data)
        return key


class EpollSelector(PollSelector):
    def __init__(self):
        super().__init__()
        self._fd = _new_fd()  # the epoll file descriptor CPython's has (so that sockets are numbered as there)

    def fileno(self):
        return self._fd

    def close(self):
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
        super().close()


for _class in (EpollSelector, SelectSelector, PollSelector):
    _class.__module__ = "selectors"


# --- installing -----------------------------------------------------------------------------------------------------


def configure(wait, threads) -> None:
    """How to wait (the runtime's _wait) and the threads module (None where threads are the host's own)."""
    global _wait, _threads
    _wait, _threads = wait, threads


def install() -> None:
    """Replace socket, select and selectors' names with these (once, when the worker starts)."""
    sys.modules["_socket"].has_ipv6 = True  # as on Linux (Emscripten's says False)
    for name, number in _SOCKET_ERRNOS.items():  # so that `error.errno == errno.EAGAIN` holds for these sockets
        setattr(errno, name, number)
    importlib.reload(_socket)  # socket.AddressFamily.AF_UNIX, and SocketIO's errno numbers, as on Linux
    replaced = [(_socket, "socket", socket), (_socket, "socketpair", socketpair), (_socket, "getaddrinfo", getaddrinfo),
                (_socket, "gethostbyname", gethostbyname), (_socket, "inet_pton", inet_pton),
                (_socket, "inet_ntop", inet_ntop), (_select, "select", select),
                (selectors, "DefaultSelector", EpollSelector), (selectors, "EpollSelector", EpollSelector),
                (selectors, "SelectSelector", SelectSelector), (selectors, "PollSelector", PollSelector)]
    for module, name, value in replaced:
        _original[name] = (module, getattr(module, name, None))
        setattr(module, name, value)
    _socket.SocketType = socket


def end_run() -> None:
    """The program has ended: its sockets close, as a process's do at exit."""
    for sock in list(_open.values()):
        sock._real_close()
    _bound.clear()
    _waiting.clear()
