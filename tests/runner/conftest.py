"""Fixtures for the runner's browser tests: a test-only site (two pages of known snippets) built from the real
configuration, and pages opened on it."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from tests.conftest import ROOT, _QuietHandler, build_site, serve
from tests.runner.driver import LiveSnippet, snippets_on

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
    """(folder, URL) of the test-only site, built with `mkdocs build --strict` and served. Its site_url is the
    address it is served at, port included: Material's instant navigation only follows links its sitemap lists."""
    site = tmp_path_factory.mktemp("runner-site")
    with serve(site) as url:
        build_runner_site(tmp_path_factory, url, site)
        yield site, url


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
def page_a(page, runner_site_url):
    """Test page A, opened and enhanced by the runner."""
    page.goto(runner_site_url + "runner-a/")
    snippets_on(page)
    return page


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


@pytest.fixture(params=["with JSPI", "without JSPI", "cross-origin isolated"])
def greet_each_setup(request, page, runner_site_url, isolated_runner_site_url) -> LiveSnippet:
    """The greet snippet in a browser with stack switching (JSPI), in one without, and on a cross-origin isolated
    page (where Stop can use Pyodide's interrupt buffer)."""
    if request.param == "without JSPI":
        hide_jspi(page.context)
    isolated = request.param == "cross-origin isolated"
    page.goto((isolated_runner_site_url if isolated else runner_site_url) + "runner-a/")
    assert page.evaluate("crossOriginIsolated") == isolated
    snippets_on(page)
    if request.param == "without JSPI":
        other = snippet_named(page, "02_count.py")
        check = other.run("import js\n\nprint(hasattr(js.WebAssembly, 'Suspending'))")
        assert check == "False", f"JSPI is still there: {check!r}"
        other.reset_button.click()
    return snippet_named(page, "01_greet.py")
