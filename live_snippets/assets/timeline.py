"""Which asyncio task ran when: a timeline of a snippet's run (issue 9), pure Python, stdlib only.

Runs under CPython (``live_snippets/timeline_boot``, when outputs are recorded) and is meant for Pyodide's runtime
too: it starts no thread and runs no process. ``install()`` before the snippet, ``timeline()`` after it.

Mechanism: every loop's ready queue (``loop._ready``, a deque in ``BaseEventLoop``) becomes a deque subclass.
``_call_soon`` appends each handle to it and ``_run_once`` pops each one just before running it, so ``append`` is
when a task was scheduled (ready), ``popleft`` when a step started, and the next ``popleft``, ``len()`` (the next
turn of the loop) or ``clear()`` (close) when it ended. A task's step or wakeup is a handle whose callback's
``__self__`` is the task (CPython 3.11 to 3.14); a future's done callbacks carry it as their argument. No frame of
this module is on the stack while a snippet's code runs or raises (only while a loop is made, and around a thread
pool's work item), so tracebacks, debug mode's "created at" stacks, reprs and ``all_tasks()`` are unchanged.
Lines written to ``sys.stdout`` and ``sys.stderr`` are counted by a ``write`` set on each stream object.

Eager tasks (3.12+ ``eager_task_factory``, ``eager_start=True``) schedule nothing when made: one is found the first
time a handle names it, already started (``eager``), its first step inside its creator's; one that finishes in that
step and is never awaited through a callback is not seen.
"""

import asyncio
import asyncio.base_events
import atexit
import collections
import functools
import os
import re
import sys
import threading
import time
import types
import weakref

FORMAT = 1
MAX_EVENTS = 20_000  # then events are counted, not kept
MAX_LANES = 500
SLOW_STEP = 0.1  # debug mode's loop.slow_callback_duration
_LIBRARY = os.path.dirname(os.path.dirname(asyncio.__file__))
_ADDRESS = re.compile(r"0x[0-9a-fA-F]+|(?<=started )\d+|(?<=stopped )\d+")  # and a Thread's ident
_clock = time.perf_counter
_Task = asyncio.Task
_Coroutine, _Generator = types.CoroutineType, types.GeneratorType
_TIMED = {"run": 2, "thread": 1, "blocked": 1}  # events whose first details are durations: how many


def _short(text, limit=60):
    """At most limit characters, memory addresses masked (a timeline must not change from run to run for them)."""
    text = _ADDRESS.sub(lambda found: "0x…" if found[0].startswith("0x") else "…", text)
    return text if len(text) <= limit else text[:limit - 1] + "…"


class Recorder:
    """What ran when, in the loop's own terms: lanes, events (times from perf_counter) and printed lines."""

    def __init__(self):
        self.start = _clock()
        self.lanes = []  # {"name", "kind", ...}
        self.events = []  # (seconds, lane, kind, *detail)
        self.lines = []  # [line index, seconds, lane]
        self.left_out = 0
        self.tasks_left_out = 0
        # id(task) -> [weak reference, lane or None, cancel requests seen, has run, ready since]; weak: no task is
        # kept alive
        self._states = {}
        self._thread_lanes = {}
        self._main_lane = None
        self.running = None  # (task state or None, step start, loop) of the handle now running on a loop
        self._line, self._line_started = 0, False

    # lanes and events
    def _lane(self, name, kind, **extra):
        self.lanes.append({"name": name, "kind": kind, **extra})
        return len(self.lanes) - 1

    def event(self, at, lane, *what):
        """Keep an event; one of a task without a lane (past MAX_LANES) or past MAX_EVENTS is only counted."""
        if lane is not None and len(self.events) < MAX_EVENTS:
            self.events.append((at, lane, *what))
        else:
            self.left_out += 1

    def task_state(self, task, now):
        state = self._states.get(id(task))
        if state is not None and state[0]() is task:
            return state
        key, states = id(task), self._states
        forget = lambda ref: states.get(key, (None,))[0] is ref and states.pop(key)  # noqa: E731
        if len(self.lanes) >= MAX_LANES:
            self.tasks_left_out += 1
            self.left_out += 1  # its "created"
            state = states[key] = [weakref.ref(task, forget), None, task.cancelling(), True, now]
            return state
        coro = task.get_coro()
        eager = bool(getattr(coro, "cr_suspended", False) or getattr(coro, "cr_running", False)
                     or getattr(coro, "cr_code", None) is not None and coro.cr_frame is None) or task.done()
        extra = {"coro": getattr(coro, "__qualname__", type(coro).__name__)}
        if eager:
            extra["eager"] = True
        lane = self._lane(task.get_name(), "task", **extra)
        state = states[key] = [weakref.ref(task, forget), lane, 0, False, now]
        self.event(now, lane, "created")
        if task.done():
            self._end_mark(task, lane, now)
        return state

    def thread_lane(self):
        thread = threading.current_thread()
        if thread is threading.main_thread():
            if self._main_lane is None:
                self._main_lane = self._lane("main", "main")
            return self._main_lane
        lane = self._thread_lanes.get(thread.ident)
        if lane is None:
            lane = self._thread_lanes[thread.ident] = self._lane(thread.name, "thread")
        return lane

    # what a step leaves behind
    def _end_mark(self, task, lane, now):
        # _exception and _result, not exception() and result(): those would mark an exception as retrieved
        error = getattr(task, "_exception", None)
        if task.cancelled():
            self.event(now, lane, "cancelled")
        elif error is not None:
            self.event(now, lane, "failed", f"{type(error).__name__}: {_short(str(error), 80)}")
        else:
            self.event(now, lane, "done", _short(repr(getattr(task, "_result", None))))

    def step_ended(self, now):
        state, started, loop = self.running
        self.running = None
        if state is None:
            return
        lane = state[1]
        duration = now - started
        task = state[0]()
        if lane is None:
            self.left_out += 1
        elif task is None or task.done():
            self.event(started, lane, "run", duration, started - state[4], None)
        else:  # suspended: what it awaits
            self.event(started, lane, "run", duration, started - state[4], awaited(task))
        if duration >= loop.slow_callback_duration:
            self.event(started, lane, "blocked", duration)
        if task is not None:
            state[2] = task.cancelling()  # what the step uncancelled
            if task.done():
                self._end_mark(task, lane, now)

    # printed lines
    def wrote(self, text):
        if not text:
            return
        now = None
        parts = text.split("\n")
        for index, part in enumerate(parts):
            ends_line = index < len(parts) - 1
            if (part or ends_line) and not self._line_started:
                self._line_started = True
                now = now or _clock()
                self.lines.append([self._line, now - self.start, self.writer_lane()])
            if ends_line:
                self._line, self._line_started = self._line + 1, False

    def writer_lane(self):
        running = self.running
        if running and running[0] is not None and running[0][1] is not None and threading.current_thread() is (
                threading.main_thread()):
            return running[0][1]
        return self.thread_lane()

    def summary(self):
        python = "%s %d.%d.%d" % (sys.implementation.name, *sys.version_info[:3])
        ms = lambda seconds: round(seconds * 1000)  # noqa: E731
        return {
            "format": FORMAT, "python": python, "slow_step_ms": ms(SLOW_STEP),
            "left_out": {"events": self.left_out, "tasks": self.tasks_left_out},
            "lanes": self.lanes,
            "events": [[ms(at - self.start), lane, kind, *_shown(kind, detail)]  # in time order (a step is kept
                       for at, lane, kind, *detail in sorted(self.events, key=lambda e: e[0])],  # when it ends)
            "lines": [[line, ms(at), lane] for line, at, lane in self.lines],
        }


def _shown(kind, detail):
    """An event's details for JSON: durations in ms; what a run left its task awaiting as [what, "01_x.py:7"]."""
    timed = _TIMED.get(kind, 0)
    shown = [round(seconds * 1000) for seconds in detail[:timed]] + list(detail[timed:])
    if kind == "run" and shown[2] is not None:
        what, inner, place = shown[2]
        if what is None:  # the innermost library coroutine
            what = {None: "?", "__sleep0": "sleep(0)"}.get(inner, inner)
        shown[2] = [what, _place(*place)] if place else [what]
    return shown


def _place(file, line):
    return f"{os.path.basename(file)}:{line}"


def awaited(task):
    """What a suspended task waits for, and where, kept cheap (shown by _shown): (what, innermost library
    coroutine's name, (file, line)). Code objects hash by content, slowly: files are looked up by name."""
    coro, inner, where = task.get_coro(), None, None
    library = _is_library
    while True:
        kind = type(coro)
        if kind is _Coroutine:
            frame, coro = coro.cr_frame, coro.cr_await
        elif kind is _Generator:  # types.coroutine: sleep(0)'s
            frame, coro = coro.gi_frame, coro.gi_yieldfrom
        else:
            break
        if frame is None:
            break
        code = frame.f_code
        file = code.co_filename
        is_library = library.get(file)
        if is_library is None:
            is_library = library[file] = file.startswith(_LIBRARY)
        if not is_library:
            where, inner = (file, frame.f_lineno), None
        elif inner is None:
            inner = code.co_qualname
    waiter = task._fut_waiter
    if isinstance(waiter, _Task):
        return f"task {waiter.get_name()}", None, where
    if inner is None and waiter is not None:
        name = type(waiter).__name__
        return "gather" if name == "_GatheringFuture" else name, None, where
    return None, inner, where


_is_library = {}  # file name -> whether it is the standard library's


_recorder = None


class _ReadyQueue(collections.deque):
    """A loop's ready queue that tells the recorder when each handle is scheduled, starts and ends."""

    __slots__ = ("loop",)

    def append(self, handle):
        recorder = _recorder
        if recorder is not None:
            callback = handle._callback
            task = getattr(callback, "__self__", None)
            if task.__class__ is _Task or isinstance(task, _Task):  # a step or a wakeup: the task is ready
                now = _clock()
                state = recorder.task_state(task, now)
                if task.cancelling() > state[2]:
                    recorder.event(now, state[1], "cancel")
                state[2] = task.cancelling()
                state[4] = now
            elif handle._args and isinstance(handle._args[0], _Task):  # a done callback: shows an eager task
                recorder.task_state(handle._args[0], _clock())
        collections.deque.append(self, handle)

    def popleft(self):
        handle = collections.deque.popleft(self)
        recorder = _recorder
        if recorder is not None:
            now = _clock()
            if recorder.running is not None:
                recorder.step_ended(now)
            task = getattr(handle._callback, "__self__", None)
            if (task.__class__ is _Task or isinstance(task, _Task)) and not handle._cancelled:
                state = recorder.task_state(task, now)
                if not state[3]:  # asyncio.create_task(name=...) names a task once it is made (3.11)
                    state[3] = True
                    recorder.lanes[state[1]]["name"] = task.get_name()
                recorder.running = (state, now, self.loop)
            else:
                recorder.running = (None, now, None)
        return handle

    def __len__(self):
        recorder = _recorder
        if recorder is not None and recorder.running is not None:
            recorder.step_ended(_clock())
        return collections.deque.__len__(self)

    def clear(self):
        self.__len__()
        collections.deque.clear(self)


def watch(loop):
    """Record what runs on a loop made before install()."""
    if not isinstance(loop._ready, _ReadyQueue):
        ready = _ReadyQueue(loop._ready)
        ready.loop = weakref.proxy(loop)
        loop._ready = ready


def _watching_init(init):
    @functools.wraps(init)
    def watching_init(self, *args, **kwargs):
        init(self, *args, **kwargs)
        watch(self)
    return watching_init


def _timed_work_item(run):
    @functools.wraps(run)
    def timed_run(self, *args):
        recorder = _recorder
        started = _clock()
        if recorder is not None:
            lane = recorder.thread_lane()  # lanes in the order threads start work
        try:
            return run(self, *args)
        finally:
            if recorder is not None:
                fn = self.fn
                if getattr(fn, "func", None) is not None and getattr(fn.func, "__name__", "") == "run" and fn.args:
                    fn = fn.args[0]  # to_thread: partial(context.run, func, ...)
                name = getattr(fn, "__qualname__", None) or type(fn).__name__
                recorder.event(started, lane, "thread", _clock() - started, name)
    return timed_run


def _counting_write(stream):
    write = stream.write

    def counted(text):
        result = write(text)
        if _recorder is not None and isinstance(text, str):
            _recorder.wrote(text)
        return result
    return counted


def install(streams=None):
    """Start recording: every loop made from now on, thread pool work items and the lines written to streams."""
    global _recorder
    _recorder = Recorder()
    base = asyncio.base_events.BaseEventLoop
    if not hasattr(base.__init__, "__wrapped__"):
        base.__init__ = _watching_init(base.__init__)
    try:
        from concurrent.futures import thread
    except ImportError:  # no threads
        thread = None
    if thread is not None and not hasattr(thread._WorkItem.run, "__wrapped__"):
        thread._WorkItem.run = _timed_work_item(thread._WorkItem.run)
    for stream in streams if streams is not None else (sys.stdout, sys.stderr):
        if stream is not None:
            try:
                stream.write = _counting_write(stream)
            except (AttributeError, TypeError):
                pass
    return _recorder


def timeline():
    """The timeline so far, as a dict for JSON (see live_snippets/README.md, "Timeline")."""
    recorder = _recorder
    if recorder.running is not None:
        recorder.step_ended(_clock())
    return recorder.summary()


def record_to(path):
    """install(), and write the timeline as JSON to path when the interpreter exits (after the snippet's atexit
    handlers, registered later, have run)."""
    install()

    def write():
        import json
        with open(path, "w", encoding="utf-8") as file:
            json.dump(timeline(), file)
    atexit.register(write)
