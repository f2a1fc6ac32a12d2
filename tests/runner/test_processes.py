"""Processes in the page (live_snippets/assets/processes.py, process-pool.js): multiprocessing and
ProcessPoolExecutor run each child in another worker with its own Python, and print what CPython prints.

The expected lines were recorded from CPython 3.13 with the forkserver start method (3.14's default on Linux, which
the page follows); the snippets go into the first snippet of the shared test page A, with stack switching.
"""

from __future__ import annotations

import re

import pytest

from tests.runner.conftest import snippet_named
from tests.runner.test_gaps import run
from tests.runner.test_threads import printed


@pytest.fixture
def greet(shared_pages):
    return snippet_named(shared_pages.get("with JSPI"), "01_greet.py")

BASICS = """
    import multiprocessing, os, sys, time

    counter = 0

    def child(label):
        global counter
        counter += 1
        me = multiprocessing.current_process()
        parent = multiprocessing.parent_process()
        print(label, me.name, __name__, counter, os.getpid() != parent.pid, parent.name)

    def fail():
        raise ValueError("bad")

    def leave(code):
        sys.exit(code)

    def nap():
        time.sleep(30)

    if __name__ == "__main__":
        for label in "ab":
            p = multiprocessing.Process(target=child, args=[label])
            p.start()
            p.join()
            print(p.name, p.exitcode, p.is_alive(), counter, p.pid != os.getpid())
        p = multiprocessing.Process(target=fail, name="Failing")
        p.start(); p.join(); print("exitcode", p.exitcode)
        p = multiprocessing.Process(target=leave, args=[3]); p.start(); p.join(); print("exitcode", p.exitcode)
        p = multiprocessing.Process(target=nap, daemon=True); p.start()
        p.join(0.2); print("alive", p.is_alive(), p.exitcode)
        p.terminate(); p.join(); print("terminated", p.exitcode, multiprocessing.active_children())
        print(multiprocessing.get_start_method())
"""


def test_a_process_has_its_own_memory_name_pid_and_exit_status_as_in_cpython(greet):
    lines = run(greet, BASICS)
    out = [text for stream, text in lines if stream == "stdout"]
    assert out == [
        "a Process-1 __mp_main__ 1 True MainProcess", "Process-1 0 False 0 True",
        "b Process-2 __mp_main__ 1 True MainProcess", "Process-2 0 False 0 True",
        "exitcode 1", "exitcode 3", "alive True None", "terminated -15 []", "forkserver",
    ]
    err = [text for stream, text in lines if stream == "stderr"]
    assert err[:2] == ["Process Failing:", "Traceback (most recent call last):"], err
    assert '  File "01_greet.py", line 13, in fail' in err and err[-1] == "ValueError: bad", err
    # The child's report comes where it happened: after the second process, before the parent's "exitcode 1".
    assert [text for _, text in lines].index("Process Failing:") == out.index("exitcode 1")


PARALLEL = """
    import os, time
    from concurrent.futures import ProcessPoolExecutor

    def spin(n):
        start = time.time()
        while n:
            n -= 1
        return start, time.time(), os.getpid()

    if __name__ == "__main__":
        with ProcessPoolExecutor(max_workers=2) as pool:
            list(pool.map(abs, [1, 2]))  # both workers have started
            (a0, a1, pa), (b0, b1, pb) = pool.map(spin, [1_500_000, 1_500_000])
        print("two processes:", pa != pb, os.getpid() not in (pa, pb))
        print("at the same time:", a0 < b1 and b0 < a1)
"""


def test_a_process_pool_runs_its_calls_in_two_processes_at_once(greet):
    # Parallel, not taking turns: each call's time span overlaps the other's (how much faster: make bench).
    assert printed(greet, PARALLEL) == ["two processes: True True", "at the same time: True"]


PICKLING = """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    def give_lambda():
        return lambda: 1

    def boom():
        raise KeyError("k")

    def square(x):
        return x * x

    def named(_):
        return multiprocessing.current_process().name

    if __name__ == "__main__":
        with ProcessPoolExecutor(max_workers=1) as pool:
            for function in (lambda: 1, give_lambda, boom):
                try:
                    pool.submit(function).result()
                except Exception as error:
                    print(type(error).__name__, type(error.__cause__).__name__, "lambda" in str(error))
            print(list(pool.map(square, range(5), chunksize=2)), pool.submit(named, 0).result())
        with multiprocessing.Pool(2) as workers:
            print(workers.map(square, range(6)), workers.starmap(divmod, [(7, 2), (9, 4)]))
            print(workers.apply(square, (9,)), list(workers.imap(square, [1, 2, 3])),
                  sorted(workers.imap_unordered(square, [4, 5])))
            result = workers.apply_async(boom)
            try:
                result.get(timeout=30)
            except KeyError as error:
                print("KeyError", type(error.__cause__).__name__, result.ready(), result.successful())
            print({name.rstrip("0123456789") for name in workers.map(named, range(8))})
        pool = ProcessPoolExecutor(max_workers=1)
        pool.shutdown()
        try:
            pool.submit(square, 1)
        except RuntimeError as error:
            print(error)
"""


def test_calls_and_results_are_pickled_as_cpython_pickles_them(greet):
    lines = printed(greet, PICKLING)
    # 3.11-3.13 raise AttributeError for a local lambda's result; 3.14 (the page's) raises PicklingError.
    assert re.fullmatch(r"(PicklingError|AttributeError) _RemoteTraceback True", lines[1]), lines
    assert lines[:1] + lines[2:] == [
        "PicklingError _RemoteTraceback True",
        "KeyError _RemoteTraceback False",
        "[0, 1, 4, 9, 16] ForkServerProcess-1",
        "[0, 1, 4, 9, 16, 25] [(3, 1), (2, 1)]",
        "81 [1, 4, 9] [16, 25]",
        "KeyError RemoteTraceback True False",
        "{'ForkServerPoolWorker-'}",
        "cannot schedule new futures after shutdown",
    ]


UNCAUGHT = """
    from concurrent.futures import ProcessPoolExecutor

    def boom(x):
        raise KeyError(x)

    if __name__ == "__main__":
        with ProcessPoolExecutor(max_workers=1) as pool:
            pool.submit(boom, 1).result()
"""


def test_an_error_in_a_worker_is_reported_with_its_remote_traceback_as_in_cpython(greet):
    text = [text for _, text in run(greet, UNCAUGHT)]
    assert text[0] == "concurrent.futures.process._RemoteTraceback: ", text
    assert text[1:3] == ['"""', "Traceback (most recent call last):"], text
    assert '  File "01_greet.py", line 4, in boom' in text
    assert "The above exception was the direct cause of the following exception:" in text
    assert text[-1] == "KeyError: 1", text


QUEUES = """
    import multiprocessing, queue
    from multiprocessing import Pipe, Process, Queue

    def produce(q, count):
        for number in range(count):
            q.put(number * number)
        q.put(None)

    def consume(q, results):
        total = 0
        while (item := q.get()) is not None:
            total += item
        results.put(("total", total))

    def talk(conn):
        conn.send(["hello", 42])
        print("child got", conn.recv())
        conn.send_bytes(b"raw bytes")
        conn.close()

    if __name__ == "__main__":
        items, results = Queue(), Queue()
        workers = [Process(target=produce, args=(items, 5)), Process(target=consume, args=(items, results))]
        for worker in workers:
            worker.start()
        print(results.get(timeout=30))
        for worker in workers:
            worker.join()
        try:
            results.get(timeout=0.1)
        except queue.Empty:
            print("empty after 0.1 s")
        results.put("here")
        print(results.get(), results.empty())
        mine, theirs = Pipe()
        child = Process(target=talk, args=(theirs,))
        child.start()
        print("parent got", mine.recv(), mine.poll(0.2))
        mine.send("thanks")
        print(mine.recv_bytes())
        child.join()
        with multiprocessing.Pool(1) as pool:
            try:
                pool.apply(print, (items,))
            except RuntimeError as error:
                print(error)
"""


def test_queues_and_pipes_carry_items_between_processes_as_in_cpython(greet):
    assert printed(greet, QUEUES) == [
        "('total', 30)", "empty after 0.1 s", "here True", "parent got ['hello', 42] False", "child got thanks",
        "b'raw bytes'", "Queue objects should only be shared between processes through inheritance",
    ]


AT_EXIT = """
    import multiprocessing, time

    def late():
        time.sleep(0.5)
        print("child done")

    if __name__ == "__main__":
        multiprocessing.Process(target=late).start()
        multiprocessing.Process(target=time.sleep, args=[60], daemon=True).start()
        print("main done")
"""


def test_at_exit_a_process_is_joined_and_a_daemon_one_terminated_as_in_cpython(greet):
    assert printed(greet, AT_EXIT) == ["main done", "child done"]
    assert printed(greet, RUNNING) == ["0"]


RUNNING = "import sys\n\nprint(sys.modules['live_snippets_processes'].host.runningProcesses())"

FOREVER = """
    import time
    from concurrent.futures import ProcessPoolExecutor

    def spin(n):
        while True:
            n += 1

    if __name__ == "__main__":
        with ProcessPoolExecutor(max_workers=2) as pool:
            print("mapping", flush=True)
            print(list(pool.map(spin, [1, 2])))
"""


def test_stop_during_a_pool_map_stops_the_children_and_leaves_none_behind(greet):
    greet.start(FOREVER.replace("\n    ", "\n").lstrip())
    greet.wait_for_output("mapping")
    greet.page.wait_for_timeout(500)  # the children compute
    greet.stop_button.click()
    assert greet.wait_until_done() == "stopped"
    text = [line.text for line in greet.lines()]
    # One Stop was enough: the pool's shutdown did not wait for children still computing (a second Stop would
    # interrupt that wait, "During handling of the above exception...").
    assert text[-1] == "KeyboardInterrupt" and text.count("KeyboardInterrupt") == 1, text
    assert printed(greet, RUNNING) == ["0"], "a child of the stopped run still runs"


def test_without_stack_switching_starting_a_process_says_why_it_cannot(shared_pages):
    snippet = snippet_named(shared_pages.get("without JSPI"), "01_greet.py")
    lines = printed(snippet, "import multiprocessing\n\nmultiprocessing.Process(target=print).start()")
    assert lines[-1].startswith("RuntimeError: can't start a process: this browser cannot switch between"), lines
    note = snippet.panel.locator(".snippet-note").last
    assert "limit of the Python in your browser" in note.inner_text()
