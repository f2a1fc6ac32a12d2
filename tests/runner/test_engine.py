"""The runner's engine: Stop, isolation between runs, and CPython's asyncio semantics in the browser.

Ad-hoc code is typed into the editor of a snippet on the test-only page A (tests/runner/conftest.py).
"""

from __future__ import annotations

import re
import time

import pytest

from live_snippets import cpython
from tests.runner.conftest import hide_jspi, snippet_named
from tests.runner.driver import snippets_on

STOP_LIMIT_SECONDS = 3

LOOPS = {
    "busy loop": 'print("started")\nwhile True:\n    pass\n',
    "awaiting loop": (
        "import asyncio\n\n\nasync def main():\n    print(\"started\")\n    await asyncio.sleep(100)\n\n\n"
        "asyncio.run(main())\n"
    ),
    "blocking sleep": 'import time\n\nprint("started")\ntime.sleep(100)\n',
}


def assert_responsive(page, limit_seconds: float = 0.5) -> None:
    """The page's main thread answers quickly."""
    started = time.perf_counter()
    page.evaluate("() => document.title")
    elapsed = time.perf_counter() - started
    assert elapsed < limit_seconds, f"the page took {elapsed:.2f} s to answer while a snippet ran"


@pytest.mark.parametrize("code", LOOPS.values(), ids=LOOPS.keys())
def test_stop_ends_a_run_within_3_seconds_and_the_next_run_works(greet_each_setup, code):
    greet, page = greet_each_setup, greet_each_setup.page
    greet.start(code)
    greet.wait_for_output("started")
    assert greet.state == "running"
    assert_responsive(page)
    stopped_at = time.perf_counter()
    greet.stop_button.click()
    end_state = greet.wait_until_done(timeout_ms=10_000)
    took = time.perf_counter() - stopped_at
    assert end_state == "stopped"
    assert took <= STOP_LIMIT_SECONDS, f"Stop took {took:.1f} s"
    assert "Stopped" in greet.status_text()
    assert greet.run('print("the next run works")') == "the next run works"


# In the page: how long from the click on Stop to data-state "stopped".
# Clicks Stop; resolves with [ms from the click to the run's end, the end state], or [null, state] after 20 s.
_TIME_STOP = """(el) => new Promise((resolve) => {
    const stop = el.querySelector("button.snippet-stop");
    let clicked = 0;
    stop.addEventListener("click", () => (clicked = performance.now()), { once: true, capture: true });
    const observer = new MutationObserver(() => {
        if (!["stopped", "finished", "failed"].includes(el.dataset.state)) return;
        observer.disconnect();
        resolve([performance.now() - clicked, el.dataset.state]);
    });
    observer.observe(el, { attributes: true, attributeFilter: ["data-state"] });
    setTimeout(() => (observer.disconnect(), resolve([null, el.dataset.state])), 20000);
    stop.click();
})"""


@pytest.mark.parametrize("code", [LOOPS["awaiting loop"], LOOPS["blocking sleep"]], ids=["awaiting", "time.sleep"])
def test_stop_wakes_a_sleeping_snippet_within_1_s_on_an_isolated_page_without_stack_switching(
    page, isolated_runner_site_url, code,
):
    hide_jspi(page.context)
    page.goto(isolated_runner_site_url + "runner-a/")
    assert page.evaluate("crossOriginIsolated")
    greet = snippet_named(page, "01_greet.py")
    snippets_on(page)
    greet.start(code)
    greet.wait_for_output("started")
    assert page.evaluate("() => window.liveSnippets.stackSwitching") is False
    took_ms, state = greet.root.evaluate(_TIME_STOP)
    assert state == "stopped", f"the run ended {state!r} ({greet.status_text()}); output:\n{greet.output()}"
    assert took_ms < 1000, f"Stop took {took_ms:.0f} ms; output:\n{greet.output()}"
    assert greet.output().splitlines()[-1] == "KeyboardInterrupt", greet.output()
    assert not greet.panel.locator(".snippet-note").count(), "the worker was replaced instead of woken"
    assert greet.run('print("the next run works")') == "the next run works"


def test_asyncio_run_works_with_and_without_stack_switching(greet_each_setup):
    assert greet_each_setup.run() == "hello from page A\ngoodbye from page A"


def test_globals_do_not_leak_between_runs(greet):
    greet.run("secret = 42\nimport json\n")
    assert greet.run('print("secret" in globals(), "json" in globals())') == "False False"


def test_tasks_left_over_by_a_run_are_cancelled(greet, count, page_a):
    leftover = """\
import asyncio


async def tick():
    while True:
        print("leftover tick")
        await asyncio.sleep(0.1)


async def main():
    asyncio.get_running_loop().create_task(tick())
    await asyncio.sleep(0.25)


asyncio.run(main())
"""
    ticks = greet.run(leftover)
    assert ticks and set(ticks.splitlines()) == {"leftover tick"}, ticks
    assert count.run("import asyncio\n\nasyncio.run(asyncio.sleep(0.5))\nprint('second')") == "second"
    assert greet.output() == ticks, "the first run's task kept printing"


def test_a_task_left_by_a_stopped_run_is_cancelled(greet, count, page_a):
    greet.start(
        "import asyncio\n\n\nasync def tick():\n    while True:\n        print('tick from the stopped run')\n"
        "        await asyncio.sleep(0.1)\n\n\nasync def main():\n    asyncio.create_task(tick())\n"
        "    await asyncio.sleep(100)\n\n\nasyncio.run(main())\n"
    )
    greet.wait_for_output("tick from the stopped run")
    greet.stop_button.click()
    assert greet.wait_until_done(timeout_ms=10_000) == "stopped"
    lines_when_stopped = len(greet.lines())
    assert count.run("import asyncio\n\nasyncio.run(asyncio.sleep(0.5))\nprint('next')") == "next"
    assert len(greet.lines()) == lines_when_stopped, "the stopped run kept printing"


def test_output_of_one_snippet_never_lands_in_another_panel(greet, count, page_a):
    greet.start(
        "import asyncio\n\n\nasync def main():\n    for _ in range(30):\n        print('from greet')\n"
        "        await asyncio.sleep(0.05)\n\n\nasyncio.run(main())\n"
    )
    greet.wait_for_output("from greet")
    count.start(
        "import asyncio\n\n\nasync def main():\n    for _ in range(10):\n        print('from count')\n"
        "        await asyncio.sleep(0.05)\n\n\nasyncio.run(main())\n"
    )
    count.wait_until_done()
    page_a.wait_for_timeout(300)
    assert set(count.output().splitlines()) == {"from count"}
    assert "from greet" in greet.output() and "from count" not in greet.output()


def test_stdout_and_stderr_stream_in_order_with_elapsed_times(greet, page_a):
    greet.start(
        "import sys, time\n\nprint('out 1')\nprint('err 1', file=sys.stderr)\nprint('out 2')\n"
        "time.sleep(1)\nprint('out after a second')\n"
    )
    greet.wait_for_output("out 2")
    assert "out after a second" not in greet.output(), "lines are not streamed as they are printed"
    greet.wait_until_done()
    lines = greet.lines()
    assert [(line.kind, line.text) for line in lines] == [
        ("snippet-stdout", "out 1"), ("snippet-stderr", "err 1"), ("snippet-stdout", "out 2"),
        ("snippet-stdout", "out after a second"),
    ]
    assert all(re.fullmatch(r"\d+\.\d\d", line.time or "") for line in lines), [line.time for line in lines]
    assert float(lines[0].time) < 0.5
    assert 0.9 <= float(lines[3].time) <= 1.5
    color = "(el) => getComputedStyle(el).color"
    stdout_line = greet.root.locator(".snippet-stdout .snippet-text").first
    stderr_line = greet.root.locator(".snippet-stderr .snippet-text").first
    assert stdout_line.evaluate(color) != stderr_line.evaluate(color), "stderr is not styled differently"
    assert re.fullmatch(r"Finished in \d+\.\d+ s", greet.status_text().strip()), greet.status_text()


def test_the_shared_helpers_are_importable(greet):
    output = greet.run("import asyncio\nfrom util import delay\n\nasyncio.run(delay(0.1))\n")
    assert output == "sleeping for 0.1 second(s)\nfinished sleeping for 0.1 second(s)"


def test_time_sleep_blocks_the_event_loop_as_in_cpython(greet_each_setup):
    greet = greet_each_setup
    code = """\
import asyncio
import time


async def ticker():
    for _ in range(3):
        print("tick")
        await asyncio.sleep(0.1)


async def main():
    task = asyncio.create_task(ticker())
    await asyncio.sleep(0)
    time.sleep(0.5)  # blocks: the ticker cannot tick meanwhile
    print("slept")
    await task


asyncio.run(main())
"""
    assert greet.run(code).splitlines() == ["tick", "slept", "tick", "tick"]


def test_nested_asyncio_run_raises_as_in_cpython(greet_each_setup):
    greet = greet_each_setup
    code = """\
import asyncio


async def inner():
    return 1


async def main():
    coroutine = inner()
    try:
        asyncio.run(coroutine)
    except RuntimeError as error:
        print(f"RuntimeError: {error}")
        coroutine.close()


asyncio.run(main())
"""
    assert greet.run(code) == "RuntimeError: asyncio.run() cannot be called from a running event loop"


# The time varies with the machine's load; the warning itself is the point.
SLOW_STEP = re.compile(r"^Executing <Task .*main\(\).*> took \d+\.\d{3} seconds$")


@pytest.mark.parametrize("code", [
    "import asyncio\nimport time\n\n\nasync def main():\n    time.sleep(0.25)\n\n\nasyncio.run(main(), debug=True)\n",
    "import asyncio\nimport time\n\n\nasync def main():\n    asyncio.get_running_loop().set_debug(True)\n"
    "    await asyncio.sleep(0)\n    time.sleep(0.25)\n\n\nasyncio.run(main())\n",
], ids=["run(debug=True)", "loop.set_debug(True)"])
def test_debug_mode_warns_about_a_slow_step(greet_each_setup, code):
    greet = greet_each_setup
    greet.run(code)
    stderr = [line.text for line in greet.lines() if line.kind == "snippet-stderr"]
    assert any(SLOW_STEP.match(line) for line in stderr), f"no slow-step warning on stderr: {stderr}"


def test_pythonasynciodebug_in_the_command_reaches_the_run(page_a):
    snippet = snippet_named(page_a, "04_debug_env.py")
    assert snippet.state == "idle", "a command's environment settings alone do not make a snippet local-only"
    assert snippet.root.get_attribute("data-env") == '{"PYTHONASYNCIODEBUG": "1"}'
    snippet.run()
    stderr = [line.text for line in snippet.lines() if line.kind == "snippet-stderr"]
    assert any(SLOW_STEP.match(line) for line in stderr), f"no slow-step warning on stderr: {stderr}"


def test_an_unretrieved_task_exception_is_reported_as_in_cpython(greet_each_setup):
    greet = greet_each_setup
    code = """\
import asyncio


async def fail():
    raise ValueError("lost")


async def main():
    asyncio.create_task(fail())
    await asyncio.sleep(0.1)


asyncio.run(main())
"""
    name = greet.file_name
    expected = f"""\
Task exception was never retrieved
future: <Task finished name='Task-2' coro=<fail() done, defined at {name}:4> exception=ValueError('lost')>
Traceback (most recent call last):
  File "{name}", line 5, in fail
    raise ValueError("lost")
ValueError: lost
"""
    actual = greet.run(code)
    assert cpython.outputs_match(expected, actual), cpython.diff(expected, actual, "CPython", "browser")


def test_tracebacks_show_only_the_readers_frames_with_their_lines(greet):
    code = """\
def inner():
    raise ValueError("boom")


def outer():
    inner()


outer()
"""
    name = greet.file_name
    expected = f"""\
Traceback (most recent call last):
  File "{name}", line 9, in <module>
    outer()
  File "{name}", line 6, in outer
    inner()
  File "{name}", line 2, in inner
    raise ValueError("boom")
ValueError: boom
"""
    actual = greet.run(code)
    assert cpython.outputs_match(expected, actual), cpython.diff(expected, actual, "CPython", "browser")
    assert not re.search(r"pyodide|_pyodide|<exec>|webloop|worker", actual, re.IGNORECASE), actual


def test_an_asyncio_traceback_shows_the_readers_frames(greet_each_setup):
    greet = greet_each_setup
    code = """\
import asyncio


async def main():
    await asyncio.sleep(0)
    raise RuntimeError("async boom")


asyncio.run(main())
"""
    name = greet.file_name
    expected = f"""\
Traceback (most recent call last):
  File "{name}", line 9, in <module>
    asyncio.run(main())
  File "{name}", line 6, in main
    raise RuntimeError("async boom")
RuntimeError: async boom
"""
    actual = greet.run(code)
    assert cpython.outputs_match(expected, actual), cpython.diff(expected, actual, "CPython", "browser")
    assert not re.search(r"pyodide|<exec>|webloop", actual, re.IGNORECASE), actual


def test_a_syntax_error_points_at_its_line(greet):
    name = greet.file_name
    expected = f"""\
  File "{name}", line 2
    x = = 1
        ^
SyntaxError: invalid syntax
"""
    actual = greet.run("print('never printed')\nx = = 1\n")
    assert cpython.outputs_match(expected, actual), cpython.diff(expected, actual, "CPython", "browser")
