"""The Python half of the live-snippets worker: runs a snippet the way `python FILE` runs it, inside Pyodide.

Pyodide's own event loop (WebLoop) is driven by the browser and differs from CPython's in ways a lesson shows
(time.sleep does not block it, debug mode does nothing, nested asyncio.run succeeds...). So a snippet runs on
CPython's own loop instead: asyncio's selector event loop, on sockets in memory (sockets.py: a browser's Python has
none), which waits for its next timer or socket. `asyncio.run`, `loop.run_until_complete`, debug mode and error reports
are then CPython's code, unchanged. Waiting is done by parking the thread (threads.py: a JavaScript promise, through stack
switching) where the browser has it, so that Stop can wake a waiting snippet and other threads run meanwhile;
elsewhere by a blocking sleep.

Stop works like Ctrl+C: the first press cancels asyncio.run's main task, a second one raises KeyboardInterrupt.
"""

import _abc
import _codecs
import abc
import asyncio
import atexit
import base64
import builtins
import codecs
import contextvars
import faulthandler
import functools
import gc
import importlib.util
import io
import itertools
import json
import linecache
import logging
import math
import os
import re
import signal
import socket
import sys
import time
import traceback
import tracemalloc
import types
import warnings
from asyncio import events, selector_events

from pyodide.ffi import can_run_sync
from pyodide.webloop import _orig_sleep

host = None  # the worker's JavaScript object (worker.js says what it offers)
YIELD_EVERY_SECONDS = 0.05  # a loop that never waits still lets the worker read a Stop this often
SPIN_SECONDS = 0.004  # a wait this short is spun (see _wait)
_last_yield = 0.0
ROOT = "/home/pyodide/snippets"  # helper modules live here, like the snippets folder on PYTHONPATH
HOME = "/home/pyodide"  # the current directory between runs
_threads = None  # threads.py, in Pyodide: threads on stack switching
_sockets = None  # sockets.py: sockets in memory (the socket module's, in Pyodide)
_processes = None  # processes.py, in Pyodide: child processes in other workers
_STDLIB = re.compile(r"/lib/python3[.\d]*(?:\.zip)?/")  # the standard library: /lib/python314.zip/, /lib/python3.14/


class _Output(io.TextIOBase):
    """sys.stdout or sys.stderr: every write goes to the page at once, as with PYTHONUNBUFFERED=1; flush() sends
    what the worker holds back, so that it shows before a long computation."""

    def __init__(self, name: str, fileno: int):
        self.name = f"<{name}>"
        self._stream = name
        self._fileno = fileno
        self.errors = "backslashreplace" if name == "stderr" else "strict"
        self.buffer = _OutputBuffer(self)

    encoding = "utf-8"
    errors = "strict"  # shadows io.TextIOBase's read-only property
    line_buffering = False
    write_through = True

    def writable(self):
        return True

    def fileno(self):
        return self._fileno

    def isatty(self):
        return False

    def flush(self):
        if host is not None:
            host.flush()

    def reconfigure(self, *, encoding=None, errors=None, newline=None, line_buffering=None, write_through=None):
        """As TextIOWrapper.reconfigure; the page receives text, so an encoding changes only what is reported."""
        if encoding is not None:
            self.encoding = codecs.lookup(encoding).name
            self.errors = errors or "strict"
        if errors is not None:
            self.errors = errors
        if line_buffering is not None:
            self.line_buffering = bool(line_buffering)
        if write_through is not None:
            self.write_through = bool(write_through)

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if text and not _silenced():
            host.output(self._stream, _short_paths(text))
        return len(text)


class _OutputBuffer(io.RawIOBase):
    """sys.stdout.buffer: bytes written are decoded as UTF-8 (a character split between writes waits for its end)."""

    def __init__(self, text: _Output):
        self._text = text
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self.name = text.name

    def writable(self):
        return True

    def fileno(self):
        return self._text.fileno()

    def write(self, data):
        chunk = bytes(data)
        decoded = self._decoder.decode(chunk)
        if decoded and not _silenced():
            host.output(self._text._stream, _short_paths(decoded))
        return len(chunk)

    def flush(self):
        self._text.flush()


def _silenced() -> bool:
    """A thread still alive when the run ended prints nothing more, as a process's threads at exit."""
    return _threads is not None and _threads.current().dismissed


def _short_paths(text: str) -> str:
    """Paths as the recorded CPython outputs show them: snippet files by name, the standard library as `...`."""
    if "/" not in text:
        return text
    text = text.replace(os.getcwd() + "/", "").replace(ROOT + "/", "")
    return _STDLIB.sub(".../", text)


# host.readLine(prompt)'s answers other than a line (worker.js): None, no keyboard here (the page is not
# cross-origin isolated); else the numbers contract.json (beside this file) names under "input".
with open(os.path.join(os.path.dirname(__file__), "contract.json"), encoding="utf-8") as _contract:
    _INPUT = json.load(_contract)["input"]
_INPUT_ENDED, _INPUT_STOPPED, _INPUT_INTERRUPTED = _INPUT["ended"], _INPUT["stopped"], _INPUT["interrupted"]


def _read_line(prompt: str) -> str | int | None:
    """The line the reader types in the output panel, where the page can hand it over (cross-origin isolated);
    _INPUT_ENDED at its end (Ctrl+D in the field); None where there is no keyboard; KeyboardInterrupt on Stop."""
    read_line = getattr(host, "readLine", None)
    while read_line is not None:
        line = read_line(prompt)
        if isinstance(line, str) or line == _INPUT_ENDED:
            return line
        if line == _INPUT_STOPPED:  # Stop while the program waited, as Ctrl+C at a terminal
            raise KeyboardInterrupt
        if line != _INPUT_INTERRUPTED:  # None, or JavaScript's null (pyodide.ffi.jsnull, not None): no keyboard
            break
        # a SIGINT is pending, which Python raises as KeyboardInterrupt at its next check: ask again meanwhile
    return None


def _input(prompt=""):
    """input(): a line typed in the output panel; elsewhere EOFError, as with `python FILE < /dev/null`."""
    prompt = str(prompt)
    sys.stdout.write(prompt)
    line = _read_line(prompt)
    if line == _INPUT_ENDED:
        raise EOFError("EOF when reading a line")
    if line is None:
        raise EOFError("input() cannot read from a keyboard in the browser: run this snippet on your machine to type")
    return line


class _Stdin(io.TextIOBase):
    """sys.stdin: readline(), read() and iteration read the lines typed in the output panel, as from a terminal
    (Ctrl+D ends them); where the page cannot hand lines over, it is empty, as with `python FILE < /dev/null`."""

    name = "<stdin>"
    encoding = "utf-8"
    errors = "strict"  # shadows io.TextIOBase's read-only property

    def __init__(self):
        self._pending = ""  # what a readline(size) or read(size) left of a typed line

    def readable(self):
        return True

    def fileno(self):
        return 0

    def isatty(self):
        return False

    def _next_line(self) -> str:
        if not self._pending:
            line = _read_line("")
            self._pending = line + "\n" if isinstance(line, str) else ""
        line, self._pending = self._pending, ""
        return line

    def readline(self, size=-1):
        if size == 0:
            return ""
        line = self._next_line()
        if size is not None and 0 <= size < len(line):
            line, self._pending = line[:size], line[size:]
        return line

    def read(self, size=-1):
        text = ""
        while size is None or size < 0 or len(text) < size:
            line = self.readline(-1 if size is None or size < 0 else size - len(text))
            if not line:
                break
            text += line
        return text


# --- CPython's event loop, waiting on timers only ---------------------------------------------------------------


class _UnixSelectorEventLoop(selector_events.BaseSelectorEventLoop):
    """The loop asyncio.new_event_loop() makes on Linux, on the sockets in memory (sockets.py), its self-pipe
    included. It is also asyncio.EventLoop and asyncio.SelectorEventLoop (for loop_factory=, or made directly)."""

    def __init__(self, selector=None):
        super().__init__(selector if isinstance(selector, _sockets.SelectSelector) else _sockets.EpollSelector())

    def _make_self_pipe(self):  # CPython's, on a socket pair in memory where the socket module is the host's (tests)
        self._ssock, self._csock = _sockets.socketpair()
        self._ssock.setblocking(False)
        self._csock.setblocking(False)
        self._internal_fds += 1
        self._add_reader(self._ssock.fileno(), self._read_from_self)

    async def getaddrinfo(self, host, port, *, family=0, type=0, proto=0, flags=0):  # noqa: A002 - asyncio's names
        if _threads and not can_run_sync():  # no thread can start to ask: the names are this machine's, known at once
            return socket.getaddrinfo(host, port, family, type, proto, flags)
        return await super().getaddrinfo(host, port, family=family, type=type, proto=proto, flags=flags)

    def _sock_connect_cb(self, fut, sock, address):
        """CPython's, with Linux's error: Pyodide's errno numbers are Emscripten's, so OSError(111) would not be a
        ConnectionRefusedError there."""
        if fut.done():
            return
        try:
            error = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
            if error != 0:
                raise _sockets.linux_error(error, f"Connect call failed {address}")
        except (BlockingIOError, InterruptedError):
            pass
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:  # noqa: BLE001 - CPython's
            fut.set_exception(exc)
        else:
            fut.set_result(None)
        finally:
            fut = None

    def create_task(self, coro, *, name=None, context=None, **kwargs):
        if name is None:  # CPython numbers tasks per process; each run is a fresh process
            name = f"Task-{next(_task_numbers)}"
        task = super().create_task(coro, name=name, context=context, **kwargs)
        if task._source_traceback:  # debug mode: where the task was created, without this method
            del task._source_traceback[-1]
        return task


_UnixSelectorEventLoop.__module__ = "asyncio.unix_events"  # what type(loop) shows under CPython on Linux
_task_numbers = itertools.count(1)


# Python 3.14's names, which do not warn that policies are deprecated; the public ones before 3.14 (for the tests).
_get_policy = getattr(events, "_get_event_loop_policy", None) or events.get_event_loop_policy
_set_policy = getattr(events, "_set_event_loop_policy", None) or events.set_event_loop_policy
_BasePolicy = getattr(events, "_BaseDefaultEventLoopPolicy", None) or events.BaseDefaultEventLoopPolicy  # 3.14 / older


class _Policy(_BasePolicy):
    """asyncio's default policy on Linux, as get_event_loop_policy() shows it."""

    _loop_factory = _UnixSelectorEventLoop


_Policy.__module__, _Policy.__name__, _Policy.__qualname__ = "asyncio.unix_events", "_UnixDefaultEventLoopPolicy", "_UnixDefaultEventLoopPolicy"


def _use_the_pages_loop():
    """Every name under which asyncio offers CPython's loop class gives this one (Pyodide's are unusable here)."""
    from asyncio import unix_events

    for module in (asyncio, unix_events, events):  # vars(): 3.14's asyncio warns on some names it only computes
        names = vars(module)
        for name in ("EventLoop", "SelectorEventLoop", "_UnixSelectorEventLoop"):
            if name in names:
                setattr(module, name, _UnixSelectorEventLoop)
        for name in ("DefaultEventLoopPolicy", "_DefaultEventLoopPolicy", "_UnixDefaultEventLoopPolicy"):
            if name in names:
                setattr(module, name, _Policy)


def _wait(seconds):
    """Block the snippet for `seconds` (None: until stopped), letting Stop interrupt it where possible."""
    global _last_yield
    host.flush()
    if (seconds is not None and seconds <= SPIN_SECONDS and time.monotonic() - _last_yield < YIELD_EVERY_SECONDS
            and not (_threads and _threads.others_alive())):
        # No wait (the loop has more ready callbacks) or a short one: a round trip through JavaScript each time would
        # be slow, and its timer counts whole milliseconds (0.9 is 0), fires late and is clamped to 4 ms when nested,
        # so 100 x asyncio.sleep(0.001) took 0.42 s. Spun here instead; Stop is still read every YIELD_EVERY_SECONDS.
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            pass
        return
    if can_run_sync():
        _threads.park(seconds)  # the other threads run meanwhile; Stop ends the main thread's wait
        _last_yield = time.monotonic()
    else:
        started = time.monotonic()
        if not host.sleep(-1 if seconds is None else seconds * 1000):  # a blocking sleep that Stop can wake
            _orig_sleep(3600 * 24 if seconds is None else seconds)  # the page is not cross-origin isolated
        _blocked.seconds += time.monotonic() - started


_blocked = types.SimpleNamespace(seconds=0.0)  # time spent sleeping without stack switching


def _process_time_ns() -> int:
    """time.process_time_ns(): Pyodide counts the time the worker waits as CPU time too; CPython does not."""
    idle = _blocked.seconds + (_threads.idle_seconds() if _threads else 0.0)
    return _pyodide_process_time_ns() - int(idle * 1e9)


def _process_time() -> float:
    return _process_time_ns() / 1e9


_pyodide_process_time_ns = time.process_time_ns
_process_time.__name__, _process_time_ns.__name__ = "process_time", "process_time_ns"


_LONGEST_SLEEP = (2**63 - 1) / 1e9  # CPython keeps times as signed 64-bit nanoseconds


def _blocking_sleep(seconds):
    """time.sleep: blocks everything, the event loop included, as in CPython (a huge time: until stopped)."""
    if not isinstance(seconds, (int, float)) or seconds < 0:
        return _orig_sleep(seconds)  # raises CPython's own error
    if math.isnan(seconds):
        raise ValueError("Invalid value NaN (not a number)")
    if seconds >= _LONGEST_SLEEP:
        raise OverflowError("timestamp out of range for platform time_t")
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        _wait(left)


# In Pyodide, freeing the traceback of a RecursionError raised deeper than about 6,000 calls overflows the browser's
# own stack and kills the runtime (measured in Chromium: 5,000 is freed, 6,500 is not). So the limit in force is at
# most this; sys.getrecursionlimit() still shows what the snippet asked for.
SAFE_RECURSION_LIMIT = 4000
_set_recursion_limit, _requested_recursion_limit = sys.setrecursionlimit, None


def _setrecursionlimit(limit, /):
    """sys.setrecursionlimit, capped at SAFE_RECURSION_LIMIT (CPython's own errors for a wrong limit)."""
    global _requested_recursion_limit
    _set_recursion_limit(limit)
    _requested_recursion_limit = limit
    if limit > SAFE_RECURSION_LIMIT:
        _set_recursion_limit(SAFE_RECURSION_LIMIT)


def _getrecursionlimit():
    return _requested_recursion_limit or _get_recursion_limit()


_get_recursion_limit = sys.getrecursionlimit
_setrecursionlimit.__name__, _getrecursionlimit.__name__ = "setrecursionlimit", "getrecursionlimit"


# --- one run --------------------------------------------------------------------------------------------------


def _warn_unawaited_coroutine(coro):
    """warnings._warn_unawaited_coroutine, without the runner's frames in "Coroutine created at"."""
    message = f"coroutine '{coro.__qualname__}' was never awaited"
    origin = [frame for frame in reversed(coro.cr_origin or ()) if frame[0] != __file__]
    if origin:
        frames = [(file, line, function, linecache.getline(file, line)) for file, line, function in origin]
        message += "\nCoroutine created at (most recent call last)\n" + "".join(traceback.format_list(frames))
    warnings.warn(message.rstrip("\n"), category=RuntimeWarning, stacklevel=2, source=coro)


def _is_readers_frame(frame: traceback.FrameSummary) -> bool:
    return not frame.filename.startswith(("/", "<")) or frame.filename.startswith(ROOT + "/")


def _readers_frames_only(error: traceback.TracebackException) -> None:
    seen = set()
    pending = [error]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        current.stack = traceback.StackSummary.from_list(
            [frame for frame in current.stack if _is_readers_frame(frame)]
        )
        pending += [current.__cause__, current.__context__, *(current.exceptions or [])]


def _report(error: BaseException) -> None:
    """Print an uncaught exception as CPython does, without the runner's frames."""
    formatted = traceback.TracebackException.from_exception(error)
    _readers_frames_only(formatted)
    sys.stderr.write("".join(formatted.format()))


# Pyodide's own state, and the runtime's, are not the run's
_INTERNAL_MODULES = ("pyodide", "_pyodide", "js", "pyodide_js", __name__, "live_snippets_threads")
_IMMUTABLE_TYPE = 1 << 8  # Py_TPFLAGS_IMMUTABLETYPE: a class whose attributes cannot be set


class _Snapshot:
    """The interpreter as `python FILE` finds it, taken once after start-up. restore() puts back what a run
    changed, without a list of what to look at: every module's attributes and the contents of its lists, dicts
    and sets, the attributes of every class a module defines, the counters among them (threading's thread numbers)
    back at their start, the modules imported (those the run imported are forgotten, to be imported afresh), and the
    settings the interpreter keeps in C (gc, tracemalloc, signals, sys.set*)."""

    def __init__(self):
        self.modules = dict(sys.modules)
        self.namespaces = []  # (module dict, a copy of it, {name: copy of a list/dict/set it holds})
        self.classes = []  # (class, a copy of its attributes)
        self.counters = []  # (module dict or class, name, the itertools.count's repr then)
        for name, module in self.modules.items():
            namespace = getattr(module, "__dict__", None)
            if name.split(".")[0] in _INTERNAL_MODULES or name == "__main__" or not isinstance(namespace, dict):
                continue
            containers = {k: type(v)(v) for k, v in namespace.items() if type(v) in (list, dict, set)}
            containers.pop("modules", None) if module is sys else None
            self.namespaces.append((namespace, dict(namespace), containers))
            self.counters += [(namespace, k, state) for k, v in namespace.items() if (state := _count_state(v))]
            for value in list(namespace.values()):
                if isinstance(value, type) and value.__module__ == name and not value.__flags__ & _IMMUTABLE_TYPE:
                    self.classes.append((value, dict(vars(value))))
                    self.counters += [(value, k, state) for k, v in vars(value).items() if (state := _count_state(v))]
        # ABC registrations are kept in C: every abstract class alive now, with what is registered with it
        self.abcs = {cls: _registered(cls) for cls in gc.get_objects() if isinstance(cls, abc.ABCMeta)}
        self.context = contextvars.copy_context()  # every context variable's value (decimal's context...)
        self.environ = dict(os.environ)
        self.gc = gc.isenabled(), gc.get_debug(), gc.get_threshold()
        self.signals = {}
        for number in signal.valid_signals():
            try:
                self.signals[number] = signal.getsignal(number)
            except (OSError, ValueError):
                pass
        self.sys = (sys.getrecursionlimit(), sys.getswitchinterval(), sys.get_int_max_str_digits(),
                    sys.get_coroutine_origin_tracking_depth(), sys.get_asyncgen_hooks())

    def restore(self):
        atexit._clear()
        while _codec_searches:  # codecs.register keeps its functions in C, with no way to list them
            codecs.unregister(_codec_searches.pop())
        for cls, registered in self.abcs.items():
            if _registered(cls) != registered:
                _abc._reset_registry(cls)
                for subclass in registered:
                    cls.register(subclass)
        for cls in self.abcs:  # what issubclass() cached during the run may rest on a registration undone
            _abc._reset_caches(cls)
        for name in set(sys.modules) - set(self.modules):
            del sys.modules[name]
        sys.modules.update(self.modules)
        for namespace, saved, containers in self.namespaces:
            _restore_items(namespace, saved)
            for name, saved_container in containers.items():
                container = saved[name]
                if not _same_contents(container, saved_container):
                    if isinstance(container, list):
                        container[:] = saved_container
                    else:
                        container.clear()
                        container.update(saved_container)
        for cls, saved in self.classes:
            for name in vars(cls).keys() - saved.keys():
                delattr(cls, name)
            for name, value in saved.items():
                if vars(cls).get(name, _MISSING) is not value:
                    setattr(cls, name, value)
        for owner, name, state in self.counters:
            current = (owner if isinstance(owner, dict) else vars(owner))[name]
            if _count_state(current) != state:
                fresh = eval(state, {"count": itertools.count})  # noqa: S307 - a repr such as "count(1)"
                fresh = fresh if type(current) is itertools.count else fresh.__next__
                owner.__setitem__(name, fresh) if isinstance(owner, dict) else setattr(owner, name, fresh)
        warnings._filters_mutated()
        os.environ.clear()
        os.environ.update(self.environ)
        os.chdir(HOME)
        sys.stdin._pending = ""  # nothing typed in one run is read by the next
        enabled, debug, threshold = self.gc
        gc.enable() if enabled else gc.disable()
        gc.set_debug(debug)
        gc.set_threshold(*threshold)
        if tracemalloc.is_tracing():
            tracemalloc.stop()
        for number, handler in self.signals.items():
            # SIGINT stays ignored until the next run starts (run()): a late Stop must not interrupt this clean-up.
            if number != signal.SIGINT and signal.getsignal(number) is not handler:
                signal.signal(number, handler)
        limit, interval, digits, depth, hooks = self.sys
        sys.setrecursionlimit(limit)
        sys.setswitchinterval(interval)
        sys.set_int_max_str_digits(digits)
        sys.set_coroutine_origin_tracking_depth(depth)
        sys.set_asyncgen_hooks(*hooks)
        sys.settrace(None)
        sys.setprofile(None)
        for tool in range(6) if hasattr(sys, "monitoring") else ():
            if sys.monitoring.get_tool(tool) is not None:
                sys.monitoring.set_events(tool, 0)
                sys.monitoring.free_tool_id(tool)
        _reset_logging()


_MISSING = object()


def _count_state(value) -> str | None:
    """'count(3)' for an itertools.count or its __next__ (the way modules number things), else None."""
    counter = getattr(value, "__self__", value)
    return repr(counter) if type(counter) is itertools.count else None


def _registered(cls: abc.ABCMeta) -> set:
    """The classes registered with an abstract class (as weak references; those alive)."""
    return {ref() for ref in _abc._get_dump(cls)[0]} - {None}


_codec_searches = []  # the search functions a run registered


_register_codec = _codecs.register


@functools.wraps(_register_codec)
def _register_codec_search(search_function, /):
    _register_codec(search_function)
    _codec_searches.append(search_function)


def _restore_items(namespace: dict, saved: dict) -> None:
    for name in namespace.keys() - saved.keys():
        del namespace[name]
    for name, value in saved.items():
        if namespace.get(name, _MISSING) is not value:
            namespace[name] = value


def _same_contents(container, saved) -> bool:
    if len(container) != len(saved):
        return False
    if isinstance(container, dict):
        return all(container.get(k, _MISSING) is v for k, v in saved.items())
    if isinstance(container, list):
        return all(a is b for a, b in zip(container, saved))
    return container == saved


def _reset_logging():
    logging.disable(logging.NOTSET)
    loggers = [logging.root, *(x for x in logging.root.manager.loggerDict.values() if isinstance(x, logging.Logger))]
    for logger in loggers:
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
        logger.setLevel(logging.NOTSET)
        logger.propagate = True
        logger.disabled = False
        logger.filters.clear()
    logging.root.setLevel(logging.WARNING)
    logging.root.manager._clear_cache()


def run(code: str, filename: str, folder: str, env_json: str, options_json: str = "[]", child_json=None) -> int:
    """Run one snippet as `python [OPTIONS] FILENAME` in FOLDER (relative to ROOT) would; returns the exit status.
    The options are those snippet.RUN_TIME_OPTIONS allows (development mode). child_json: [what its parent's Popen
    sent (base64), pid, parent's pid] where this worker is a child process of a run of that snippet (processes.py)."""
    global _task_numbers
    webloop = events._get_running_loop()
    directory = f"{ROOT}/{folder}".rstrip("/")
    path = f"{directory}/{filename}"
    main = types.ModuleType("__main__")
    main.__dict__.update(__builtins__=builtins, __cached__=None)
    if child_json is None:
        main.__file__ = path  # absolute, as since Python 3.9
        program = functools.partial(_execute, code, path, main.__dict__)
    else:  # the snippet is imported as __mp_main__ (spawn.prepare), then the Process object runs
        payload, pid, ppid = json.loads(child_json)
        _processes.begin_child(pid, ppid)
        program = functools.partial(_run_program, _processes.child_main, base64.b64decode(payload))
    try:
        os.makedirs(directory, exist_ok=True)
        with open(path, "w", encoding="utf-8") as file:
            file.write(code)  # for linecache (tracebacks, warnings) and code that reads its own file
        os.chdir(directory)
        os.environ.update(json.loads(env_json))
        if json.loads(options_json):
            _development_mode()
        sys.path[:0] = [directory, ROOT]
        sys.argv[:] = [filename]
        sys.modules["__main__"] = main
        sys.stdout = sys.__stdout__ = _Output("stdout", 1)  # fresh: reconfigure() lasts one run
        sys.stderr = sys.__stderr__ = _Output("stderr", 2)
        builtins.input = _input
        linecache.clearcache()  # an edited snippet keeps its file name
        _task_numbers = itertools.count(1)
        _set_policy(_Policy())
        events._set_running_loop(None)  # top-level code runs with no loop, as in CPython
        signal.signal(signal.SIGINT, signal.default_int_handler)  # as `python FILE` starts; ignored between runs
        if _threads:
            _threads.begin_run()
        if _processes:
            _processes.begin_run()
        status = _snapshot.context.copy().run(program)
        if _threads:
            _join_threads()
        try:
            atexit._run_exitfuncs()
        except BaseException as error:  # noqa: BLE001 - reported like any other uncaught error
            _report(error)
        _end_threads()  # before __main__ is freed: daemon threads are stopped then in CPython
        _exit(main)
        return status
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # also where the run itself failed
        _end_threads()
        _sockets.end_run()
        if _processes:
            _processes.end_run()
        events._set_running_loop(webloop)
        if not _FAULTHANDLER:  # development mode's (its sys.flags and warning filters go with the snapshot)
            faulthandler.disable()
        _snapshot.restore()
        host.flush()


_FLAGS, _FAULTHANDLER = sys.flags, faulthandler.is_enabled()  # as the worker started


def _development_mode() -> None:
    """What `python -X dev` sets before the program runs: sys.flags.dev_mode (so asyncio's debug mode too), every
    warning shown once per place (ResourceWarning included), faulthandler. Not its debug hooks on memory allocators."""
    flags = type("flags", (tuple,), {})  # sys.flags, which cannot be made: a tuple of the same fields, printed alike
    names = type(_FLAGS).__match_args__
    values = tuple(True if name == "dev_mode" else getattr(_FLAGS, name) for name in names)
    for index, name in enumerate(names):
        setattr(flags, name, property(lambda self, index=index: self[index]))
    flags.__repr__ = lambda self: "sys.flags(" + ", ".join(f"{n}={v!r}" for n, v in zip(names, self)) + ")"
    flags.__module__, flags.__qualname__ = "sys", "flags"
    sys.flags = flags(values)
    sys._xoptions["dev"] = True
    sys.warnoptions.append("default")
    warnings.simplefilter("default")
    faulthandler.enable()


def _end_threads() -> None:
    if _threads and not _threads.end_run():
        raise RuntimeError("a thread of the program would not end")  # the worker restarts Python


def _join_threads() -> None:
    """As CPython at exit: wait for the threads that are not daemons (Ctrl+C, Stop, interrupts the wait)."""
    import threading

    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        threading._shutdown()
    except BaseException as error:  # noqa: BLE001 - reported as CPython reports it
        sys.unraisablehook(_threads.Unraisable(error, "Exception ignored on threading shutdown"))
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def _exit(main: types.ModuleType) -> None:
    """Drop what the snippet left behind as CPython does at exit (the __main__ dict freed, its values in the order
    they were set), so that __del__ prints and what CPython reports then ("coroutine ... was never awaited", "Task
    was destroyed...") come in CPython's order, each as it happens."""
    with warnings.catch_warnings():
        warnings.showwarning = _show_warning_at_exit
        main.__dict__.clear()
        gc.collect()


def _show_warning_at_exit(message, category, filename, lineno, file=None, line=None):
    sys.stderr.write(f"<sys>:0: {category.__name__}: {message}\n")  # no frame runs: CPython says where as <sys>:0


def _execute(code: str, filename: str, namespace: dict) -> int:
    def program():
        compiled = compile(code, filename, "exec", dont_inherit=True)
        exec(compiled, namespace)  # noqa: S102 - running the reader's code is the point

    return _run_program(program)


def _run_program(program, *args) -> int:
    """Run program(*args) as a Python process runs its main program; its exit status (a number it returns too)."""
    try:
        try:
            returned = program(*args)
        finally:
            # The program has ended: a late Stop (the page sends a second SIGINT to busy code) must not interrupt
            # the report of how it ended or the clean-up, as Ctrl+C cannot in CPython's C code that prints it.
            signal.signal(signal.SIGINT, signal.SIG_IGN)
    except SystemExit as exit_:
        if exit_.code is None or isinstance(exit_.code, int):
            return int(exit_.code or 0) & 0xFF  # the status a shell sees: sys.exit(256) is 0, sys.exit(True) 1
        print(exit_.code, file=sys.stderr)
        return 1
    except KeyboardInterrupt as error:
        _report(error)
        return 130  # CPython ends by SIGINT: a shell sees 128 + 2
    except BaseException as error:  # noqa: BLE001 - printed as CPython prints it
        _report(error)
        return 1
    return returned or 0


def setup(js_host) -> None:
    """Called once when the worker has loaded Pyodide."""
    global host, _pyodide_loop, _pyodide_policy, _snapshot, _threads, _sockets, _processes
    host = js_host
    _pyodide_loop, _pyodide_policy = events._get_running_loop(), _get_policy()
    os.makedirs(ROOT, exist_ok=True)
    sys.stdout = _Output("stdout", 1)
    sys.stderr = _Output("stderr", 2)
    sys.stdin = _Stdin()
    asyncio.run = asyncio.runners.run  # Pyodide replaces these two with versions built for its own loop
    time.sleep = _blocking_sleep
    codecs.register = _codecs.register = _register_codec_search
    sys.setrecursionlimit, sys.getrecursionlimit = _setrecursionlimit, _getrecursionlimit
    warnings._warn_unawaited_coroutine = _warn_unawaited_coroutine
    _use_the_pages_loop()
    if sys.platform == "emscripten":  # CPython's own threads and clocks elsewhere (the tests)
        time.process_time, time.process_time_ns = _process_time, _process_time_ns
        _threads = _load_sibling("threads")
        _threads.install(host, run, _pyodide_loop, _pyodide_policy, _get_policy, _set_policy)
    _sockets = _load_sibling("sockets")
    _sockets.configure(_wait, _threads)
    if sys.platform == "emscripten":
        _sockets.install()
        _processes = _load_sibling("processes")
        _processes.install(host, _threads)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    _snapshot = _Snapshot()
    _warm_up()
    _snapshot = _Snapshot()  # with what the warm-up imported


def _load_sibling(name: str) -> types.ModuleType:
    """A module of the runtime beside this file, by its path: a snippet's module of the same name cannot shadow it."""
    path = os.path.join(os.path.dirname(__file__), f"{name}.py")
    spec = importlib.util.spec_from_file_location(f"live_snippets_{name}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


WARM_UP = """
import asyncio, logging, time, traceback, tracemalloc
async def fail():
    raise ValueError
async def main():
    asyncio.get_running_loop().slow_callback_duration = 0
    asyncio.sleep(0)
    asyncio.create_task(fail())
    await asyncio.sleep(0)
    time.sleep(0)
asyncio.run(main(), debug=True)
raise KeyError
"""


def _warm_up():
    """Run once what a snippet's first run would otherwise pay for: imports, debug-mode and error reports."""
    global host
    js_host = host
    host = _SilentHost(js_host)
    try:
        run(WARM_UP, "warm_up.py", ".warm-up", "{}")
    finally:
        host = js_host


class _SilentHost:
    def __init__(self, js_host):
        self.sleep = js_host.sleep
        self.takeStopRequest = js_host.takeStopRequest

    def output(self, stream, text):
        pass

    def flush(self):
        pass
