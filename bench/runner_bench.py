"""Benchmark of the in-browser runner: `make bench` (or `.venv/bin/python -m bench.runner_bench --help`).

Builds the site, serves it on 127.0.0.1 with GitHub Pages' caching header (Cache-Control: max-age=600), and drives
headless Chromium with a fresh persistent profile per round (an incognito context would re-download the wasm every
time, so it cannot show a warm cache). Each round measures, in the page, from the Run click to the first output
line of the first runnable snippet of a page:

- bytes transferred before the first Run (everything, and Pyodide's files alone);
- first Run on a cold cache;
- Run again, Python already loaded;
- first Run after instant navigation to another page (same tab, same worker);
- first Run in a new tab with a warm HTTP cache (Python loads again, from the cache).

Prints a Markdown table of medians (with min and max) over the rounds.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.conftest import CHROMIUM_ARGS, ROOT, _QuietHandler, build_site, chromium_executable, serve
from tests.runner.driver import snippets_on, wait_for_enhancement
from tests.runner.test_loading import is_pyodide_file

TARGETS = {"cold": 2500, "loaded": 100}

# Clicks Run on a snippet and resolves with the milliseconds until its first stdout/stderr line is added.
_TIME_TO_FIRST_LINE = """(el) => new Promise((resolve, reject) => {
    const start = performance.now();
    const timeout = setTimeout(() => { observer.disconnect(); reject(new Error("no output in 90 s")); }, 90000);
    const isLine = (node) => node.nodeType === 1
        && (node.matches(".snippet-stdout, .snippet-stderr") || node.querySelector(".snippet-stdout, .snippet-stderr"));
    const observer = new MutationObserver((records) => {
        if (records.some((record) => [...record.addedNodes].some(isLine))) {
            observer.disconnect();
            clearTimeout(timeout);
            resolve(performance.now() - start);
        }
    });
    observer.observe(el, {childList: true, subtree: true});
    el.querySelector("button.snippet-run").click();
})"""

_WAIT_UNTIL_IDLE = "(el) => ['finished', 'stopped', 'failed'].includes(el.dataset.state)"

# Follows a link the way a reader does, so that Material's instant navigation handles it.
_FOLLOW_LINK = """(href) => {
    window.benchMarker = true;
    const link = Object.assign(document.createElement("a"), {href});
    document.body.append(link);
    link.click();
}"""


class CachingHandler(_QuietHandler):
    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()


def has_runnable_snippet(site: Path, path: str) -> bool:
    html = site / path / "index.html"
    return html.is_file() and bool(re.search(r'<div class="snippet"(?![^>]*data-local-only)', html.read_text()))


def next_page(site: Path, path: str) -> str | None:
    """The page after `path` in the navigation (Material's footer link), as a path from the site root."""
    link = re.search(r'<a href="([^"]*)" class="md-footer__link md-footer__link--next"',
                     (site / path / "index.html").read_text())
    return (Path("/", path, link[1]).resolve().as_posix().strip("/") + "/") if link else None


def pages_in_order(site: Path, first: str) -> list[str]:
    """`first`, then every page after it in the navigation that has a runnable snippet."""
    pages, path = [first], next_page(site, first)
    while path and path not in pages:
        pages += [path] if has_runnable_snippet(site, path) else []
        path = next_page(site, path)
    return pages


def first_runnable(page):
    return next(snippet for snippet in snippets_on(page) if snippet.local_only is None)


def time_to_first_line(page) -> float:
    snippet = first_runnable(page)
    elapsed = snippet.root.evaluate(_TIME_TO_FIRST_LINE)
    page.wait_for_function(_WAIT_UNTIL_IDLE, arg=snippet.root.element_handle(), timeout=90_000)
    return elapsed


def one_round(playwright, url: str, first_page: str, second_page: str) -> dict[str, float]:
    profile = tempfile.mkdtemp(prefix="bench-profile-")
    context = playwright.chromium.launch_persistent_context(
        profile, executable_path=chromium_executable(), args=CHROMIUM_ARGS, headless=True,
    )
    try:
        requests = []
        context.on("requestfinished", lambda request: requests.append(request))
        page = context.pages[0] if context.pages else context.new_page()
        page.goto(url + first_page, wait_until="networkidle")
        wait_for_enhancement(page)
        page.wait_for_timeout(500)
        sizes = [(request.url, request.sizes()) for request in list(requests)]
        result = {
            "bytes": sum(s["responseBodySize"] + s["responseHeadersSize"] for _, s in sizes),
            "pyodide_bytes": sum(s["responseBodySize"] for u, s in sizes if is_pyodide_file(u)),
        }
        result["cold"] = time_to_first_line(page)
        result["loaded"] = statistics.median(time_to_first_line(page) for _ in range(3))
        page.evaluate(_FOLLOW_LINK, url + second_page)
        page.wait_for_url(url + second_page)
        wait_for_enhancement(page)
        if not page.evaluate("() => window.benchMarker === true"):
            raise SystemExit("the navigation was not instant (a full page load): check navigation.instant")
        result["navigated"] = time_to_first_line(page)
        page.close()
        new_tab = context.new_page()
        new_tab.goto(url + first_page, wait_until="networkidle")
        result["warm"] = time_to_first_line(new_tab)
        return result
    finally:
        context.close()
        shutil.rmtree(profile, ignore_errors=True)


def row(name: str, values: list[float], unit: str, target: str) -> str:
    low, middle, high = min(values), statistics.median(values), max(values)
    if unit == "ms":
        shown = f"{middle:,.0f} ms ({low:,.0f}–{high:,.0f})"
    else:
        shown = f"{middle / 1024:,.0f} KB ({low / 1024:,.0f}–{high / 1024:,.0f})"
    return f"| {name} | {shown} | {target} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="fresh browser profiles to measure with (default 5)")
    parser.add_argument("--page", help="the page to measure (default: coroutines/)")
    parser.add_argument("--next-page", help="the page to navigate to (default: the next one in the navigation with a runnable snippet)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-site-") as site_dir, sync_playwright() as playwright:
        site = Path(site_dir)
        with serve(site, CachingHandler) as url:
            # site_url must be the served address, port included, or Material's instant navigation is off.
            built = build_site(site, env={"SITE_URL": url})
            if built.returncode:
                raise SystemExit(f"mkdocs build failed:\n{built.stderr}")
            first_page = args.page or "coroutines/"
            if not has_runnable_snippet(site, first_page):
                raise SystemExit(f"/{first_page} has no runnable snippet: choose a page with --page")
            second_page = args.next_page or (pages_in_order(site, first_page) + [first_page])[1]
            load_before = os.getloadavg()[0]
            rounds = []
            for number in range(1, args.rounds + 1):
                rounds.append(one_round(playwright, url, first_page, second_page))
                print(f"round {number}/{args.rounds}: " + ", ".join(f"{k} {v:,.0f}" for k, v in rounds[-1].items()),
                      file=sys.stderr)
            load_after = os.getloadavg()[0]
        browser = playwright.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)
        browser_version = browser.version
        browser.close()

    column = lambda key: [r[key] for r in rounds]  # noqa: E731
    pyodide_version = re.search(r'"version":\s*"([^"]+)"', (ROOT / "node_modules/pyodide/package.json").read_text())
    print(f"\nRunner benchmark, {time.strftime('%Y-%m-%d')}: median (min–max) of {len(rounds)} rounds; "
          f"page /{first_page}, then /{second_page}; Chromium {browser_version} headless, "
          f"Pyodide {pyodide_version[1] if pyodide_version else '?'}, {platform.machine()}, "
          f"{len(os.sched_getaffinity(0))} cores, load average {load_before:.1f} before and {load_after:.1f} after.\n")
    if max(load_before, load_after) > 1.5:
        print("The machine was busy with other work: these numbers are slower than on an idle machine.\n")
    print("| Measure | Result | Target |")
    print("|---|---|---|")
    print(row("Bytes transferred before the first Run (whole page)", column("bytes"), "bytes", "—"))
    print(row("Pyodide bytes before the first Run", column("pyodide_bytes"), "bytes", "0"))
    print(row("First Run, cold cache → first output line", column("cold"), "ms", "≤ 2,500 ms"))
    print(row("Run with Python loaded → first output line", column("loaded"), "ms", "≤ 100 ms"))
    print(row("First Run after instant navigation → first output line", column("navigated"), "ms", "as loaded"))
    print(row("First Run in a new tab, warm HTTP cache → first output line", column("warm"), "ms", "—"))
    misses = [
        name for name, key, limit in (("cold", "cold", TARGETS["cold"]), ("loaded", "loaded", TARGETS["loaded"]))
        if statistics.median(column(key)) > limit
    ] + (["Pyodide bytes before intent"] if any(column("pyodide_bytes")) else [])
    print(f"\nTargets missed: {', '.join(misses)}" if misses else "\nAll targets met.")


if __name__ == "__main__":
    main()
