"""Fixtures shared by the tests: the built site, a local server for it, and a headless Chromium."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

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


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site as `make build` makes it, built once per test process, served at the root of its origin."""
    destination = tmp_path_factory.mktemp("site")
    result = build_site(destination, env={"SITE_URL": "http://127.0.0.1/"})
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
    return destination


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm", ".json": "application/json",
    }

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@contextlib.contextmanager
def serve(directory: Path, handler_class=_QuietHandler):
    """Serve a folder on 127.0.0.1 at a free port; yields the root URL, http://127.0.0.1:PORT/."""
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    """http://127.0.0.1:PORT/ serving the built site, for the whole test session."""
    with serve(built_site) as url:
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
    context = browser.new_context()
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


def pytest_collection_modifyitems(items):
    """The browser parity tests first: they take longest, and pytest-xdist's workers then finish together."""
    items.sort(key=lambda item: "tests/runner/test_parity.py" not in item.nodeid)
