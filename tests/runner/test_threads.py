"""Threads in the page (live_snippets/assets/threads.py): what threading, queue, concurrent.futures and asyncio's
thread helpers print is what CPython prints, one thread running at a time as under the GIL.

Ad-hoc code goes into the first snippet of the shared test page A (tests/runner/conftest.py), with stack switching.
"""

from __future__ import annotations

import re

import pytest

from tests.runner.conftest import snippet_named
from tests.runner.test_gaps import run


@pytest.fixture
def greet(shared_pages):
    return snippet_named(shared_pages.get("with JSPI"), "01_greet.py")


def printed(snippet, code: str) -> list[str]:
    return [text for _, text in run(snippet, code)]


NAMES = """
    import threading

    def work():
        me = threading.current_thread()
        print(me.name, threading.active_count(), me.ident != threading.main_thread().ident, me.daemon)

    for number in range(3):
        thread = threading.Thread(target=work)
        thread.start()
        thread.join()
    print(threading.current_thread().name, threading.active_count(), thread.is_alive(), repr(thread)[:26])
    print(len({threading.get_ident(), threading.get_native_id()}), threading.enumerate() == [threading.main_thread()])
"""


def test_threads_are_named_and_counted_as_in_cpython_and_each_run_starts_again_at_thread_1(greet):
    expected = ["Thread-1 (work) 2 True False", "Thread-2 (work) 2 True False", "Thread-3 (work) 2 True False",
                "MainThread 1 False <Thread(Thread-3 (work), s", "2 True"]
    assert printed(greet, NAMES) == expected
    assert printed(greet, NAMES) == expected, "the second run numbers its threads from 1 again"


PREEMPTED = """
    import sys, threading, time

    stop = threading.Event()
    turns = []

    def spin():
        while not stop.is_set():
            pass
        print("spinner stopped")

    spinner = threading.Thread(target=spin)
    started = time.perf_counter()
    spinner.start()
    for _ in range(3):
        t = time.perf_counter()
        sum(range(20_000))  # CPU-bound in the main thread too
        turns.append(time.perf_counter() - t)
    time.sleep(0.1)
    stop.set()
    spinner.join()
    print("main ran while a thread spun:", time.perf_counter() - started < 1)
    print(sys.getswitchinterval())
"""


def test_a_thread_that_never_waits_is_preempted_so_main_runs(greet):
    assert printed(greet, PREEMPTED) == ["spinner stopped", "main ran while a thread spun: True", "0.005"]


def test_two_cpu_bound_threads_take_turns_every_switch_interval(greet):
    lines = printed(greet, """
        import threading, time

        turns = []  # (thread, when its turn began)
        steps = 0

        def count(name):
            global steps
            for _ in range(300_000):
                steps += 1
                if turns[-1][0] != name:
                    turns.append((name, time.perf_counter()))

        turns.append(("main", time.perf_counter()))
        threads = [threading.Thread(target=count, args=[n]) for n in "ab"]
        for t in threads: t.start()
        for t in threads: t.join()
        lengths = sorted(b[1] - a[1] for a, b in zip(turns[1:], turns[2:]))
        print(len(turns) > 5, len(turns) < steps / 1000, lengths[len(lengths) // 2] >= 0.0025)
    """)
    # They interleave, in turns of thousands of steps, of about the switch interval (the median at least half of
    # it: a thread's last turn is cut short when it ends).
    assert lines == ["True True True"]


LOCK_EVENT_QUEUE = """
    import queue, threading

    items = queue.Queue(maxsize=2)
    lock = threading.Lock()
    done = threading.Event()
    total = 0

    def produce():
        for number in range(1, 6):
            items.put(number)  # blocks while the queue is full
        items.put(None)

    def consume():
        global total
        while (item := items.get()) is not None:
            with lock:
                total += item
        done.set()

    threads = [threading.Thread(target=produce), threading.Thread(target=consume)]
    for thread in threads:
        thread.start()
    print("done:", done.wait(timeout=5), "total:", total, "lock held:", lock.locked())
    print("timed out:", not threading.Event().wait(0.05), not lock.acquire(timeout=0.01) if lock.acquire() else None)
    condition = threading.Condition()
    with condition:
        print("notified:", condition.wait(timeout=0.01))
    barrier = threading.Barrier(2)
    waiter = threading.Thread(target=barrier.wait)
    waiter.start()
    print("barrier:", barrier.wait() in (0, 1))
"""


def test_lock_event_condition_barrier_and_a_queue_between_producer_and_consumer(greet):
    assert printed(greet, LOCK_EVENT_QUEUE) == [
        "done: True total: 15 lock held: False", "timed out: True True", "notified: False", "barrier: True"]


def test_a_thread_pool_with_as_completed_and_map(greet):
    lines = printed(greet, """
        import time
        from concurrent.futures import ThreadPoolExecutor, as_completed

        running = most = 0

        def job(seconds):
            global running, most
            running += 1
            most = max(most, running)
            time.sleep(seconds)
            running -= 1
            return seconds

        with ThreadPoolExecutor(max_workers=3) as pool:
            futures = [pool.submit(job, s) for s in (0.3, 0.1, 0.2)]
            print([f.result() for f in as_completed(futures)])
            print(list(pool.map(job, [0.1, 0.1, 0.1, 0.1])), "at once:", most)
    """)
    assert lines == ["[0.1, 0.2, 0.3]", "[0.1, 0.1, 0.1, 0.1] at once: 3"]


def test_to_thread_and_run_in_executor_keep_the_loop_responsive(greet):
    lines = printed(greet, """
        import asyncio, time

        sleeping = []

        def blocking(seconds):
            sleeping.append(seconds)
            time.sleep(seconds)
            sleeping.remove(seconds)
            return seconds

        async def ticker():
            for _ in range(4):
                print("tick while sleeping:", sorted(sleeping))
                await asyncio.sleep(0.05)

        async def main():
            loop = asyncio.get_running_loop()
            results = await asyncio.gather(asyncio.to_thread(blocking, 0.5), loop.run_in_executor(None, blocking, 0.4),
                                           ticker())
            print(results[:2])

        asyncio.run(main())
    """)
    # the loop ticks on while both threads sleep (whether they had begun at the first tick is up to the scheduler)
    assert lines[1:] == ["tick while sleeping: [0.4, 0.5]"] * 3 + ["[0.5, 0.4]"]


def test_call_soon_threadsafe_and_run_coroutine_threadsafe_wake_the_loop(greet):
    lines = printed(greet, """
        import asyncio, threading, time

        async def double(x):
            await asyncio.sleep(0.01)
            return 2 * x

        def worker(loop, future):
            time.sleep(0.2)
            loop.call_soon_threadsafe(future.set_result, "woken")
            print("worker got", asyncio.run_coroutine_threadsafe(double(21), loop).result(timeout=5))

        async def main():
            loop = asyncio.get_running_loop()
            future = loop.create_future()
            thread = threading.Thread(target=worker, args=[loop, future])
            start = time.perf_counter()
            thread.start()
            print(await future, f"{time.perf_counter() - start:.1f} s")  # the loop waits with no timer due
            await asyncio.to_thread(thread.join)

        asyncio.run(main())
    """)
    woken, worker = lines  # woken no sooner than the thread woke it (a busy machine may print 0.3 s: no upper bound)
    assert woken.startswith("woken ") and float(woken.split()[1]) >= 0.2, lines
    assert worker == "worker got 42", lines


def test_an_exception_in_a_thread_is_reported_by_excepthook_as_in_cpython(greet):
    lines = printed(greet, """
        import threading

        def fail():
            raise ValueError("boom")

        thread = threading.Thread(target=fail, name="failing")
        thread.start()
        thread.join()
        print("main goes on")
    """)
    assert lines[0] == "Exception in thread failing:"
    assert lines[1] == "Traceback (most recent call last):"
    assert [line for line in lines if line.startswith("  File")][-1] == '  File "01_greet.py", line 4, in fail'
    assert lines[-2:] == ["ValueError: boom", "main goes on"]
    assert not any("live_snippets" in line or "threads.py" in line for line in lines)


def test_a_hundred_threads_and_thread_local_data(greet):
    lines = printed(greet, """
        import threading, time

        local = threading.local()
        everyone = threading.Barrier(100)  # lets them on only once all 100 are alive at the same time
        seen = []

        def work(number):
            local.number = number
            everyone.wait()
            time.sleep(0.05)
            seen.append(local.number == number)

        threads = [threading.Thread(target=work, args=[n]) for n in range(100)]
        for t in threads: t.start()
        for t in threads: t.join()
        print(len(seen), all(seen), threading.active_count())
    """)
    assert lines == ["100 True 1"]


def test_a_daemon_thread_left_running_ends_with_the_program_and_prints_nothing_more(greet):
    lines = printed(greet, """
        import threading, time

        def forever():
            while True:
                time.sleep(0.01)
                print("still here")

        threading.Thread(target=forever, daemon=True).start()
        time.sleep(0.035)
        print("main ends")
    """)
    assert lines[-1] == "main ends" and 2 <= lines.count("still here") <= 4
    assert printed(greet, "import threading\nprint(threading.active_count())") == ["1"]


@pytest.mark.parametrize("setup", ["with JSPI", "cross-origin isolated"])
def test_stop_during_join_interrupts_the_main_thread_and_ends_every_thread(shared_pages, setup):
    """Stop by message, and where the page is cross-origin isolated by SIGINT too, which the busy thread must not take."""
    greet = snippet_named(shared_pages.get(setup), "01_greet.py")
    greet.start("""import threading, time

def busy():
    while True:
        pass

thread = threading.Thread(target=busy, daemon=True)
thread.start()
print("joining")
thread.join()
""")
    greet.wait_for_output("joining")
    greet.stop_button.click()
    assert greet.wait_until_done(timeout_ms=10_000) == "stopped"
    texts = [line.text for line in greet.lines()]
    assert texts[-1] == "KeyboardInterrupt"
    # raised in the main thread, where it waited, as CPython delivers SIGINT; not in the busy thread
    assert '  File "01_greet.py", line 10, in <module>' in texts and not any("Exception in thread" in t for t in texts)
    assert printed(greet, "import threading\nprint(threading.active_count())") == ["1"]


def test_without_stack_switching_starting_a_thread_says_why_it_cannot(shared_pages):
    snippet = snippet_named(shared_pages.get("without JSPI"), "01_greet.py")
    lines = printed(snippet, "import threading\nthreading.Thread(target=print).start()")
    assert lines[-1].startswith("RuntimeError: can't start new thread: this browser cannot switch between")
    assert re.search(r"run this snippet on your machine", lines[-1])


def test_process_time_counts_computing_not_waiting_as_in_cpython(greet):
    lines = printed(greet, """
        import threading, time

        def spin(n):
            while n:
                n -= 1

        cpu, wall = time.process_time(), time.perf_counter()
        time.sleep(0.2)
        thread = threading.Thread(target=time.sleep, args=[0.2])
        thread.start()
        thread.join()
        print("waiting:", time.process_time() - cpu < 0.1)
        cpu, wall = time.process_time(), time.perf_counter()
        spin(500_000)
        print("computing:", time.process_time() - cpu > (time.perf_counter() - wall) / 2)
    """)
    assert lines == ["waiting: True", "computing: True"]
