"""Browser parity: every runnable snippet on every page of the built site, run in the browser, prints what was
recorded for Python 3.14 (Pyodide runs CPython 3.14), compared as the CPython tests compare.

One test per page: its snippets are found in the built page (div.snippet) and run one after the other. Each test
process keeps one browser page and reaches every page by following a link (instant navigation), as a reader does,
so Python loads once per process, and each page's runs find the interpreter its earlier pages' runs left (which
must be as a fresh `python FILE` finds it). Pages run in parallel under pytest-xdist. The summed count is printed
at the end of the run (tests/conftest.py: pytest_terminal_summary).
"""

from __future__ import annotations

import re

import pytest

from live_snippets import cpython
from live_snippets.snippet import Snippet
from tests.conftest import ROOT
from tests.runner.conftest import hide_jspi
from tests.runner.driver import visit

PYODIDE_PYTHON = (3, 14)
SNIPPETS = ROOT / "snippets"
LOCAL_ONLY_LABEL = re.compile(r"runs? on your machine", re.IGNORECASE)


def page_paths() -> list[str]:
    """The URL path of every page, as MkDocs builds it (directory URLs)."""
    paths = []
    for source in sorted((ROOT / "docs").rglob("*.md")):
        relative = source.relative_to(ROOT / "docs").with_suffix("")
        parts = relative.parts[:-1] if relative.name == "index" else relative.parts
        paths.append("".join(f"{part}/" for part in parts))
    return paths


_SNIPPET_TAG = re.compile(r'<div class="snippet"[^>]*>')


def built_snippets(html: str) -> list[tuple[str, bool]]:
    """(data-snippet, is local-only) of every div.snippet in a built page, in order."""
    found = []
    for tag in _SNIPPET_TAG.findall(html):
        found.append((re.search(r'data-snippet="([^"]+)"', tag)[1], "data-local-only=" in tag))
    return found


@pytest.fixture(scope="session")
def reader_page(browser):
    """One page for this test process's parity tests, moved from page to page by instant navigation (visit)."""
    context = browser.new_context(service_workers="block")  # a first visit's setup (test_service_worker.py)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", page_paths(), ids=lambda path: path.strip("/") or "home")
def test_every_snippet_on_the_page_prints_the_recorded_output(path, built_site, site_url, reader_page, record_property):
    counts = [0, 0, 0]  # matched, runnable, local-only
    try:
        failures = check_page(reader_page, site_url, built_site, path, counts)
    finally:
        record_property("browser_parity", tuple(counts))
    assert not failures, f"{path}: {len(failures)} problem(s)\n\n" + "\n\n".join(failures)


def test_the_reference_page_prints_the_recorded_output_without_jspi(built_site, site_url, page):
    """Browsers without WebAssembly stack switching (Safari today) must not show a wrong result either."""
    hide_jspi(page.context)
    failures = check_page(page, site_url, built_site, "coroutines/", [0, 0, 0])
    assert not failures, "coroutines/ without JSPI:\n\n" + "\n\n".join(failures)


def check_page(page, site_url: str, built_site, path: str, counts: list[int]) -> list[str]:
    """Run every snippet of a built page in the browser; returns the problems found. Counts go into `counts`."""
    built_page = built_site / path / "index.html"
    assert built_page.is_file(), f"{path}: not in the built site"
    expected_snippets = built_snippets(built_page.read_text(encoding="utf-8"))
    counts[1] = sum(not local for _, local in expected_snippets)
    counts[2] = len(expected_snippets) - counts[1]
    if not expected_snippets:
        return []
    snippets = visit(page, site_url + path)
    shown = [(snippet.path, snippet.local_only is not None) for snippet in snippets]
    assert shown == expected_snippets, f"{path}: the page shows {shown}, the built HTML has {expected_snippets}"
    failures = []
    for snippet in snippets:
        if snippet.local_only is not None:
            problem = local_only_problem(snippet)
            if problem:
                failures.append(f"{snippet.path} (local-only): {problem}")
            continue
        expected = Snippet(SNIPPETS, snippet.path).expected_output(PYODIDE_PYTHON)
        end_state = None
        try:
            snippet.start()
            end_state = snippet.wait_until_done()
            actual = browser_output(snippet)
        except AssertionError as error:
            actual = f"[{error}]"
        leaked = cpython.internal_lines(actual)  # before normalizing, which drops non-snippet frames
        if leaked:
            failures.append(f"{snippet.path} in the browser shows the runner's or Pyodide's own files:\n"
                            + "\n".join(leaked) + "\nin all it printed:\n" + getattr(actual, "text", str(actual)))
        elif cpython.outputs_match(expected, actual):
            counts[0] += 1
        else:
            failures.append(
                f"{snippet.path} in the browser (ended {end_state!r}, status {snippet.status_text()!r}) "
                f"does not print the output recorded for {expected.label}:\n"
                + cpython.diff(expected, actual, f"recorded ({expected.label})", "browser")
            )
    return failures


def browser_output(snippet) -> cpython.Output:
    """What a run printed in the page, each line with its stream (notes left out)."""
    streams = {"snippet-stdout": "stdout", "snippet-stderr": "stderr"}
    return cpython.Output.from_lines((streams[line.kind], line.text) for line in snippet.lines() if line.kind in streams)


def local_only_problem(snippet) -> str | None:
    """What is wrong with how a local-only snippet is shown, or None."""
    if snippet.state != "local-only":
        return f"data-state is {snippet.state!r}, not 'local-only'"
    if snippet.run_button.count():
        return "it has a Run button"
    label = snippet.root.locator(".snippet-local-only")
    if not label.count() or not label.first.is_visible():
        return "no visible .snippet-local-only label"
    text = label.first.text_content()
    if snippet.command not in text:
        return f"the label {text!r} does not show the command {snippet.command!r}"
    if not LOCAL_ONLY_LABEL.search(text):
        return f"the label {text!r} does not say it runs on your machine"
    return None
