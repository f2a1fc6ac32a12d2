"""Threads in the page: `_thread` rebuilt on Pyodide's stack switching, so that `threading`, `queue`,
`concurrent.futures` and `asyncio.to_thread` run unchanged, with the GIL's rules.

Each thread is a Python stack of its own, started by the worker (host.startThread) with stack switching. Exactly one
runs at a time, as under the GIL, because the worker has one JavaScript thread: a thread runs until it waits (a
sleep, a lock, a join, the event loop's select), which suspends its stack (park) and lets the browser resume
another. A thread that never waits is preempted every sys.getswitchinterval(): while other threads exist, the worker
answers Pyodide's periodic check of its interrupt buffer with SWITCH_SIGNAL once the interval has passed, and this
signal's handler parks the running thread for a moment. With one thread, nothing of this runs.

Signals are the main thread's, as in CPython: the worker holds a Stop's SIGINT back until the main thread runs.
"""

import _thread as _os_thread
import collections
import functools
import importlib
import itertools
import os
import re
import signal
import sys
import types
import weakref
from asyncio import events
from time import monotonic as _monotonic

from pyodide.ffi import can_run_sync, create_proxy, run_sync

SWITCH_SIGNAL = signal.SIGVTALRM  # never used by a lesson; its handler exists only while threads do
TIMEOUT_MAX = _os_thread.TIMEOUT_MAX
_MAIN_IDENT = 0x7F5D3A1B7740  # what pthread_self() looks like on Linux; each new thread's stack is 8 MiB lower
_STACK_STEP = 0x801000
_RUNTIME_FOLDER = os.path.dirname(os.path.abspath(__file__)) + "/"  # this file and runtime.py
_PYODIDE = re.compile(r"/lib/python3[.\d]*(?:\.zip)?/_?pyodide/")  # Pyodide's own modules

host = None  # the worker's object (worker.js): park(ms, stoppable), lastWake, startThread(entry), preempt(...)
_pyodide_loop = _pyodide_policy = _get_policy = _set_policy = None
_snippet_policy = None  # the event loop policy of the run, put back whenever a thread resumes


class _Thread:
    """What the scheduler knows of one thread."""

    __slots__ = ("ident", "native_id", "daemon", "handle", "wake", "woken", "running_loop", "dismissed")

    def __init__(self, ident, native_id, daemon, handle):
        self.ident, self.native_id, self.daemon, self.handle = ident, native_id, daemon, handle
        self.wake = None  # while parked: the JavaScript function that resumes it
        self.woken = False  # woken while not parked (about to park): its next park returns at once
        self.running_loop = None
        self.dismissed = False  # the run has ended: the thread ends at its next wait, printing nothing more


_main = _Thread(_MAIN_IDENT, os.getpid(), False, None)
_current = _main
_threads = {}  # ident: _Thread, those started and not finished (the main thread aside)
_numbers = itertools.count(1)
_preempting = False
_atomic = 0  # > 0: within a step no other thread may interleave with (thread-local data)
_turn = types.SimpleNamespace(started=0.0, parking=False)  # when the running thread last resumed; in park()
_idle = types.SimpleNamespace(seconds=0.0, since=None)  # time with every thread parked: no CPU time is used


def idle_seconds() -> float:
    """How long every thread has waited at once, since the worker started: time.process_time() leaves it out."""
    return _idle.seconds


def current():
    return _current


def others_alive() -> bool:
    return bool(_threads)


def park(seconds=None, until_message=False):
    """Suspend the running thread until wake(it) is called or `seconds` have passed (None: until woken); the other
    threads run meanwhile. The main thread's wait also ends on Stop, which then raises KeyboardInterrupt in it.
    until_message: a message from another process (processes.py) ends the wait too."""
    global _current, _snippet_policy
    me = _current
    _turn.parking = True  # until a thread resumes: on the way to suspending, or back, no switch
    if me.woken:  # a wake that came before this park, while the thread was switched out on its way to it
        me.woken = False
        seconds = 0
    me.running_loop = events._get_running_loop()
    policy = _get_policy()
    if policy is not _pyodide_policy:
        _snippet_policy = policy
    # Pyodide turns the promise into a future of its own loop: make that loop the current one meanwhile.
    events._set_running_loop(_pyodide_loop)
    _set_policy(_pyodide_policy)
    try:
        promise = host.park(-1 if seconds is None else max(0.0, seconds * 1000), me is _main, until_message)
        me.wake = host.lastWake
        _idle.since = _monotonic()
        run_sync(promise)
    finally:
        _resume(me)
    if me.dismissed:
        raise SystemExit
    if me is _main and host.takeStopRequest():
        _os_thread.interrupt_main()  # as Ctrl+C does: asyncio.run cancels its main task, else KeyboardInterrupt


def _resume(me: _Thread) -> None:
    global _current
    if _idle.since is not None:  # no Python code ran since the last thread parked
        _idle.seconds += _monotonic() - _idle.since
        _idle.since = None
    _current = me
    _turn.started = _monotonic()
    _turn.parking = False
    me.wake = None
    events._set_running_loop(me.running_loop)
    _set_policy(_snippet_policy)
    if _preempting:
        host.preempt(sys.getswitchinterval() * 1000, SWITCH_SIGNAL, me is _main)  # its turn starts now


def wake(thread: _Thread) -> None:
    """Let a parked thread run again once the running one waits (if it is not parked yet, its next park returns
    at once: every wait checks again what it waits for)."""
    resume, thread.wake = thread.wake, None
    if resume is not None:
        resume()
    else:
        thread.woken = True


def _switch(signum, frame):
    """SWITCH_SIGNAL's handler: the running thread has had its interval; the others take a turn. Not in the middle
    of this module's or the runtime's code (a lock's acquire() is one step, as in C), nor of a thread-local's
    attribute access: the next signal switches then."""
    if _threads and not _atomic and not _turn.parking and _turn_over() and _stack_owner(frame) is _current:
        park(0)


def _turn_over() -> bool:
    """A signal raised during one thread's turn can be handled at the start of the next one's: not a reason to
    switch again."""
    return _monotonic() - _turn.started >= sys.getswitchinterval() / 2


def _stack_owner(frame) -> _Thread | None:
    """The thread whose stack the interrupted code runs on; None in the runtime's own code, and in a callback that
    Pyodide called from JavaScript meanwhile (a promise's result, for instance), which cannot be suspended."""
    while frame is not None and _PYODIDE.search(frame.f_code.co_filename):
        frame = frame.f_back
    if frame is None or frame.f_code.co_filename.startswith(_RUNTIME_FOLDER):
        return None
    while frame.f_back is not None:
        frame = frame.f_back
    if frame.f_code is _run_thread.__code__:
        return frame.f_locals.get("thread")
    return _main if frame.f_code in _entry_codes else None


def _preempt_while_threads_exist() -> None:
    global _preempting
    if bool(_threads) == _preempting:
        return
    _preempting = bool(_threads)
    if _preempting:
        signal.signal(SWITCH_SIGNAL, _switch)
        host.preempt(sys.getswitchinterval() * 1000, SWITCH_SIGNAL, _current is _main)
    else:
        host.preempt(0, SWITCH_SIGNAL, True)
        signal.signal(SWITCH_SIGNAL, signal.SIG_DFL)


# --- the _thread module -------------------------------------------------------------------------------------------


class LockType:
    """_thread.lock: released by any thread; a blocked acquire() parks until a release() or its timeout."""

    def __init__(self):
        self._locked = False
        self._waiters = collections.deque()

    def acquire(self, blocking=True, timeout=-1):
        if not blocking and timeout != -1:
            raise ValueError("can't specify a timeout for a non-blocking call")
        if timeout < 0 and timeout != -1:
            raise ValueError("timeout value must be a non-negative number")
        if timeout > TIMEOUT_MAX:
            raise OverflowError("timeout value is too large")
        if not self._locked:
            self._locked = True
            return True
        if not blocking:
            return False
        deadline = None if timeout == -1 else _monotonic() + timeout
        me = _current
        while self._locked:
            left = None if deadline is None else deadline - _monotonic()
            if left is not None and left <= 0:
                return False
            self._waiters.append(me)
            try:
                park(left)
            except BaseException:  # Stop, or the run's end: if a release() woke this one, it is the next one's turn
                if not self._locked and len(self._waiters) > 1:
                    wake(self._waiters[1])
                raise
            finally:
                self._waiters.remove(me)
        self._locked = True
        return True

    def release(self):
        if not self._locked:
            raise RuntimeError("release unlocked lock")
        self._locked = False
        if self._waiters:
            wake(self._waiters[0])

    def locked(self):
        return self._locked

    def _at_fork_reinit(self):
        self._locked = False
        self._waiters.clear()

    acquire_lock, release_lock, locked_lock = acquire, release, locked

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc_info):
        self.release()

    def __repr__(self):
        state = "locked" if self._locked else "unlocked"
        return f"<{state} {type(self).__module__}.{type(self).__qualname__} object at {id(self):#x}>"


class RLock:
    """_thread.RLock: acquired again by its owner without blocking."""

    def __init__(self):
        self._lock = LockType()
        self._owner = None
        self._count = 0

    def acquire(self, blocking=True, timeout=-1):
        me = get_ident()
        if self._owner == me:
            self._count += 1
            return True
        if not self._lock.acquire(blocking, timeout):
            return False
        self._owner, self._count = me, 1
        return True

    def release(self):
        if self._owner != get_ident():
            raise RuntimeError("cannot release un-acquired lock")
        self._count -= 1
        if not self._count:
            self._owner = None
            self._lock.release()

    def locked(self):
        return self._lock.locked()

    def _is_owned(self):
        return self._owner == get_ident()

    def _release_save(self):
        if not self._count:
            raise RuntimeError("cannot release un-acquired lock")
        state = self._count, self._owner
        self._count, self._owner = 0, None
        self._lock.release()
        return state

    def _acquire_restore(self, state):
        self._lock.acquire()
        self._count, self._owner = state

    def _recursion_count(self):
        return self._count if self._owner == get_ident() else 0

    def _at_fork_reinit(self):
        self._lock._at_fork_reinit()
        self._owner, self._count = None, 0

    __enter__ = acquire

    def __exit__(self, *exc_info):
        self.release()

    def __repr__(self):
        state = "locked" if self._lock.locked() else "unlocked"
        return (f"<{state} {type(self).__module__}.{type(self).__qualname__} object owner={self._owner or 0} "
                f"count={self._count} at {id(self):#x}>")


class _ThreadHandle:
    """What threading.Thread joins: done once the thread's function has returned."""

    def __init__(self, ident=None):
        self.ident = ident
        self._done = False
        self._joiners = []

    def is_done(self):
        return self._done

    def _set_done(self):
        self._done = True
        for thread in self._joiners:
            wake(thread)

    def join(self, timeout=None):
        if self._done:
            return
        if self.ident == get_ident():
            raise RuntimeError("Cannot join current thread")
        deadline = None if timeout is None else _monotonic() + max(timeout, 0)
        me = _current
        while not self._done:
            left = None if deadline is None else deadline - _monotonic()
            if left is not None and left <= 0:
                return
            self._joiners.append(me)
            try:
                park(left)
            finally:
                self._joiners.remove(me)


_main_handles = []  # the handles threading made for the main thread: not done again at each run's start


def _make_thread_handle(ident):
    handle = _ThreadHandle(ident)
    if ident == _MAIN_IDENT:
        _main_handles.append(handle)
    return handle


def start_joinable_thread(function, handle=None, daemon=True):
    if not can_run_sync():
        raise RuntimeError(
            "can't start new thread: this browser cannot switch between Python stacks (WebAssembly JSPI); "
            "run this snippet on your machine, or in Chrome or Edge")
    if handle is None:
        handle = _ThreadHandle()
    elif handle.ident is not None:
        raise RuntimeError("thread already started")
    number = next(_numbers)
    thread = _Thread(_MAIN_IDENT - number * _STACK_STEP, os.getpid() + number, daemon, handle)
    handle.ident = thread.ident
    _threads[thread.ident] = thread
    _preempt_while_threads_exist()
    host.startThread(create_proxy(functools.partial(_run_thread, thread, function)))
    return handle


def start_new_thread(function, args, kwargs=None, /):
    if not isinstance(args, tuple):
        raise TypeError("2nd arg must be a tuple")
    if kwargs is not None and not isinstance(kwargs, dict):
        raise TypeError("optional 3rd arg must be a dictionary")
    return start_joinable_thread(functools.partial(function, *args, **(kwargs or {})), daemon=True).ident


_entry_codes = set()  # where a thread's stack starts: _run_thread, and the runtime's run() for the main thread


def _run_thread(thread: _Thread, function) -> None:
    """A new thread's stack (the worker calls it with stack switching)."""
    thread.running_loop = None  # no event loop runs in a new thread
    _resume(thread)
    try:
        function()
    except SystemExit:
        pass
    except BaseException as error:  # noqa: BLE001 - reported as _thread reports it, without this function's frame
        if not thread.dismissed:
            sys.unraisablehook(Unraisable(error, "Exception ignored in thread started by", function))
    finally:
        del _threads[thread.ident]
        for local in list(_locals):
            object.__getattribute__(local, "_local__dicts").pop(thread.ident, None)
        thread.handle._set_done()
        _preempt_while_threads_exist()


class Unraisable:
    """What sys.unraisablehook takes: an error, its traceback without the runtime's frames."""

    def __init__(self, error: BaseException, message: str, culprit=None):
        frames, tb = [], error.__traceback__
        while tb is not None:
            if not tb.tb_frame.f_code.co_filename.startswith(_RUNTIME_FOLDER):
                frames.append(tb)
            tb = tb.tb_next
        chain = None
        for tb in reversed(frames):
            chain = types.TracebackType(chain, tb.tb_frame, tb.tb_lasti, tb.tb_lineno)
        self.exc_type, self.exc_value, self.exc_traceback = type(error), error, chain
        self.err_msg, self.object = message, culprit


class _local:  # noqa: N801 - _thread's name
    """_thread._local (threading.local): attributes of its own in each thread; a subclass's __init__ runs again, with
    the same arguments, the first time each other thread touches it."""

    __slots__ = ("_local__dicts", "_local__args", "__dict__", "__weakref__")

    def __new__(cls, /, *args, **kwargs):
        if (args or kwargs) and cls.__init__ is object.__init__:
            raise TypeError("Initialization arguments are not supported")
        self = object.__new__(cls)
        object.__setattr__(self, "_local__args", (args, kwargs))
        object.__setattr__(self, "_local__dicts", {_current.ident: object.__getattribute__(self, "__dict__")})
        _locals.add(self)
        return self

    def __getattribute__(self, name):
        global _atomic
        _atomic += 1
        try:
            _this_threads_dict(self)
            return object.__getattribute__(self, name)
        finally:
            _atomic -= 1

    def __setattr__(self, name, value):
        global _atomic
        if name == "__dict__":
            raise AttributeError(f"{type(self).__name__!r} object attribute '__dict__' is read-only")
        _atomic += 1
        try:
            _this_threads_dict(self)
            object.__setattr__(self, name, value)
        finally:
            _atomic -= 1

    def __delattr__(self, name):
        global _atomic
        if name == "__dict__":
            raise AttributeError(f"{type(self).__name__!r} object attribute '__dict__' is read-only")
        _atomic += 1
        try:
            _this_threads_dict(self)
            object.__delattr__(self, name)
        finally:
            _atomic -= 1


def _this_threads_dict(local: _local) -> None:
    dicts = object.__getattribute__(local, "_local__dicts")
    namespace = dicts.get(_current.ident)
    if namespace is not None:
        object.__setattr__(local, "__dict__", namespace)
        return
    namespace = dicts[_current.ident] = {}
    object.__setattr__(local, "__dict__", namespace)
    cls = type(local)
    if cls.__init__ is not object.__init__:
        args, kwargs = object.__getattribute__(local, "_local__args")
        cls.__init__(local, *args, **kwargs)


_locals = weakref.WeakSet()


_entry_codes.add(_run_thread.__code__)


def get_ident():
    return _current.ident


def get_native_id():
    return _current.native_id


def _get_main_thread_ident():
    return _MAIN_IDENT


def _count():
    return len(_threads)


def _shutdown():
    """Wait for every non-daemon thread to end (threading._shutdown, at the end of the main program)."""
    for thread in list(_threads.values()):
        if not thread.daemon:
            thread.handle.join()


def exit():  # noqa: A001 - _thread's name
    raise SystemExit


def _build_module():
    module = type(sys)("_thread")
    module.__doc__ = _os_thread.__doc__
    for cls in LockType, RLock, _ThreadHandle, _local:
        cls.__module__ = "_thread"
    LockType.__name__ = LockType.__qualname__ = "lock"
    names = dict(
        LockType=LockType, lock=LockType, _local=_local, allocate_lock=LockType, allocate=LockType, RLock=RLock,
        _ThreadHandle=_ThreadHandle, _make_thread_handle=_make_thread_handle,
        start_joinable_thread=start_joinable_thread, start_new_thread=start_new_thread, start_new=start_new_thread,
        get_ident=get_ident, get_native_id=get_native_id, _get_main_thread_ident=_get_main_thread_ident,
        _count=_count, _shutdown=_shutdown, exit=exit, exit_thread=exit,
        _is_main_interpreter=lambda: True, daemon_threads_allowed=lambda: True,
        stack_size=_os_thread.stack_size, interrupt_main=_os_thread.interrupt_main, error=RuntimeError,
        TIMEOUT_MAX=TIMEOUT_MAX, _excepthook=_os_thread._excepthook, _ExceptHookArgs=_os_thread._ExceptHookArgs,
    )
    module.__dict__.update(names)
    return module




def install(js_host, main_entry, pyodide_loop, pyodide_policy, get_policy, set_policy) -> None:
    """Replace _thread with this one and rebuild what was built on the other (once, when the worker starts).
    main_entry: the function the worker calls to run a program (the main thread's stack starts there)."""
    global host, _pyodide_loop, _pyodide_policy, _get_policy, _set_policy, _snippet_policy
    _entry_codes.add(main_entry.__code__)
    host, _pyodide_loop, _pyodide_policy = js_host, pyodide_loop, pyodide_policy
    _get_policy, _set_policy, _snippet_policy = get_policy, set_policy, get_policy()
    os_lock, os_rlock = _os_thread.LockType, _os_thread.RLock
    sys.modules["_thread"] = _build_module()
    import threading

    importlib.reload(threading)
    import queue

    queue.SimpleQueue = queue._PySimpleQueue  # the C one blocks the whole worker
    if "concurrent.futures.thread" in sys.modules:
        importlib.reload(sys.modules["concurrent.futures.thread"])  # its lock and exit hook, on the new threading
    # Locks made at import by modules loaded earlier (asyncio's, logging's...): the same, unheld, of this kind.
    for module in list(sys.modules.values()):
        namespace = getattr(module, "__dict__", None)
        if not isinstance(namespace, dict) or module is sys.modules[__name__]:
            continue
        for name, value in list(namespace.items()):
            if type(value) is os_lock and not value.locked():
                namespace[name] = LockType()
            elif type(value) is os_rlock and not value.locked():
                namespace[name] = RLock()


def begin_run() -> None:
    """A run starts as a new process: only its main thread, which is not done."""
    global _current
    _current = _main
    _main.dismissed = False
    for handle in _main_handles:
        handle._done = False
        handle._joiners.clear()


def end_run() -> bool:
    """The run has ended: the threads still alive end as a process's threads do at exit, printing nothing more.
    False if one would not (it caught SystemExit each time, for a second)."""
    for _ in range(100):
        if not _threads:
            return True
        for thread in list(_threads.values()):
            thread.dismissed = True
            wake(thread)
        park(0.01)
    return not _threads
