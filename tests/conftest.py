"""Fixtures shared by the tests: the built site, a local server for it, and a headless Chromium."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from filelock import FileLock

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = str(Path(sys.executable).with_name("mkdocs"))
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]


def build_site(destination: Path, *extra_args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` into destination; the result carries the build's output for failure messages."""
    return subprocess.run(
        [MKDOCS, "build", "--strict", "--site-dir", str(destination), *extra_args],
        cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )


def built_once(tmp_path_factory, name: str, build) -> Path:
    """A folder that build(folder) fills once per test run, shared by pytest-xdist's worker processes (they share
    the parent of their base temporary folders); a failed build fails every test that needs it."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent
    folder = shared / name
    with FileLock(f"{folder}.lock"):
        done, failure = folder / ".built", folder / ".failed"
        if not done.exists() and not failure.exists():
            folder.mkdir(exist_ok=True)
            try:
                build(folder)
            except BaseException as error:
                failure.write_text(str(error), encoding="utf-8")
                raise
            done.touch()
    if failure.exists():
        pytest.fail(f"building {name} failed:\n{failure.read_text(encoding='utf-8')}")
    return folder


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site as `make build` makes it, built once per test run for the address at which every test process serves
    it (site_url): its sitemap names that address, port included, so Material's instant navigation follows its links
    (a sitemap without the port makes every link a full page load, and Python load again)."""

    def build(folder: Path) -> None:
        port = free_port()
        result = build_site(folder / "site", env={"SITE_URL": f"http://127.0.0.1:{port}/"})
        assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
        (folder / "port").write_text(str(port), encoding="utf-8")

    return built_once(tmp_path_factory, "site", build) / "site"


def built_site_port(built_site: Path) -> int:
    return int((built_site.parent / "port").read_text(encoding="utf-8"))


def built_for(built_site: Path) -> str:
    """The site_url the built site was built with (its canonical, og: and sitemap links use it)."""
    return f"http://127.0.0.1:{built_site_port(built_site)}/"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm", ".json": "application/json",
    }

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


class _SharedPortServer(http.server.ThreadingHTTPServer):
    allow_reuse_port = True  # several test processes serve the same folder at the same address


@contextlib.contextmanager
def serve(directory: Path, handler_class=_QuietHandler, port: int = 0):
    """Serve a folder on 127.0.0.1 at port (0: a free one); yields the root URL, http://127.0.0.1:PORT/.
    Processes that serve the same folder may share a port."""
    handler = functools.partial(handler_class, directory=str(directory))
    server = (_SharedPortServer if port else http.server.ThreadingHTTPServer)(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    """http://127.0.0.1:PORT/ serving the built site for the whole test session: the address it was built for."""
    with serve(built_site, port=built_site_port(built_site)) as url:
        assert url == built_for(built_site)
        yield url


def chromium_executable() -> str | None:
    """A system Chromium (CHROMIUM_PATH, or one on PATH); None means Playwright's own download."""
    if os.environ.get("CHROMIUM_PATH"):
        return os.environ["CHROMIUM_PATH"]
    return next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    # Without the site's service worker, which would make a second page load cross-origin isolated (tested in
    # tests/runner/test_service_worker.py): a page here is what a first visit gets.
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    yield page
    context.close()


def pytest_terminal_summary(terminalreporter):
    """The browser parity count, summed over the per-page parity tests (tests/runner/test_parity.py)."""
    matched = runnable = local_only = 0
    for reports in terminalreporter.stats.values():
        for report in reports:
            for name, value in getattr(report, "user_properties", ()):
                if name == "browser_parity" and getattr(report, "when", None) == "call":
                    matched, runnable, local_only = (a + b for a, b in zip((matched, runnable, local_only), value))
    if runnable or local_only:
        terminalreporter.write_line(
            f"browser parity: {matched}/{runnable} runnable snippets; "
            f"{local_only} local-only snippets (not run; shown with their command)"
        )


# The browser pass's longest tests: the parity pages (8-22 s each) and the quality gates that visit every page (axe
# 60-220 s, layout and print 30-50 s).
LONGEST_FIRST = ("tests/runner/test_parity.py", "tests/quality/")


def pytest_collection_modifyitems(items):
    """The longest tests first, so that pytest-xdist's workers, fed the short ones last, finish together (run last,
    a 220 s axe test kept one worker busy for minutes after the other had finished)."""
    items.sort(key=lambda item: next(
        (rank for rank, prefix in enumerate(LONGEST_FIRST) if item.nodeid.startswith(prefix)), len(LONGEST_FIRST)))
