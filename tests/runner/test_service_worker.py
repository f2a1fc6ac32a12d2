"""The site's service worker (live_snippets/assets/service-worker/, offline.js), against the test-only site served
with no special header, as GitHub Pages serves it: the next page is cross-origin isolated, the site works offline
after one visit and one Run, a new build replaces the old cache, Stop on busy code keeps Python loaded, input()
reads typed lines, nothing is requested from another origin, and a browser without service workers works as before.

Each test serves its own copy of the site (its own origin, so that no other test's worker is there), in a browser
context of its own (contexts keep their service workers apart).
"""

from __future__ import annotations

import contextlib
import reprlib
import shutil
import socketserver
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import _QuietHandler, free_port, serve
from tests.runner.conftest import build_runner_site, snippet_named
from tests.runner.driver import snippets_on

OFFLINE_STATUS = ".live-snippets-offline"
CONTROLLED = "() => Boolean(navigator.serviceWorker && navigator.serviceWorker.controller)"
BUSY_LOOP = 'print("started")\nwhile True:\n    pass\n'
BUSY_TASK = (
    "import asyncio\n\n\nasync def spin():\n    print(\"started\")\n    while True:\n        pass\n\n\n"
    "async def main():\n    await asyncio.create_task(spin())\n\n\nasyncio.run(main())\n"
)
TWO_LINES = "name = input('Name? ')\nage = input()\nprint(f'{name} is {age}')\n"

# In the page: the cache names and how many files each holds, and what the origin stores in all.
CACHES = """async () => {
    const out = {};
    for (const name of await caches.keys()) out[name] = (await (await caches.open(name)).keys()).length;
    return out;
}"""


@pytest.fixture
def port():
    return free_port()


@pytest.fixture
def site(tmp_path_factory, port):
    """The test-only site built for this test's own origin (its site_url names the port: Material's instant
    navigation follows only the links its sitemap lists)."""
    folder = tmp_path_factory.mktemp("sw") / "site"
    build_runner_site(tmp_path_factory, f"http://127.0.0.1:{port}/", folder)
    return folder


@contextlib.contextmanager
def served(folder: Path, port: int, handler_class=_QuietHandler):
    with serve(folder, handler_class, port=port) as url:
        yield url


class _SlowPageA(_QuietHandler):
    """Answers page A's document only after delay_s seconds (a slow network), and says that it must be asked again
    each time (so that the browser's HTTP cache does not answer for it)."""

    delay_s = 0.0

    def do_GET(self):  # noqa: N802 - the base class's name
        if self.path.endswith("/runner-a/"):
            time.sleep(self.delay_s)
        super().do_GET()

    def end_headers(self):
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()


@pytest.fixture
def context(browser):
    context = browser.new_context()
    yield context
    context.close()


def open_controlled(context, url: str):
    """A first visit to page A, until the service worker controls the page."""
    page = context.new_page()
    page.goto(url + "runner-a/")
    snippets_on(page)
    page.wait_for_function(CONTROLLED, timeout=20_000)
    return page


def open_isolated(context, url: str):
    """Page A loaded a second time, through the service worker: cross-origin isolated. Its greet snippet."""
    page = open_controlled(context, url)
    page.goto(url + "runner-a/")
    assert page.evaluate("crossOriginIsolated") is True
    snippets_on(page)
    return snippet_named(page, "01_greet.py")


class _HangUp(socketserver.BaseRequestHandler):
    def handle(self):  # the connection is closed unanswered
        pass


class _HangUpServer(socketserver.ThreadingTCPServer):
    allow_reuse_address = True  # the port's last connections are still closing
    daemon_threads = True


@contextlib.contextmanager
def unanswered(port: int):
    """The port held by a server that hangs up on every connection: requests fail there as with no network, and no
    other test's server can listen on it."""
    with _HangUpServer(("127.0.0.1", port), _HangUp) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield
        finally:
            server.shutdown()


def poll(page, expression: str, done, timeout_s: float = 30):
    """The value of an expression evaluated in the page once done(value) is true. Cache Storage answers only with
    promises, and wait_for_function does not wait for one (an async expression is true at once): polled here."""
    deadline = time.monotonic() + timeout_s
    while not done(value := page.evaluate(expression)):
        assert time.monotonic() < deadline, f"{expression} stayed {reprlib.repr(value)}"
        page.wait_for_timeout(200)
    return value


def wait_for_caches(page, done) -> dict:
    """The page's caches once done(their names) is true. The poll reads names only: opening a cache to count its
    files creates it again if the service worker has just deleted it (a run under load saw the deleted cache come
    back, empty, and the wait never end)."""
    poll(page, "caches.keys()", done)
    return page.evaluate(CACHES)


def wait_for_status(page, text: str) -> str:
    page.wait_for_function(
        "(text) => document.querySelector('.live-snippets-offline')?.textContent.includes(text)", arg=text,
        timeout=60_000,
    )
    return page.locator(OFFLINE_STATUS).text_content()


def test_the_first_visit_is_not_isolated_and_the_next_page_is(context, site, port):
    with served(site, port) as url:
        page = open_controlled(context, url)
        assert page.evaluate("crossOriginIsolated") is False, "the first visit came before the service worker"
        page.get_by_role("link", name="To page B").click()  # Material's instant navigation would keep the document
        page.wait_for_url("**/runner-b/")
        snippets_on(page)
        assert page.evaluate("crossOriginIsolated") is True, "the next page did not load through the service worker"
        page.goto(url + "runner-a/")
        assert page.evaluate("crossOriginIsolated") is True


def test_a_page_with_python_loaded_keeps_instant_navigation(context, site, port):
    with served(site, port) as url:
        page = open_controlled(context, url)
        greet = snippet_named(page, "01_greet.py")
        assert greet.run('print("loaded")') == "loaded"
        page.evaluate("() => (window.__sameDocument = true)")
        page.get_by_role("link", name="To page B").click()
        page.wait_for_url("**/runner-b/")
        snippets_on(page)
        assert page.evaluate("() => window.__sameDocument") is True, "a full load threw the loaded Python away"


def test_offline_after_one_visit_and_one_run(context, site, port):
    with served(site, port) as url:
        page = open_controlled(context, url)
        greet = snippet_named(page, "01_greet.py")
        assert greet.run() == "hello from page A\ngoodbye from page A"
        status = wait_for_status(page, "and Python")
        assert "offline" in status.lower()
        page.get_by_role("link", name="To page B").click()
        page.wait_for_url("**/runner-b/")
        snippets_on(page)
        page.wait_for_load_state("networkidle")  # nothing of page B's still on its way when the network goes
    # The server is gone, and the browser is offline too. Playwright's offline mode does not reach the service
    # worker, whose requests still go to the port: what holds it now hangs up on them.
    with unanswered(port):
        context.set_offline(True)
        page.goto(url + "runner-a/")
        greet = snippet_named(page, "01_greet.py")
        snippets_on(page)
        assert page.evaluate("crossOriginIsolated") is True
        assert greet.run() == "hello from page A\ngoodbye from page A"
        # Material's instant navigation to a page visited before, and its palette toggle, offline.
        page.evaluate("() => (window.__sameDocument = true)")
        page.get_by_role("link", name="To page B").click()
        page.wait_for_url("**/runner-b/")
        assert snippet_named(page, "05_on_page_b.py").run() == "hello from page B"
        assert page.evaluate("() => window.__sameDocument") is True, "offline, instant navigation fell back to a full load"
        scheme = page.evaluate("document.body.dataset.mdColorScheme")
        page.locator("form[data-md-component=palette] label:visible").first.click()
        assert page.evaluate("document.body.dataset.mdColorScheme") != scheme
        # Search, offline: Material's search worker and its index come from the cache.
        page.keyboard.press("s")
        page.keyboard.type("page B")
        page.wait_for_selector(".md-search-result__item", timeout=20_000)
        # A page never visited says so, instead of the browser's error page.
        response = page.goto(url + "404.html")
        assert response.status == 503 and "not kept" in page.content()


def test_on_a_slow_network_a_kept_page_shows_from_the_cache(context, site, port):
    handler = type("SlowPageA", (_SlowPageA,), {})
    with served(site, port, handler) as url:
        page = open_controlled(context, url)
        kept_a = f"async () => (await caches.match({url + 'runner-a/'!r}))?.text() ?? ''"
        assert "</article>" in poll(page, kept_a, lambda text: text)  # page A is kept (the first visit's copy)
        index = site / "runner-a" / "index.html"
        index.write_text(index.read_text().replace("</article>", "<p>NEWER COPY</p></article>", 1))
        handler.delay_s = 8  # more than the worker's wait for the network (3 s)
        page.goto(url + "runner-a/")
        assert page.evaluate("crossOriginIsolated") is True
        assert "NEWER COPY" not in page.content(), "the worker waited for the slow network"
        # The network's late answer is kept for the next visit.
        poll(page, kept_a, lambda text: "NEWER COPY" in text)


def test_a_new_build_replaces_the_old_cache(context, site, port, tmp_path_factory):
    with served(site, port) as url:
        page = open_controlled(context, url)
        assert snippet_named(page, "01_greet.py").run('print("built once")') == "built once"
        wait_for_status(page, "and Python")
        before = page.evaluate(CACHES)
        old_site = [name for name in before if name.startswith("live-snippets-site-")]
        assert len(old_site) == 1, before
        # A new build whose runner differs (its helpers), served in place of the old one.
        rebuilt = tmp_path_factory.mktemp("rebuilt") / "site"
        build_runner_site(tmp_path_factory, url, rebuilt, extra_config="plugins:\n  - search\n  - live-snippets:\n      helpers: []\n")
        shutil.rmtree(site)
        shutil.copytree(rebuilt, site)
        page.goto(url + "runner-a/")
        wait_for_caches(page, lambda names: old_site[0] not in names)  # the new build's worker deleted it
        page.reload()
        snippets_on(page)
        after = wait_for_caches(page, lambda names: any(name.startswith("live-snippets-site-") for name in names))
        python = [name for name in after if name.startswith("live-snippets-python-")]
        assert python and after[python[0]] == before[python[0]], "Pyodide (same version) is kept, not fetched again"
        helpers = snippet_named(page, "01_greet.py").run("import os\nprint(sorted(os.listdir('/home/pyodide/snippets')))")
        assert "util.py" not in helpers, f"the old build's runner files are still in use: {helpers}"


def test_stop_on_busy_code_keeps_python_loaded(context, site, port):
    with served(site, port) as url:
        greet = open_isolated(context, url)
        page = greet.page
        assert greet.run('print("loaded")') == "loaded"
        page.evaluate("() => (window.__worker = window.liveSnippets.worker)")
        for code in (BUSY_LOOP, BUSY_TASK):
            greet.start(code)
            greet.wait_for_output("started")
            greet.stop_button.click()
            assert greet.wait_until_done(timeout_ms=10_000) == "stopped"
            assert greet.output().splitlines()[-1] == "KeyboardInterrupt", greet.output()
            assert not greet.panel.locator(".snippet-note").count(), "Python was restarted to stop the run"
            assert page.evaluate("() => window.liveSnippets.worker === window.__worker"), "Python was reloaded"
            assert greet.run('print("next")') == "next"


def test_input_reads_two_typed_lines_and_stop_ends_a_wait(context, site, port):
    with served(site, port) as url:
        greet = open_isolated(context, url)
        page = greet.page
        greet.start(TWO_LINES)
        field = greet.panel.locator("input.snippet-input-field")
        for typed in ("Ann", "7"):
            field.wait_for(timeout=60_000)
            assert field.evaluate("(el) => el === document.activeElement"), "the focus did not move to the field"
            assert field.get_attribute("aria-label").startswith("Input for 01_greet.py")
            page.keyboard.type(typed)
            page.keyboard.press("Enter")
        assert greet.wait_until_done(timeout_ms=10_000) == "finished"
        texts = [line.text for line in greet.lines()]
        assert texts == ["Name? Ann", "7", "Ann is 7"], texts
        # Stop while the program waits: KeyboardInterrupt at the input() call, Python kept.
        greet.start("input('Waiting: ')\nprint('never')\n")
        field.wait_for(timeout=10_000)
        greet.stop_button.click()
        assert greet.wait_until_done(timeout_ms=10_000) == "stopped"
        assert greet.output().splitlines()[-1] == "KeyboardInterrupt", greet.output()
        assert not field.count()
        assert greet.run('print("after")') == "after"
        # sys.stdin reads the typed lines too, to Ctrl+D, as from a terminal.
        greet.start("import sys\nfor line in sys.stdin:\n    print(line.upper(), end='')\nprint('end')\n")
        for typed in ("a", "b", None):
            field.wait_for(timeout=10_000)
            if typed is None:
                page.keyboard.press("Control+d")
            else:
                page.keyboard.type(typed)
                page.keyboard.press("Enter")
                greet.wait_for_output(typed.upper())
        assert greet.wait_until_done(timeout_ms=10_000) == "finished"
        assert [line.text for line in greet.lines()] == ["a", "A", "b", "B", "end"]


def test_nothing_is_requested_from_another_origin(context, site, port):
    with served(site, port) as url:
        page = open_controlled(context, url)
        page.goto(url + "runner-a/")
        snippets_on(page)
        assert snippet_named(page, "01_greet.py").run('print("ran")') == "ran"
        wait_for_status(page, "and Python")
        entries = "() => performance.getEntriesByType('resource').map((entry) => entry.name)"
        urls = page.evaluate(entries)
        for worker in page.workers:
            urls += worker.evaluate(entries)
        assert context.service_workers, "no service worker to ask"
        for worker in context.service_workers:
            urls += worker.evaluate(entries)
        origin = url.rstrip("/")
        foreign = sorted({u for u in urls if not u.startswith((origin + "/", "data:", "blob:"))})
        assert not foreign, f"requests to other origins: {foreign}"


def test_without_service_workers_the_site_works_as_before(browser, site, port):
    context = browser.new_context()
    context.add_init_script("delete Navigator.prototype.serviceWorker;")
    try:
        with served(site, port) as url:
            page = context.new_page()
            errors = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.on("console", lambda message: message.type == "error" and errors.append(message.text))
            page.goto(url + "runner-a/")
            snippets_on(page)
            assert page.evaluate("'serviceWorker' in navigator") is False
            page.get_by_role("link", name="To page B").click()
            page.wait_for_url("**/runner-b/")
            assert snippet_named(page, "05_on_page_b.py").run() == "hello from page B"
            assert page.evaluate("crossOriginIsolated") is False
            assert not page.locator(OFFLINE_STATUS).count()
            assert errors == []
    finally:
        context.close()


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_axe_finds_nothing_on_the_offline_status_and_the_input_field(browser, site, port, palette):
    from tests.quality.test_accessibility import axe_violations

    context = browser.new_context(color_scheme=palette, viewport={"width": 390, "height": 844})
    try:
        with served(site, port) as url:
            greet = open_isolated(context, url)
            page = greet.page
            greet.start("input('Your name? ')\n")
            greet.panel.locator("input.snippet-input-field").wait_for(timeout=60_000)
            wait_for_status(page, "and Python")
            assert page.locator(OFFLINE_STATUS).is_visible()
            violations = axe_violations(page)
            assert not violations, "\n".join(violations)
            greet.stop_button.click()
            greet.wait_until_done(timeout_ms=10_000)
    finally:
        context.close()
