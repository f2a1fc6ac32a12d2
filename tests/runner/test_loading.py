"""Loading Python: nothing before the reader's intent, once per tab across instant navigation, and a clear
failure with Retry when Pyodide cannot be fetched."""

from __future__ import annotations

import time

import pytest

from tests.runner.conftest import snippet_named
from tests.runner.driver import snippets_on
from tests.runner.test_parity import page_paths

# The files every Pyodide load fetches (the npm package's core files).
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")


def is_pyodide_file(url: str) -> bool:
    return url.split("?")[0].rsplit("/", 1)[-1] in PYODIDE_FILES


def record_requests(page) -> list[str]:
    """Every URL the page and its workers request from now on."""
    urls: list[str] = []
    page.context.on("request", lambda request: urls.append(request.url))
    return urls


def test_no_page_fetches_pyodide_before_the_reader_runs_something(page, site_url):
    urls = record_requests(page)
    for path in page_paths():
        page.goto(site_url + path, wait_until="networkidle")
        page.wait_for_timeout(300)
        fetched = [url for url in urls if is_pyodide_file(url)]
        assert not fetched, f"{path} fetched Pyodide before any Run: {fetched}"


def test_pyodide_is_fetched_on_the_first_run_and_not_before(page, runner_site_url):
    urls = record_requests(page)
    page.goto(runner_site_url + "runner-a/", wait_until="networkidle")
    greet = snippet_named(page, "01_greet.py")
    snippets_on(page)
    page.wait_for_timeout(500)
    assert not [url for url in urls if is_pyodide_file(url)]
    pyodide_url = page.evaluate("() => window.liveSnippets.pyodideUrl")
    assert greet.run() == "hello from page A\ngoodbye from page A"
    fetched = [url for url in urls if is_pyodide_file(url)]
    assert any(url.endswith("pyodide.asm.wasm") for url in fetched), urls
    assert all(url.startswith(page.url.split("/runner-a/")[0]) for url in fetched), "Pyodide came from another origin"
    assert all(url.startswith(pyodide_url) or not is_pyodide_file(url) for url in fetched), (pyodide_url, fetched)


def test_instant_navigation_reuses_the_loaded_python(page, runner_site_url):
    urls = record_requests(page)
    page.goto(runner_site_url + "runner-a/")
    greet = snippet_named(page, "01_greet.py")
    snippets_on(page)
    assert greet.run() == "hello from page A\ngoodbye from page A"
    page.evaluate("() => { window.keptAcrossNavigation = window.liveSnippets.worker; }")
    page.get_by_role("link", name="To page B").click()
    page.wait_for_url("**/runner-b/")
    assert page.evaluate("() => window.keptAcrossNavigation !== undefined"), "the navigation was not instant"
    on_page_b = snippet_named(page, "05_on_page_b.py")
    snippets_on(page)
    assert on_page_b.run() == "hello from page B"
    assert page.evaluate("() => window.liveSnippets.worker === window.keptAcrossNavigation"), "a new worker"
    wasm_requests = [url for url in urls if url.endswith("pyodide.asm.wasm")]
    assert len(wasm_requests) == 1, f"Python was loaded {len(wasm_requests)} times"
    page.go_back()
    page.wait_for_url("**/runner-a/")
    assert snippet_named(page, "02_count.py").run() == "count 1\ncount 2\ncount 3"
    assert len([url for url in urls if url.endswith("pyodide.asm.wasm")]) == 1


@pytest.mark.parametrize("failing", ["every Pyodide file", "pyodide.asm.wasm"])
def test_a_load_failure_explains_itself_and_retry_recovers(page, runner_site_url, failing):
    page.goto(runner_site_url + "runner-a/")
    greet, count = snippet_named(page, "01_greet.py"), snippet_named(page, "02_count.py")
    snippets_on(page)
    pyodide_url = page.evaluate("() => window.liveSnippets.pyodideUrl")
    blocked = (
        (lambda url: url.startswith(pyodide_url)) if failing == "every Pyodide file"
        else (lambda url: url.endswith("/pyodide.asm.wasm"))
    )
    page.context.route(blocked, lambda route: route.abort("internetdisconnected"))
    greet.start()
    assert greet.wait_until_done(timeout_ms=60_000) == "failed"
    assert greet.retry_button.is_visible()
    assert greet.retry_button.text_content().strip() == "Retry"
    status = greet.status_text()
    assert status.startswith("Failed") and len(status) > len("Failed: "), f"status {status!r} explains nothing"
    started = time.perf_counter()
    page.evaluate("() => document.title")
    assert time.perf_counter() - started < 0.5, "the page is not responsive after the failure"
    assert count.root.get_by_text("(a test-only snippet: output not recorded)").is_visible(), "another snippet changed"

    page.context.unroute(blocked)
    greet.watch_next_run()
    greet.retry_button.click()  # loads Python again and runs the snippet
    assert greet.wait_until_done(timeout_ms=60_000) == "finished"
    assert greet.output() == "hello from page A\ngoodbye from page A"
    assert not greet.retry_button.is_visible()
    assert count.run() == "count 1\ncount 2\ncount 3"


def test_a_second_run_pressed_while_python_loads_replaces_the_first(page_a):
    """One snippet runs at a time: Run on another snippet while Python loads stops the first (which never started)
    and runs the second once Python is there."""
    greet, count = snippet_named(page_a, "01_greet.py"), snippet_named(page_a, "02_count.py")
    greet.start()
    assert greet.state == "loading"
    count.start()
    assert greet.wait_until_done() == "stopped"
    assert count.wait_until_done() == "finished"
    assert count.output() == "count 1\ncount 2\ncount 3"
    assert greet.output() == "", "the replaced run printed"
