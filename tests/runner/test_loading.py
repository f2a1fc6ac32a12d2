"""Loading Python: nothing before the reader's intent, once per tab across instant navigation, and a clear
failure with Retry when Pyodide cannot be fetched."""

from __future__ import annotations

import mimetypes
import time

import pytest

from live_snippets.plugin import PYODIDE_FILES
from tests.conftest import ROOT, serve
from tests.runner.conftest import build_runner_site, snippet_named
from tests.runner.driver import snippets_on
from tests.runner.test_parity import page_paths

CDN = "https://pyodide.invalid/v314.0.7/full/"  # a Pyodide URL that only the test's route answers


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


def test_the_runner_loads_once_a_reader_shows_up_and_a_run_pressed_before_runs_then(page, runner_site_url):
    urls = record_requests(page)
    page.goto(runner_site_url + "runner-a/", wait_until="networkidle")
    page.wait_for_timeout(500)
    runner_files = [url for url in urls if "/assets/live-snippets/" in url or url.endswith("service-worker.js")]
    assert not runner_files, f"requested before a reader showed up: {runner_files}"
    greet = snippet_named(page, "01_greet.py")
    assert greet.run_button.is_visible() and greet.root.get_attribute("data-state") is None
    # The reader's first act is a press on Run (a click, no pointer before it): it is kept until the runner is there.
    before = greet.run_button.evaluate("""(run) => {
        run.click();
        const root = run.closest("div.snippet");
        return [root.dataset.state ?? null, root.querySelector(".snippet-status").textContent];
    }""")
    assert before == [None, "Starting…"]
    page.wait_for_function("(el) => el.dataset.state === 'finished'", arg=greet.root.element_handle(), timeout=90_000)
    assert greet.output() == "hello from page A\ngoodbye from page A"


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


def test_a_second_run_pressed_while_python_loads_replaces_the_first(fresh_page_a):
    """One snippet runs at a time: Run on another snippet while Python loads stops the first (which never started)
    and runs the second once Python is there."""
    greet, count = snippet_named(fresh_page_a, "01_greet.py"), snippet_named(fresh_page_a, "02_count.py")
    greet.start()
    assert greet.state == "loading"
    count.start()
    assert greet.wait_until_done() == "stopped"
    assert count.wait_until_done() == "finished"
    assert count.output() == "count 1\ncount 2\ncount 3"
    assert greet.output() == "", "the replaced run printed"


@pytest.fixture(scope="module")
def cdn_site_url(tmp_path_factory):
    """The test-only site built with the plugin's pyodide_url option set to CDN."""
    site = tmp_path_factory.mktemp("cdn-site")
    with serve(site) as url:
        build_runner_site(tmp_path_factory, url, site, f"plugins:\n  - live-snippets:\n      pyodide_url: {CDN}\n")
        assert not (site / "assets" / "pyodide").exists(), "Pyodide was copied although pyodide_url is set"
        yield url


def serve_pyodide_from_the_cdn(route):
    """Answer for the CDN from the installed npm package, with the CORS header a CDN sends."""
    name = route.request.url.split("?")[0].rsplit("/", 1)[-1]
    file = ROOT / "node_modules" / "pyodide" / name
    if not file.is_file():
        route.fulfill(status=404)
        return
    content_type = {".mjs": "text/javascript", ".wasm": "application/wasm"}.get(file.suffix) or mimetypes.guess_type(name)[0]
    route.fulfill(body=file.read_bytes(), headers={"Access-Control-Allow-Origin": "*", "Content-Type": content_type or "application/octet-stream"})


def test_the_pyodide_url_option_is_where_the_worker_loads_pyodide_from(page, cdn_site_url):
    page.context.route(CDN + "**", serve_pyodide_from_the_cdn)
    urls = record_requests(page)
    page.goto(cdn_site_url + "runner-a/")
    greet = snippet_named(page, "01_greet.py")
    snippets_on(page)
    assert page.evaluate("() => window.liveSnippets.pyodideUrl") == CDN
    assert greet.run() == "hello from page A\ngoodbye from page A"
    fetched = [url for url in urls if is_pyodide_file(url)]
    assert fetched and all(url.startswith(CDN) for url in fetched), fetched
