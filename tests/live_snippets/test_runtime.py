"""The browser runtime (live_snippets/assets/runtime.py) under CPython 3.13+, with a fake host instead of the
worker (tests/live_snippets/runtime_harness.py): isolation between runs, traceback filtering, exit statuses,
task naming, the page's loop wherever asyncio makes one, time.sleep's errors. One process runs every case."""

from __future__ import annotations

import json
import re
import subprocess
import textwrap
from functools import cache
from pathlib import Path

import pytest

from live_snippets import cpython
from live_snippets.snippet import Snippet

HARNESS = Path(__file__).with_name("runtime_harness.py")
RUNTIME_PYTHON = next((i for i in reversed(cpython.find_interpreters()) if i.version >= (3, 13)), None)

DEV_MODE = """
    import asyncio, faulthandler, sys, warnings

    def count_lines(path):
        return len(open(path).readlines())  # never closed: a ResourceWarning in development mode

    async def main():
        print(sys.flags.dev_mode, asyncio.get_running_loop().get_debug(), sys._xoptions, sys.warnoptions)
        print(faulthandler.is_enabled(), warnings.filters[0][:3] == ("default", None, Warning))
        print(repr(sys.flags).startswith("sys.flags(debug=0,"), f"dev_mode={sys.flags.dev_mode}" in repr(sys.flags))
        print(count_lines(__file__))

    asyncio.run(main())
"""

# name: code (a run after another sees only what a fresh `python FILE` would)
CASES = {
    "traceback": """
        import asyncio

        async def main():
            print(asyncio.current_task().get_name())
            raise ValueError("x")

        asyncio.run(main())
    """,
    "second run's task": """
        import asyncio

        async def main():
            print(asyncio.current_task().get_name())

        asyncio.run(main())
    """,
    "file": "import os\nprint(os.path.isabs(__file__), __file__)",
    "exit True": "import sys\nsys.exit(True)",
    "exit 256": "import sys\nsys.exit(256)",
    "exit -1": "import sys\nsys.exit(-1)",
    "exit message": "import sys\nsys.exit('bye')",
    "KeyboardInterrupt": "raise KeyboardInterrupt",
    "loops": """
        import asyncio

        async def main():
            loop = asyncio.get_running_loop()
            print(type(loop).__name__, type(loop._selector).select.__module__)  # the page's selector: sockets.py

        asyncio.run(main(), loop_factory=asyncio.EventLoop)
        with asyncio.Runner(loop_factory=asyncio.SelectorEventLoop) as runner:
            runner.run(main())
        loop = asyncio.SelectorEventLoop()
        loop.run_until_complete(main())
        loop.close()
        loop = asyncio.new_event_loop()
        loop.run_until_complete(main())
        loop.close()
        print(type(asyncio.get_event_loop_policy()).__name__, type(asyncio.get_event_loop_policy()).__module__)
    """,
    "names": """
        import asyncio, logging

        logging.basicConfig(level=logging.DEBUG)

        async def main():
            pass

        asyncio.run(main())
        print(asyncio.get_event_loop_policy())
    """,
    "teardown": """
        class Noisy:
            def __del__(self):
                print("del", self.name)

        async def never():
            pass

        first = Noisy()
        first.name = "first"
        coroutine = never()
        last = Noisy()
        last.name = "last"
        print("end")
    """,
    "deep recursion": """
        import sys

        sys.setrecursionlimit(100_000)
        print(sys.getrecursionlimit())

        def down(n):
            return down(n + 1)

        try:
            down(0)
        except RecursionError as error:
            print("RecursionError", error)
    """,
    "bytes and reconfigure": """
        import sys

        sys.stdout.buffer.write("bytes: caf\\u00e9\\n".encode()[:-3])
        sys.stdout.buffer.write("bytes: caf\\u00e9\\n".encode()[-3:])
        sys.stdout.reconfigure(line_buffering=True, errors="replace")
        print(sys.stdout.line_buffering, sys.stdout.errors, sys.stderr.errors, sys.stdout.encoding)
        print("flushed", flush=True)
        sys.stdout.flush()
    """,
    "reconfigure lasts one run": "import sys\nprint(sys.stdout.line_buffering, sys.stdout.errors)",
    "no flush": """
        import sys

        sys.stdout.buffer.write(b"x")
        print(sys.stdout.line_buffering)
        print("not flushed")
    """,
    "sleeps": """
        import asyncio, time

        async def tick(name):
            await asyncio.sleep(0.3)
            print(name)

        async def main():
            started = time.monotonic()
            await asyncio.gather(tick("a"), tick("b"))
            time.sleep(0.3)
            print(f"{time.monotonic() - started:.1f} s")

        asyncio.run(main())
    """,
    "sleep errors": """
        import math, time

        for seconds in [float("nan"), math.inf, 1e20, -1, "1"]:
            try:
                time.sleep(seconds)
            except Exception as error:
                print(type(error).__name__, error)
    """,
    "changes everything": """
        import asyncio, gc, json, logging, signal, sys, time, tracemalloc, warnings
        time.sleep = print
        asyncio.run = None
        asyncio.BaseEventLoop.extra = 1
        del asyncio.BaseEventLoop._run_once
        json.dumps = None
        gc.disable()
        tracemalloc.start()
        sys.setswitchinterval(1)
        sys.set_int_max_str_digits(999)
        sys.setrecursionlimit(50)
        sys.path.append("added")
        warnings.formatwarning = None
        warnings.simplefilter("error")
        signal.signal(signal.SIGTERM, print)
        logging.basicConfig(level=logging.DEBUG)
        import colorsys
        colorsys.ONE_THIRD = 0
    """,
    "finds it fresh": """
        import asyncio, gc, json, logging, signal, sys, time, tracemalloc, warnings
        print(time.sleep.__name__, asyncio.run.__module__, hasattr(asyncio.BaseEventLoop, "extra"),
              hasattr(asyncio.BaseEventLoop, "_run_once"), json.dumps.__name__)
        print(gc.isenabled(), tracemalloc.is_tracing(), sys.getswitchinterval(), sys.get_int_max_str_digits(),
              sys.getrecursionlimit() > 50, "added" in sys.path)
        print(warnings.formatwarning.__name__, warnings.filters[0][0], signal.getsignal(signal.SIGTERM),
              logging.getLogger().level, "colorsys" in sys.modules)
    """,
    "changes C state": """
        import codecs, collections.abc, decimal, numbers

        collections.abc.Sequence.register(int)
        numbers.Integral.register(str)
        print(issubclass(int, collections.abc.Collection))  # fills another ABC's cache
        codecs.register(lambda name: codecs.lookup("utf-8") if name == "mine" else None)
        print(codecs.lookup("mine").name)
        decimal.getcontext().prec = 3
        print(decimal.Decimal(1) / 3)
    """,
    "finds C state fresh": """
        import codecs, collections.abc, decimal, numbers

        print(issubclass(int, collections.abc.Sequence), issubclass(int, collections.abc.Collection),
              issubclass(str, numbers.Integral))
        try:
            codecs.lookup("mine")
        except LookupError as error:
            print("LookupError", error)
        print(decimal.Decimal(1) / 3)
    """,
    "dev mode": DEV_MODE,
    "after dev mode": DEV_MODE,
}
OPTIONS = {"dev mode": ["-X", "dev"]}  # the interpreter options of a case's `# run:` line


@cache
def results() -> dict[str, dict]:
    runs = [{"code": textwrap.dedent(code).lstrip(), "options": OPTIONS.get(name, [])} for name, code in CASES.items()]
    completed = subprocess.run(
        [RUNTIME_PYTHON.executable, str(HARNESS)], input=json.dumps(runs), capture_output=True, text=True, timeout=60,
    )
    assert completed.returncode == 0, completed.stderr
    return dict(zip(CASES, json.loads(completed.stdout)))


def run(name: str) -> tuple[int, list[tuple[str, str]]]:
    if RUNTIME_PYTHON is None:
        pytest.skip("no CPython 3.13+ here to run the browser runtime with")
    result = results()[name]
    return result["status"], [tuple(line) for line in result["lines"]]


def test_a_traceback_shows_the_readers_frames_only_on_stderr():
    status, lines = run("traceback")
    assert status == 1
    assert lines[0] == ("stdout", "Task-1")
    assert [text for stream, text in lines[1:] if stream == "stderr"] == [text for _, text in lines[1:]]
    files = [text for _, text in lines if text.startswith('  File "')]
    assert files == ['  File "01_x.py", line 7, in <module>', '  File "01_x.py", line 5, in main']
    assert lines[-1] == ("stderr", "ValueError: x")


def test_task_numbers_start_again_in_each_run():
    assert run("second run's task")[1] == [("stdout", "Task-1")]


def test_file_is_the_absolute_path_of_the_script():
    # runtime.py shortens the script's folder in what is printed, as the recorded outputs do
    assert run("file")[1] == [("stdout", "True 01_x.py")]


@pytest.mark.parametrize("name, status", [("exit True", 1), ("exit 256", 0), ("exit -1", 255), ("exit message", 1),
                                          ("KeyboardInterrupt", 130)])
def test_exit_statuses_are_cpythons(name, status):
    assert run(name)[0] == status


def test_every_way_of_making_a_loop_gives_the_pages_loop():
    status, lines = run("loops")
    assert status == 0, lines
    assert lines == [("stdout", "_UnixSelectorEventLoop live_snippets_sockets")] * 4 + [
        ("stdout", "_UnixDefaultEventLoopPolicy asyncio.unix_events")]


def test_the_runners_class_names_are_not_shown():
    status, lines = run("names")
    assert lines[0] == ("stderr", "DEBUG:asyncio:Using selector: EpollSelector")
    assert re.fullmatch(r"<asyncio.unix_events._UnixDefaultEventLoopPolicy object at 0x[0-9a-f]+>", lines[1][1])
    assert len(lines) == 2


def test_time_sleep_raises_cpythons_errors():
    assert run("sleep errors")[1] == [
        ("stdout", "ValueError Invalid value NaN (not a number)"),
        ("stdout", "OverflowError timestamp out of range for platform time_t"),
        ("stdout", "OverflowError timestamp out of range for platform time_t"),
        ("stdout", "ValueError sleep length must be non-negative"),
        ("stdout", "TypeError 'str' object cannot be interpreted as an integer"),
    ]


def test_the_next_run_finds_the_interpreter_as_a_fresh_python_would():
    assert run("changes everything")[0] == 0
    assert run("finds it fresh")[1] == [
        ("stdout", "_blocking_sleep asyncio.runners False True dumps"),
        ("stdout", "True False 0.005 4300 True False"),
        ("stdout", "formatwarning default 0 30 False"),
    ]


def test_the_next_run_finds_state_kept_in_c_as_a_fresh_python_would():
    assert run("changes C state")[1] == [("stdout", "True"), ("stdout", "utf-8"), ("stdout", "0.333")]
    assert run("finds C state fresh")[1] == [
        ("stdout", "False False False"), ("stdout", "LookupError unknown encoding: mine"),
        ("stdout", "0.3333333333333333333333333333"),
    ]


def test_what_is_dropped_at_exit_is_reported_in_cpythons_order():
    assert run("teardown")[1] == [
        ("stdout", "end"), ("stdout", "del first"),
        ("stderr", "<sys>:0: RuntimeWarning: coroutine 'never' was never awaited"), ("stdout", "del last"),
    ]


def test_deep_recursion_raises_recursion_error():
    status, lines = run("deep recursion")
    assert (status, lines) == (0, [("stdout", "100000"), ("stdout", "RecursionError maximum recursion depth exceeded")])


@pytest.mark.parametrize("command, reason", [
    ("PYTHONASYNCIODEBUG=1 python 01_x.py", None),  # read when a loop is made: applied to the run
    ("GREETING=hi python 01_x.py", None),
    ("PYTHONWARNINGS=error python 01_x.py", "needs PYTHONWARNINGS=error when Python starts, which a browser cannot set"),
    ("PYTHONDEVMODE=1 PYTHONTRACEMALLOC=5 python 01_x.py",
     "needs PYTHONDEVMODE=1 PYTHONTRACEMALLOC=5 when Python starts, which a browser cannot set"),
])
def test_settings_read_only_at_start_up_make_a_snippet_local_only(tmp_path, command, reason):
    (tmp_path / "01_x.py").write_text(f"# run: {command}\nprint(1)\n")
    assert Snippet(tmp_path, "01_x.py").local_only == reason


def test_bytes_reconfigure_and_flush_work_as_on_a_terminal():
    assert run("bytes and reconfigure") == (0, [
        ("stdout", "bytes: caf\u00e9"), ("stdout", "True replace backslashreplace utf-8"), ("stdout", "flushed"),
    ])
    flushes = results()["bytes and reconfigure"]["flushes"] - results()["no flush"]["flushes"]
    assert flushes == 2  # print(flush=True) and sys.stdout.flush() reach the host at once
    assert run("reconfigure lasts one run")[1] == [("stdout", "False strict")]


def test_sleeps_wait_as_in_cpython():
    # as outputs are compared (a busy machine makes a time later, not earlier): 0.6 s; the sleeps one after the other
    # would take 0.9 s
    lines = run("sleeps")[1]
    assert lines[:2] == [("stdout", "a"), ("stdout", "b")] and lines[2][0] == "stdout"
    assert cpython.lines_match("0.6 s", lines[2][1]), lines


def test_development_mode_is_applied_to_its_run_only_with_cpythons_effects():
    status, lines = run("dev mode")
    out = [text for stream, text in lines if stream == "stdout"]
    err = [text for stream, text in lines if stream == "stderr"]
    assert out == ["True True {'dev': True} ['default']", "True True", "True True", "12"], lines
    assert any("ResourceWarning: unclosed file <_io.TextIOWrapper name=" in text for text in err), lines
    assert "ResourceWarning: Enable tracemalloc to get the object allocation traceback" in err
    status, lines = run("after dev mode")
    assert lines == [("stdout", "False False {} []"), ("stdout", "False False"), ("stdout", "True True"),
                     ("stdout", "12")]
