"""Fixtures for the runner's browser tests: a test-only site (two pages of known snippets) built from the real
configuration, and pages opened on it."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from tests.conftest import ROOT, _QuietHandler, build_site, built_once, free_port, serve
from tests.runner.driver import BUSY_STATES, LiveSnippet, runnable_snippets, snippets_on

# The test-only site: pages and snippets written here, built with the project's mkdocs.yml (inherited), so the
# runner under test is the real one. None of it goes into docs/ or snippets/.
TEST_SNIPPETS = {
    "runner/01_greet.py": """
        import asyncio


        async def main() -> None:
            print("hello from page A")
            await asyncio.sleep(0.2)
            print("goodbye from page A")


        asyncio.run(main())
    """,
    "runner/02_count.py": """
        for number in range(1, 4):
            print(f"count {number}")
    """,
    "runner/03_threads.py": """
        # run: python -X dev 03_threads.py
        # local-only: starts a thread, which a browser cannot
        import threading

        thread = threading.Thread(target=print, args=("hello from a thread",))
        thread.start()
        thread.join()
    """,
    "runner/04_debug_env.py": """
        # run: PYTHONASYNCIODEBUG=1 python 04_debug_env.py
        import asyncio
        import time


        async def main() -> None:
            time.sleep(0.25)  # blocks the event loop: debug mode reports the slow step


        asyncio.run(main())
    """,
    "runner/05_on_page_b.py": """
        print("hello from page B")
    """,
}
TEST_PAGES = {
    "runner-a.md": """
        # Runner test page A

        ::: snippet runner/01_greet.py

        ::: snippet runner/02_count.py

        ::: snippet runner/03_threads.py

        ::: snippet runner/04_debug_env.py

        [To page B](runner-b.md)
    """,
    "runner-b.md": """
        # Runner test page B

        ::: snippet runner/05_on_page_b.py

        [Back to page A](runner-a.md)
    """,
}
TEST_CONFIG = f"""
INHERIT: {ROOT / "mkdocs.yml"}
docs_dir: docs
nav:
  - Page A: runner-a.md
  - Page B: runner-b.md
"""


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")


def build_runner_site(tmp_path_factory, url: str, site: Path, extra_config: str = "") -> None:
    """Build the test-only site into site, to be served at url (extra_config: more mkdocs.yml lines)."""
    project = tmp_path_factory.mktemp("runner-project")
    for name in ("overrides", "node_modules", "live_snippets"):
        (project / name).symlink_to(ROOT / name)
    shutil.copytree(ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns("*.md"))  # assets, CSS
    (project / "snippets").mkdir()
    shutil.copy(ROOT / "snippets" / "util.py", project / "snippets" / "util.py")
    for path, code in TEST_SNIPPETS.items():
        _write(project / "snippets" / path, code)
        _write(project / "snippets" / path.replace(".py", ".out"), "(a test-only snippet: output not recorded)\n")
    for name, markdown in TEST_PAGES.items():
        _write(project / "docs" / name, markdown)
    _write(project / "mkdocs.yml", TEST_CONFIG + textwrap.dedent(extra_config))
    result = build_site(site, "--config-file", str(project / "mkdocs.yml"), env={"SITE_URL": url})
    assert result.returncode == 0, f"building the test-only site failed:\n{result.stderr}"


@pytest.fixture(scope="session")
def runner_site(tmp_path_factory):
    """(folder, URL) of the test-only site, built once per test run with `mkdocs build --strict` and served by
    each test process at the same address. Its site_url is that address, port included: Material's instant
    navigation only follows links its sitemap lists."""

    def build(folder: Path) -> None:
        port = free_port()
        (folder / "site").mkdir()
        build_runner_site(tmp_path_factory, f"http://127.0.0.1:{port}/", folder / "site")
        (folder / "port").write_text(str(port), encoding="utf-8")

    folder = built_once(tmp_path_factory, "runner-site", build)
    with serve(folder / "site", port=int((folder / "port").read_text(encoding="utf-8"))) as url:
        yield folder / "site", url


@pytest.fixture(scope="session")
def runner_site_url(runner_site) -> str:
    return runner_site[1]


class _CrossOriginIsolating(_QuietHandler):
    """Sends the headers that make a page cross-origin isolated, which gives Pyodide an interrupt buffer."""

    def end_headers(self):
        self.send_header("Cross-Origin-Opener-Policy", "same-origin")
        self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
        super().end_headers()


@pytest.fixture(scope="session")
def isolated_runner_site_url(runner_site) -> str:
    """The test-only site again, served cross-origin isolated."""
    with serve(runner_site[0], _CrossOriginIsolating) as url:
        yield url


@pytest.fixture
def fresh_page_a(page, runner_site_url):
    """Test page A, just opened (in a new browser context) and enhanced by the runner: Python not loaded yet."""
    page.goto(runner_site_url + "runner-a/")
    snippets_on(page)
    return page


SETUPS = ("with JSPI", "without JSPI", "cross-origin isolated")


class SharedPages:
    """One page A per setup and test process, kept open with Python loaded, for the tests whose subject is not a
    fresh page: each test gets it back with no run going, every snippet reset and nothing focused."""

    def __init__(self, browser, urls: dict[str, str]):
        self.browser, self.urls, self.pages = browser, urls, {}

    def get(self, setup: str):
        page = self.pages.get(setup)
        if page is None or page.is_closed():
            page = self.pages[setup] = self.open(setup)
        elif not page.url.endswith("/runner-a/"):
            page.goto(self.urls[setup] + "runner-a/")
        snippets_on(page)
        for snippet in runnable_snippets(page):
            if snippet.state in BUSY_STATES:
                snippet.watch_next_run()
                snippet.stop_button.click()
                snippet.wait_until_done(timeout_ms=10_000)
            if snippet.state != "idle" or snippet.editor.count():
                snippet.reset_button.click()
                page.wait_for_function("(el) => el.dataset.state === 'idle'", arg=snippet.root.element_handle())
        page.mouse.move(0, 0)
        page.evaluate("() => document.activeElement?.blur()")
        return page

    def open(self, setup: str):
        context = self.browser.new_context(service_workers="block")  # the first visit's setup (test_service_worker.py)
        if setup == "without JSPI":
            hide_jspi(context)
        page = context.new_page()
        page.goto(self.urls[setup] + "runner-a/")
        assert page.evaluate("crossOriginIsolated") == (setup == "cross-origin isolated")
        snippets_on(page)
        if setup == "without JSPI":
            check = snippet_named(page, "02_count.py").run("import js\n\nprint(hasattr(js.WebAssembly, 'Suspending'))")
            assert check == "False", f"JSPI is still there: {check!r}"
        return page

    def close(self):
        for page in self.pages.values():
            page.context.close()


@pytest.fixture(scope="session")
def shared_pages(browser, runner_site_url, isolated_runner_site_url):
    urls = {"with JSPI": runner_site_url, "without JSPI": runner_site_url, "cross-origin isolated": isolated_runner_site_url}
    pages = SharedPages(browser, urls)
    yield pages
    pages.close()


@pytest.fixture
def page_a(shared_pages):
    """Test page A with Python loaded, shared by the tests of this process (see SharedPages)."""
    return shared_pages.get("with JSPI")


def snippet_named(page, file_name: str) -> LiveSnippet:
    return LiveSnippet(page, page.locator(f'div.snippet[data-snippet$="/{file_name}"]'))


@pytest.fixture
def greet(page_a) -> LiveSnippet:
    """The first snippet of page A (runner/01_greet.py): runnable, its editor used for ad-hoc code."""
    return snippet_named(page_a, "01_greet.py")


@pytest.fixture
def count(page_a) -> LiveSnippet:
    """The second runnable snippet of page A (runner/02_count.py)."""
    return snippet_named(page_a, "02_count.py")


WITHOUT_JSPI = "delete WebAssembly.Suspending; delete WebAssembly.Suspender;\n"


def hide_jspi(context) -> None:
    """Make Pyodide find no WebAssembly stack switching (JSPI), as in a browser that lacks it (Safari today)."""

    def without_jspi(route):
        response = route.fetch()
        route.fulfill(response=response, body=WITHOUT_JSPI + response.text())

    context.route(lambda url: url.split("?")[0].endswith("/pyodide.asm.mjs"), without_jspi)


@pytest.fixture(params=SETUPS)
def greet_each_setup(request, shared_pages) -> LiveSnippet:
    """The greet snippet in a browser with stack switching (JSPI), in one without, and on a cross-origin isolated
    page (where Stop can use Pyodide's interrupt buffer); shared pages (see SharedPages)."""
    return snippet_named(shared_pages.get(request.param), "01_greet.py")
