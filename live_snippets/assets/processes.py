"""Processes in the page: each child process is another worker with a Pyodide of its own (the worker's
process-pool.js keeps some loaded ahead), so it computes in parallel with its parent and shares none of its memory.

multiprocessing's own code does the rest, as under the spawn and forkserver start methods: a Process is pickled
with the preparation data (spawn.get_preparation_data), and the child imports the snippet as __mp_main__
(spawn.prepare) and runs Process._bootstrap, which prints and returns what it does in CPython. What a browser has no
way to share between two Pyodides is replaced at the level of its API: ProcessPoolExecutor and multiprocessing.Pool
hand their calls to worker processes through the worker's messages (pickled with multiprocessing's ForkingPickler,
as CPython pickles them) instead of multiprocessing queues; Queue, Pipe, Lock, Value and Manager are not available.

A process's messages (a call's result, its exit) are read by the thread that waits for them: Process.join() in the
caller's thread, a pool's results in a manager thread of the pool's own, as in CPython.
"""

import atexit
import base64
import collections
import functools
import io
import itertools
import json
import os
import posix
import queue
import signal
import threading
import time
import traceback
import types
from concurrent.futures import _base
from concurrent.futures import process as _futures_process
from multiprocessing import connection as _mp_connection
from multiprocessing import context, process, reduction, spawn, util
from multiprocessing import pool as _mp_pool
from multiprocessing import queues as _mp_queues

import js
from pyodide.ffi import can_run_sync

host = None  # the worker's object (worker.js): startProcess, sendProcessMessage, stopProcess, takeProcessMessages
_threads = None  # threads.py
_popens = {}  # pid: Popen, the children this process started
_listeners = {}  # pid: what reads that child's messages (a pool)
_received = collections.deque()  # in a child: the parent's messages not read yet
_waiting = set()  # the threads parked in wait_until
START_METHOD = "forkserver"  # CPython's default on Linux since 3.14 (fork before): the child imports __mp_main__


# --- messages between processes ---------------------------------------------------------------------------------


def _notify() -> None:
    """Something a waiting thread may wait for has changed in this process: they look again."""
    for thread in list(_waiting):
        _threads.wake(thread)


def _deliver() -> None:
    """Hand every queued message to what reads it."""
    for pid, kind, value in json.loads(host.takeProcessMessages()):
        if kind == "exit":
            popen = _popens.get(pid)
            if popen is not None and popen.returncode is None:
                popen.returncode = value
            listener = _listeners.get(pid)
            if listener is not None:
                listener.exited(pid)
        elif kind == "queue":  # a child's answer from its parent: [request, item]
            request, item = value
            queue_id = _asked.pop(request, None)
            if queue_id is not None:  # its wait ended meanwhile: the item goes back
                host.queue("unget", queue_id, item, 0)
            else:
                _answers[request] = item
        elif pid in _listeners:
            _listeners[pid].received(pid, base64.b64decode(value))
        else:
            _received.append(base64.b64decode(value))


def wait_until(done, timeout=None) -> bool:
    """Wait, letting the other threads run, until done() is true (checked after each message) or timeout seconds
    have passed; Stop ends the main thread's wait with KeyboardInterrupt."""
    deadline = None if timeout is None else time.monotonic() + max(timeout, 0)
    me = _threads.current()
    while True:
        _deliver()
        if done():
            return True
        left = None if deadline is None else deadline - time.monotonic()
        if left is not None and left <= 0:
            return False
        _waiting.add(me)
        try:
            _threads.park(left, until_message=True)
        finally:
            _waiting.discard(me)


def _send(pid: int, payload: bytes) -> None:
    host.sendProcessMessage(pid, _text(payload))


def _text(payload: bytes) -> str:
    """Bytes as the worker passes them on: base64 text (host.takeProcessMessages says why)."""
    return base64.b64encode(payload).decode("ascii")


# --- multiprocessing.Process ------------------------------------------------------------------------------------


class Popen:
    """What a Process starts its child with (popen_forkserver.Popen's interface): the child is another worker."""

    method = START_METHOD

    def __init__(self, process_obj):
        if not can_run_sync():
            raise RuntimeError(
                "can't start a process: this browser cannot switch between Python stacks (WebAssembly JSPI); "
                "run this snippet on your machine, or in Chrome or Edge")
        util._flush_std_streams()
        if _parent_pid is not None and not _starting_main():
            raise RuntimeError("can't start a process from a child process: the page runs one level of them")
        self.returncode = None
        self.finalizer = None
        prepared = io.BytesIO()
        context.set_spawning_popen(self)
        try:
            reduction.dump(spawn.get_preparation_data(process_obj._name), prepared)
            reduction.dump(process_obj, prepared)
        finally:
            context.set_spawning_popen(None)
        self.pid = int(host.startProcess(_text(prepared.getvalue())))
        self.sentinel = self.pid  # what connection.wait() would watch: not available here
        _popens[self.pid] = self

    def duplicate_for_child(self, fd):
        return fd

    def poll(self, flag=os.WNOHANG):
        if self.returncode is None:
            if flag == os.WNOHANG:
                _deliver()
            else:
                self.wait()
        return self.returncode

    def wait(self, timeout=None):
        if self.returncode is None:
            wait_until(lambda: self.returncode is not None, timeout)
        return self.returncode

    def _send_signal(self, number):
        if self.returncode is None:
            host.stopProcess(self.pid, int(number))

    def interrupt(self):
        self._send_signal(signal.SIGINT)

    def terminate(self):
        self._send_signal(signal.SIGTERM)

    def kill(self):
        self._send_signal(signal.SIGKILL)

    def close(self):
        pass


def child_main(payload: bytes) -> int:
    """A child's program (the worker's child run): spawn._main, from the bytes its Popen sent."""
    prepared = io.BytesIO(payload)
    process.current_process()._inheriting = True
    try:
        spawn.prepare(reduction.pickle.load(prepared))
        child = reduction.pickle.load(prepared)
    finally:
        del process.current_process()._inheriting
    return child._bootstrap()


# --- multiprocessing's queues and pipes --------------------------------------------------------------------------

_answers = {}  # in a child: request: what the parent answered
_asked = {}  # in a child: request: the queue of a get whose wait ended before its answer came
_requests = itertools.count(1)
_queue_numbers = itertools.count(1)
_NOWAIT_SECONDS = 0.01  # a child's non-blocking get or size waits this long for its parent's answer


def _new_queue_id() -> str:
    return f"{os.getpid()}:{next(_queue_numbers)}"


def _ask(op: str, queue_id: str, timeout):
    """In a child: the parent's answer to a get or size, or None if none came within timeout."""
    request = next(_requests)
    host.queue(op, queue_id, None, request)
    if wait_until(lambda: request in _answers, timeout):
        return _answers.pop(request)
    if op == "get":
        host.queue("cancel", queue_id, None, request)
        _asked[request] = queue_id
    return None


def _take(queue_id: str, timeout):
    """The next item of a queue (base64 text), waiting up to timeout seconds (None: for ever); None if none came."""
    if _parent_pid is not None:
        return _ask("get", queue_id, _NOWAIT_SECONDS if timeout == 0 else timeout)
    taken = []

    def took():
        item = host.queue("take", queue_id, None, 0)
        if item is not None:
            taken.append(item)
        return bool(taken)

    wait_until(took, timeout)
    return taken[0] if taken else None


def _size(queue_id: str) -> int:
    if _parent_pid is not None:
        return _ask("size", queue_id, None)
    return host.queue("size", queue_id, None, 0)


def _put(queue_id: str, obj) -> None:
    host.queue("put", queue_id, _text(reduction.ForkingPickler.dumps(obj)), 0)
    _notify()


def _load(item: str):
    return reduction.ForkingPickler.loads(base64.b64decode(item))


def _timeout(block, timeout):
    if not block:
        return 0
    if timeout is not None and timeout < 0:
        raise ValueError("'timeout' must be a non-negative number")
    return timeout


class Queue:
    """multiprocessing.Queue between the page's processes: the run's first process keeps the items, pickled."""

    def __init__(self, maxsize=0, *, ctx=None):
        self._id, self._maxsize, self._closed = _new_queue_id(), maxsize, False

    def __getstate__(self):
        context.assert_spawning(self)
        return self._id, self._maxsize

    def __setstate__(self, state):
        (self._id, self._maxsize), self._closed = state, False

    def _check_closed(self):
        if self._closed:
            raise ValueError(f"Queue {self!r} is closed")

    def put(self, obj, block=True, timeout=None):
        self._check_closed()
        if self._maxsize > 0 and _parent_pid is None:
            if not wait_until(lambda: _size(self._id) < self._maxsize, _timeout(block, timeout)):
                raise queue.Full
        _put(self._id, obj)

    def get(self, block=True, timeout=None):
        self._check_closed()
        item = _take(self._id, _timeout(block, timeout))
        if item is None:
            raise queue.Empty
        return _load(item)

    def qsize(self):
        return _size(self._id)

    def empty(self):
        return not self.qsize()

    def full(self):
        return self._maxsize > 0 and self.qsize() >= self._maxsize

    def put_nowait(self, obj):
        return self.put(obj, False)

    def get_nowait(self):
        return self.get(False)

    def close(self):
        self._closed = True

    def join_thread(self):
        pass

    def cancel_join_thread(self):
        pass

    __class_getitem__ = classmethod(types.GenericAlias)


class SimpleQueue:
    """multiprocessing.SimpleQueue, as Queue."""

    def __init__(self, *, ctx=None):
        self._id, self._closed = _new_queue_id(), False

    def __getstate__(self):
        context.assert_spawning(self)
        return self._id

    def __setstate__(self, state):
        self._id, self._closed = state, False

    def put(self, obj):
        _put(self._id, obj)

    def get(self):
        return _load(_take(self._id, None))

    def empty(self):
        return not _size(self._id)

    def close(self):
        self._closed = True

    __class_getitem__ = classmethod(types.GenericAlias)


class Connection:
    """One end of multiprocessing.Pipe(): it reads one queue and writes another."""

    def __init__(self, reads, writes):
        self._reads, self._writes, self._closed, self._peeked = reads, writes, False, None

    def __getstate__(self):
        context.assert_spawning(self)
        return self._reads, self._writes

    def __setstate__(self, state):
        (self._reads, self._writes), self._closed, self._peeked = state, False, None

    closed = property(lambda self: self._closed)
    readable = property(lambda self: self._reads is not None)
    writable = property(lambda self: self._writes is not None)

    def _check(self, reading):
        if self._closed:
            raise OSError("handle is closed")
        if reading and self._reads is None:
            raise OSError("connection is write-only")
        if not reading and self._writes is None:
            raise OSError("connection is read-only")

    def send(self, obj):
        self._check(False)
        _put(self._writes, obj)

    def send_bytes(self, buf, offset=0, size=None):
        self._check(False)
        data = memoryview(buf).cast("B")[offset:None if size is None else offset + size]
        host.queue("put", self._writes, _text(b"b" + bytes(data)), 0)
        _notify()

    def _next(self, timeout):
        if self._peeked is None:
            self._peeked = _take(self._reads, timeout)
        return self._peeked

    def _receive(self):
        self._check(True)
        item = self._next(None)
        self._peeked = None
        return item

    def recv(self):
        return _load(self._receive())

    def recv_bytes(self, maxlength=None):
        data = base64.b64decode(self._receive())[1:]
        if maxlength is not None and len(data) > maxlength:
            raise OSError("bad message length")
        return data

    def poll(self, timeout=0.0):
        self._check(True)
        return self._next(timeout) is not None

    def close(self):
        self._closed = True

    def fileno(self):
        raise OSError("a pipe between the page's processes has no file descriptor")

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()


Connection.__module__ = "multiprocessing.connection"


def Pipe(duplex=True):  # noqa: N802 - multiprocessing's name
    there, back = _new_queue_id(), _new_queue_id()
    if duplex:
        return Connection(there, back), Connection(back, there)
    return Connection(there, None), Connection(None, there)


# --- concurrent.futures.ProcessPoolExecutor ---------------------------------------------------------------------


def _receive():
    """In a pool's worker process: the parent's next message, unpickled (None: end)."""
    wait_until(lambda: bool(_received))
    payload = _received.popleft()
    return None if not payload else reduction.ForkingPickler.loads(payload)


def _send_to_parent(item) -> None:
    try:
        payload = reduction.ForkingPickler.dumps(item)
    except BaseException as error:  # noqa: BLE001 - a result that cannot be pickled comes back as its error
        payload = reduction.ForkingPickler.dumps(item._replace(result=None, error=item.wrap(error)))
    _send(os.getppid(), bytes(payload))


class _Outcome(collections.namedtuple("_Outcome", "work_id result error kind")):
    def wrap(self, error):
        """The error as CPython's worker sends it back, its traceback as text (without this module's frame, where
        CPython shows its worker function's)."""
        entries, tb = [], error.__traceback__
        while tb is not None:
            entries.append(tb)
            tb = tb.tb_next
        chain = None
        for tb in reversed(entries):
            if tb.tb_frame.f_code.co_filename != __file__:
                chain = types.TracebackType(chain, tb.tb_frame, tb.tb_lasti, tb.tb_lineno)
        if self.kind == "pool":
            return _mp_pool.ExceptionWithTraceback(error, chain)
        return _futures_process._ExceptionWithTraceback(error, chain)


def pool_worker(kind, initializer, initargs, max_tasks):
    """The target of a pool's worker process (_process_worker / pool.worker in CPython): calls until told to end."""
    if initializer is not None:
        try:
            initializer(*initargs)
        except BaseException:
            if kind != "pool":
                _base.LOGGER.critical("Exception in initializer:", exc_info=True)
                return
            raise
    done = 0
    while max_tasks is None or done < max_tasks:
        call = _receive()
        if call is None:
            return
        work_id, function, args, kwargs = call
        try:
            result = function(*args, **kwargs)
        except BaseException as error:  # noqa: BLE001 - sent back, as CPython's worker does
            outcome = _Outcome(work_id, None, None, kind)
            outcome = outcome._replace(error=outcome.wrap(error))
        else:
            outcome = _Outcome(work_id, result, None, kind)
        _send_to_parent(outcome)
        del call, function, args, kwargs, outcome
        done += 1


class _Call:
    __slots__ = ("work_id", "function", "args", "kwargs", "on_done", "future")

    def __init__(self, work_id, function, args, kwargs, on_done, future):
        self.work_id, self.function, self.args, self.kwargs = work_id, function, args, kwargs
        self.on_done, self.future = on_done, future  # on_done(result, error), in the manager thread


class _Workers:
    """The worker processes of one pool and the calls they run, one at a time each; a manager thread reads their
    messages and dispatches the calls (CPython's _ExecutorManagerThread, or Pool's handler threads)."""

    def __init__(self, kind, ctx, initializer, initargs, max_tasks, on_broken):
        self.kind, self.ctx = kind, ctx
        self.start_args = (kind, initializer, initargs, max_tasks)
        self.on_broken = on_broken  # called with the message once a worker died
        self.processes = {}  # pid: Process
        self.busy = {}  # pid: the _Call it runs
        self.idle = []  # pids
        self.credits = 0  # results received and not yet taken by a call (CPython's _idle_worker_semaphore)
        self.pending = collections.deque()  # _Call
        self.work_ids = itertools.count()
        self.closing = False
        self.news = False
        self.thread = None

    def spawn(self):
        worker = self.ctx.Process(target=pool_worker, args=self.start_args)
        if self.kind == "pool":
            worker.name = worker.name.replace("Process", "PoolWorker")
            worker.daemon = True
        worker.start()
        self.processes[worker.pid] = worker
        _listeners[worker.pid] = self
        self.idle.append(worker.pid)
        if self.thread is None:
            self.thread = threading.Thread(target=self.manage, daemon=True)
            self.thread.start()

    def add(self, function, args, kwargs, on_done, future=None):
        self.pending.append(_Call(next(self.work_ids), function, args, kwargs, on_done, future))
        self.notify()

    def notify(self):
        self.news = True
        _notify()

    def received(self, pid, payload):
        call = self.busy.pop(pid)
        self.idle.append(pid)
        self.credits += 1
        outcome = reduction.ForkingPickler.loads(payload)
        call.on_done(outcome.result, outcome.error)
        self.news = True

    def exited(self, pid):
        worker = self.processes.pop(pid, None)
        if pid in self.idle:
            self.idle.remove(pid)
        running = self.busy.pop(pid, None)
        self.news = True
        if self.closing and running is None:
            return
        if running is None and worker is not None and worker.exitcode == 0 and self.start_args[3]:
            self.spawn()  # it ran its max_tasks: a fresh one replaces it
            return
        self.break_down(running)

    def break_down(self, running):
        if self.kind == "pool":
            message = "A worker process of the pool was terminated abruptly."
        else:
            message = ("A process in the process pool was terminated abruptly while the future was running or "
                       "pending.")
        failed = ([running] if running else []) + list(self.pending) + list(self.busy.values())
        self.pending.clear()
        self.busy.clear()
        self.closing = True
        self.on_broken(message)
        for call in failed:
            call.on_done(None, _futures_process.BrokenProcessPool(message))
        for worker in list(self.processes.values()):
            worker.terminate()

    def dispatch(self):
        while self.pending and self.idle:
            call = self.pending.popleft()
            if call.future is not None and not call.future.set_running_or_notify_cancel():
                continue  # cancelled while pending
            try:
                payload = reduction.ForkingPickler.dumps((call.work_id, call.function, call.args, call.kwargs))
            except BaseException as error:  # noqa: BLE001 - as CPython's queue feeder thread reports it
                if self.kind != "pool":
                    remote = "".join(traceback.format_exception(error))
                    error.__cause__ = _futures_process._RemoteTraceback(f'\n"""\n{remote}"""')
                call.on_done(None, error)
                continue
            pid = self.idle.pop(0)
            self.busy[pid] = call
            _send(pid, bytes(payload))

    def manage(self):
        while True:
            self.news = False
            self.dispatch()
            if self.closing and not self.pending and not self.busy:
                break
            wait_until(lambda: self.news)
        for pid in list(self.processes):
            _send(pid, b"")  # the end
        wait_until(lambda: not self.processes)

    def terminate(self):
        self.closing = True
        self.pending.clear()
        for worker in list(self.processes.values()):
            worker.terminate()
        self.notify()


def _process_count() -> int:
    return os.process_cpu_count() or 1 if hasattr(os, "process_cpu_count") else os.cpu_count() or 1


class ProcessPoolExecutor(_futures_process.ProcessPoolExecutor):
    """concurrent.futures.ProcessPoolExecutor on the page's processes; map() and terminate_workers() are CPython's."""

    def __init__(self, max_workers=None, mp_context=None, initializer=None, initargs=(), *,
                 max_tasks_per_child=None):
        if max_workers is None:
            max_workers = _process_count()
        elif max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        if mp_context is None:
            mp_context = context._default_context.get_context("spawn" if max_tasks_per_child else None)
        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")
        if max_tasks_per_child is not None:
            if not isinstance(max_tasks_per_child, int):
                raise TypeError("max_tasks_per_child must be an integer")
            if max_tasks_per_child <= 0:
                raise ValueError("max_tasks_per_child must be >= 1")
        self._max_workers = max_workers
        self._mp_context = mp_context
        self._broken = False
        self._shutdown_thread = False
        self._shutdown_lock = threading.Lock()
        self._workers = _Workers("futures", mp_context, initializer, initargs, max_tasks_per_child, self._set_broken)
        self._processes = self._workers.processes
        self._executor_manager_thread = None

    def _set_broken(self, message):
        self._broken = message

    def submit(self, fn, /, *args, **kwargs):
        with self._shutdown_lock:
            if self._broken:
                raise _futures_process.BrokenProcessPool(self._broken)
            if self._shutdown_thread:
                raise RuntimeError("cannot schedule new futures after shutdown")
            future = _base.Future()
            workers = self._workers
            if workers.credits:
                workers.credits -= 1
            elif len(workers.processes) < self._max_workers:
                workers.spawn()  # one more worker for each call that finds none idle, up to max_workers
            self._executor_manager_thread = workers.thread

            def on_done(result, error):
                if error is not None:
                    future.set_exception(error)
                else:
                    future.set_result(result)

            workers.add(fn, args, kwargs, on_done, future)
            return future

    submit.__doc__ = _base.Executor.submit.__doc__

    def shutdown(self, wait=True, *, cancel_futures=False):
        workers = self._workers
        with self._shutdown_lock:
            self._shutdown_thread = True
            if cancel_futures:
                for item in workers.pending:
                    item.future.cancel()
                workers.pending.clear()
            workers.closing = True
            workers.notify()
        if workers.thread is not None and wait:
            workers.thread.join()
        self._executor_manager_thread = None

    shutdown.__doc__ = _base.Executor.shutdown.__doc__


ProcessPoolExecutor.__module__ = "concurrent.futures.process"


# --- multiprocessing.Pool -----------------------------------------------------------------------------------------


class _AsyncResult:
    """multiprocessing.pool.AsyncResult (ApplyResult, MapResult): the outcome of calls run by a Pool."""

    def __init__(self, parts, callback, error_callback, combine):
        self._event = threading.Event()
        self._left = parts
        self._values = [None] * parts
        self._error = None
        self._callback, self._error_callback, self._combine = callback, error_callback, combine
        if not parts:
            self._finish()

    def _part_done(self, index, result, error):
        if error is not None and self._error is None:
            self._error = error
        self._values[index] = result
        self._left -= 1
        if not self._left or (error is not None and self._combine is not None):
            self._finish()

    def _finish(self):
        if self._event.is_set():
            return
        if self._error is None:
            self._value = self._combine(self._values) if self._combine else self._values[0]
            if self._callback is not None:
                self._callback(self._value)
        elif self._error_callback is not None:
            self._error_callback(self._error)
        self._event.set()

    def ready(self):
        return self._event.is_set()

    def successful(self):
        if not self.ready():
            raise ValueError(f"{self!r} not ready")
        return self._error is None

    def wait(self, timeout=None):
        self._event.wait(timeout)

    def get(self, timeout=None):
        self.wait(timeout)
        if not self.ready():
            raise context.TimeoutError
        if self._error is not None:
            raise self._error
        return self._value


class Pool:
    """multiprocessing.Pool on the page's processes: its workers start with it, named ForkServerPoolWorker-N."""

    def __init__(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None, context=None):
        self._ctx = context or _mp_context()
        if processes is None:
            processes = _process_count()
        if processes < 1:
            raise ValueError("Number of processes must be at least 1")
        if maxtasksperchild is not None and (not isinstance(maxtasksperchild, int) or maxtasksperchild <= 0):
            raise ValueError("maxtasksperchild must be a positive int or None")
        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")
        self._state = _mp_pool.RUN
        self._processes = processes
        self._workers = _Workers("pool", self._ctx, initializer, initargs, maxtasksperchild, lambda message: None)
        for _ in range(processes):
            self._workers.spawn()

    def __repr__(self):
        return f"<{type(self).__module__}.{type(self).__qualname__} state={self._state} pool_size={self._processes}>"

    def _check_running(self):
        if self._state != _mp_pool.RUN:
            raise ValueError("Pool not running")

    def _submit(self, function, tasks, callback, error_callback, combine):
        self._check_running()
        result = _AsyncResult(len(tasks), callback, error_callback, combine)
        for index, args in enumerate(tasks):
            self._workers.add(function, args, {}, functools.partial(result._part_done, index))
        return result

    def apply_async(self, func, args=(), kwds={}, callback=None, error_callback=None):  # noqa: B006 - CPython's
        return self._submit(functools.partial(func, **kwds), [tuple(args)], callback, error_callback, None)

    def apply(self, func, args=(), kwds={}):  # noqa: B006 - CPython's
        return self.apply_async(func, args, kwds).get()

    def _chunks(self, star, func, iterable, chunksize):
        if not hasattr(iterable, "__len__"):
            iterable = list(iterable)
        if chunksize is None:
            chunksize, extra = divmod(len(iterable), self._processes * 4)
            chunksize += bool(extra)
        chunks = [((func, chunk),) for chunk in itertools.batched(iterable, max(chunksize, 1))]
        return (_mp_pool.starmapstar if star else _mp_pool.mapstar), chunks

    def map_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        runner, chunks = self._chunks(False, func, iterable, chunksize)
        return self._submit(runner, chunks, callback, error_callback, _flatten)

    def map(self, func, iterable, chunksize=None):
        return self.map_async(func, iterable, chunksize).get()

    def starmap_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        runner, chunks = self._chunks(True, func, iterable, chunksize)
        return self._submit(runner, chunks, callback, error_callback, _flatten)

    def starmap(self, func, iterable, chunksize=None):
        return self.starmap_async(func, iterable, chunksize).get()

    def imap(self, func, iterable, chunksize=1):
        self._check_running()
        results = [self.apply_async(_mp_pool.mapstar, ((func, chunk),)) for chunk in
                   itertools.batched(iterable, chunksize)]
        return (value for result in results for value in result.get())

    def imap_unordered(self, func, iterable, chunksize=1):
        self._check_running()
        done = queue.SimpleQueue()
        chunks = list(itertools.batched(iterable, chunksize))
        for chunk in chunks:
            self.apply_async(_mp_pool.mapstar, ((func, chunk),), callback=done.put, error_callback=done.put)

        def results():
            for _ in chunks:
                values = done.get()
                if isinstance(values, BaseException):
                    raise values
                yield from values

        return results()

    def close(self):
        if self._state == _mp_pool.RUN:
            self._state = _mp_pool.CLOSE
            self._workers.closing = True
            self._workers.notify()

    def terminate(self):
        self._state = _mp_pool.TERMINATE
        self._workers.terminate()

    def join(self):
        if self._state == _mp_pool.RUN:
            raise ValueError("Pool is still running")
        if self._state not in (_mp_pool.CLOSE, _mp_pool.TERMINATE):
            raise ValueError("In unknown state")
        if self._workers.thread is not None:
            self._workers.thread.join()

    def __enter__(self):
        self._check_running()
        return self

    def __exit__(self, *exc_info):
        self.terminate()


Pool.__module__ = "multiprocessing.pool"


def _flatten(chunks):
    return [value for chunk in chunks for value in chunk]


def _mp_context():
    return context._default_context.get_context()


def install(js_host, threads_module) -> None:
    """Start processes on the page's workers (once, when the worker starts; after threads.install)."""
    global host, _threads
    host, _threads = js_host, threads_module
    cpus = int(js.navigator.hardwareConcurrency or 1)  # Emscripten says 1: processes here do run in parallel
    os.cpu_count = functools.wraps(os.cpu_count)(lambda: cpus)
    if hasattr(os, "process_cpu_count"):
        os.process_cpu_count = functools.wraps(os.process_cpu_count)(lambda: cpus)
    for cls in context.ForkProcess, context.SpawnProcess, context.ForkServerProcess:
        cls._Popen = staticmethod(Popen)
    context.reduction.HAVE_SEND_HANDLE = True  # forkserver's condition (passing file descriptors): not needed here
    context._default_context._default_context = context._concrete_contexts[START_METHOD]  # multiprocessing's own
    _futures_process.ProcessPoolExecutor = ProcessPoolExecutor
    _mp_pool.Pool = Pool
    _mp_queues.Queue, _mp_queues.SimpleQueue = Queue, SimpleQueue
    _mp_connection.Pipe, _mp_connection.Connection = Pipe, Connection  # pickled by reference, as CPython's
    for cls in Queue, SimpleQueue:
        cls.__module__ = "multiprocessing.queues"


_parent_pid = None  # in a child process: its parent's pid


def begin_child(pid: int, ppid: int) -> None:
    """This worker is a child process: its own pid, its parent's."""
    global _parent_pid
    _parent_pid = ppid

    def getpid():
        return pid

    def getppid():
        return ppid

    for function in getpid, getppid:  # posix's, so that os.getpid pickled in another process is this one
        function.__module__ = "posix"
        setattr(os, function.__name__, function)
        setattr(posix, function.__name__, function)


def _starting_main() -> bool:
    """The child is still importing __mp_main__: spawn's own check then raises CPython's error instead."""
    return getattr(process.current_process(), "_inheriting", False)


def begin_run() -> None:
    """As multiprocessing.util registers it at import (the snapshot's restore forgot it): at exit, join the children
    that are not daemons and terminate the others."""
    atexit.register(util._exit_function)


def end_run() -> None:
    global _parent_pid
    _parent_pid = None
    _popens.clear()
    _listeners.clear()
    _answers.clear()
    _asked.clear()
    _received.clear()
    _waiting.clear()
