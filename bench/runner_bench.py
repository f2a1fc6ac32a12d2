"""Benchmark of the in-browser runner: `make bench` (or `.venv/bin/python -m bench.runner_bench --help`).

Builds the site, serves it on 127.0.0.1 with GitHub Pages' caching header (Cache-Control: max-age=600), and drives
headless Chromium with a fresh persistent profile per round (an incognito context would re-download the wasm every
time, so it cannot show a warm cache). Each round measures, in the page, from the Run click to the first output
line of the first runnable snippet of a page:

- bytes transferred before the first Run (everything, and Pyodide's files alone), and for the first Run;
- first Run on a cold cache, broken down into the worker's steps (load-times.js: worker started, Pyodide's module
  imported, wasm fetched, compiled, interpreter started, runtime set up, first line);
- Run again, Python already loaded; 100 x `await asyncio.sleep(0.001)` in the page (about 0.1 s in CPython);
- first Run after instant navigation to another page (same tab, same worker);
- first Run in a new tab with a warm HTTP cache (Python loads again, from the cache);
- and, in another fresh profile of the same round (the two in alternating order), a bare `loadPyodide()` in a
  module worker (bench/bare/, same files, server and headers), cold and in a new tab: the ratios to it are the
  targets of issue 13.

Prints a Markdown table of medians (with min and max) over the rounds.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.conftest import CHROMIUM_ARGS, ROOT, _QuietHandler, build_site, chromium_executable, serve
from tests.runner.driver import snippets_on, wait_for_enhancement
from tests.runner.test_loading import is_pyodide_file

TARGETS = {"cold": 2500, "loaded": 100}
RATIOS = {"cold": 0.7, "warm": 0.5}  # first line ÷ a bare cold loadPyodide(), measured in the same run (issue 13)

# Clicks Run on a snippet and resolves with the milliseconds until its first stdout/stderr line is added, the click's
# time (epoch ms) and the worker's load times (load-times.js) if this Run started a worker.
_TIME_TO_FIRST_LINE = """(el) => new Promise((resolve, reject) => {
    const start = performance.now();
    const clicked = performance.timeOrigin + start;
    let loadTimes = null;
    const known = window.liveSnippets?.worker;
    const poll = setInterval(() => {
        const worker = window.liveSnippets?.worker;
        if (!worker || worker === known) return;
        clearInterval(poll);
        worker.addEventListener("message", ({data}) => { if (data.type === "ready") loadTimes = data.loadTimes; });
    }, 5);
    const timeout = setTimeout(() => { observer.disconnect(); reject(new Error("no output in 90 s")); }, 90000);
    const isLine = (node) => node.nodeType === 1
        && (node.matches(".snippet-stdout, .snippet-stderr") || node.querySelector(".snippet-stdout, .snippet-stderr"));
    const observer = new MutationObserver((records) => {
        if (records.some((record) => [...record.addedNodes].some(isLine))) {
            observer.disconnect();
            clearTimeout(timeout);
            clearInterval(poll);
            const end = performance.now();
            resolve({ms: end - start, clicked, firstLine: performance.timeOrigin + end, loadTimes});
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


@contextlib.contextmanager
def served_build(prefix: str):
    """(folder, URL) of the site built into a temporary folder and served on 127.0.0.1 with GitHub Pages' caching
    header, built for the served address, port included (Material's instant navigation needs the sitemap to name it)."""
    with tempfile.TemporaryDirectory(prefix=prefix) as folder:
        site = Path(folder)
        with serve(site, CachingHandler) as url:
            built = build_site(site, env={"SITE_URL": url})
            if built.returncode:
                raise SystemExit(f"mkdocs build failed:\n{built.stderr}")
            yield site, url


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


def time_to_first_line(page, details: dict | None = None) -> float:
    """Milliseconds from Run to the first line; details receives the click's time and the worker's load times."""
    snippet = first_runnable(page)
    measured = snippet.root.evaluate(_TIME_TO_FIRST_LINE)
    page.wait_for_function(_WAIT_UNTIL_IDLE, arg=snippet.root.element_handle(), timeout=90_000)
    if details is not None:
        details.update(measured)
    return measured["ms"]


# The steps of the worker's start (load-times.js), each ending at the named time; the first starts at the click.
STEPS = [
    ("start the worker", "workerStarted"),
    ("import Pyodide's module, fetch runtime.py", "pyodideImported"),
    ("fetch pyodide.asm.wasm", "wasmFetched"),
    ("compile it (streaming, from the fetch's start)", "compiled"),
    ("start the interpreter (stdlib, Python's init)", "interpreterStarted"),
    ("set up the runtime (runtime.py, warm-up)", "runtimeReady"),
    ("run → first line", "firstLine"),
]


def steps(details: dict) -> dict[str, float]:
    """Milliseconds of each step; fetch and compile overlap (streaming compilation), so compile is counted from the
    end of the import, and the interpreter's start from the later of fetch and compile."""
    times = {**(details.get("loadTimes") or {}), "firstLine": details["firstLine"]}
    if "workerStarted" not in times:
        return {}
    result, previous = {}, details["clicked"]
    for name, key in STEPS:
        end = times.get(key)
        if end is None:
            continue
        start = times["pyodideImported"] if key == "compiled" else previous
        result[name] = end - start
        previous = max(previous, end) if key in ("wasmFetched", "compiled") else end
    return result


TIMER_STEPS = """import asyncio, time

async def main():
    started = time.perf_counter()
    for _ in range(100):
        await asyncio.sleep(0.001)
    print(f"{(time.perf_counter() - started) * 1000:.0f}")

asyncio.run(main())
"""


def timer_steps_ms(page) -> float:
    """100 x await asyncio.sleep(0.001) in the page, in milliseconds (CPython: about 110)."""
    snippet = first_runnable(page)
    output = snippet.run(TIMER_STEPS)
    snippet.reset_button.click()
    return float(output.strip().splitlines()[-1])


# What the thread and process programs below time with (they import time).
TIMED_SPIN = """def spin(n):
    while n:
        n -= 1

def timed(function, *args):
    started = time.perf_counter()
    function(*args)
    return time.perf_counter() - started
"""

THREAD_COSTS = """import queue, threading, time

""" + TIMED_SPIN + """
timed(spin, 300_000)  # warm up
alone = timed(spin, 3_000_000)
waiting = threading.Event()
idle = threading.Thread(target=waiting.wait)
idle.start()
beside_idle = timed(spin, 3_000_000)
waiting.set()
idle.join()

def two_threads():
    pair = [threading.Thread(target=spin, args=[1_500_000]) for _ in range(2)]
    for thread in pair:
        thread.start()
    for thread in pair:
        thread.join()

shared = timed(two_threads)
there, back = queue.Queue(), queue.Queue()

def echo():
    for _ in range(500):
        back.put(there.get())

def ping_pong():
    for number in range(500):
        there.put(number)
        back.get()

echoing = threading.Thread(target=echo)
echoing.start()
round_trip = timed(ping_pong) / 500
echoing.join()

def start_and_join():
    for _ in range(100):
        thread = threading.Thread(target=int)
        thread.start()
        thread.join()

print(round_trip / 2 * 1000, timed(start_and_join) / 100 * 1000, beside_idle / alone, shared / alone)
"""


def thread_costs(page) -> dict[str, float]:
    """What threads cost in the page: a switch and a start (ms); CPU-bound work beside a waiting thread, and shared
    by two, as ratios to the same work alone (issue 8's budget: at most 1.5)."""
    snippet = first_runnable(page)
    output = snippet.run(THREAD_COSTS)
    snippet.reset_button.click()
    switch, start, beside_idle, shared = map(float, output.strip().splitlines()[-1].split())
    return {"thread_switch": switch, "thread_start": start, "beside_idle": beside_idle, "shared": shared}


PROCESS_COSTS = """import multiprocessing, statistics, time
from concurrent.futures import ProcessPoolExecutor

""" + TIMED_SPIN + """
def start_and_join():
    process = multiprocessing.Process(target=int)
    process.start()
    process.join()

def mapped(workers):
    with ProcessPoolExecutor(max_workers=workers) as pool:
        list(pool.map(abs, range(workers)))  # its workers have started
        return timed(lambda: list(pool.map(spin, [2_000_000, 2_000_000])))

if __name__ == "__main__":
    cold = timed(start_and_join)  # no child loaded yet on this page
    kept = statistics.median(timed(start_and_join) for _ in range(5))
    two = mapped(2)
    print(cold * 1000, kept * 1000, two / mapped(1))
"""


def process_costs(page) -> dict[str, float]:
    """What processes cost in the page: starting and joining one on a new child and on a kept one (ms), and a
    ProcessPoolExecutor map of two CPU-bound calls with two workers, as a ratio to one worker."""
    snippet = first_runnable(page)
    output = snippet.run(PROCESS_COSTS)
    snippet.reset_button.click()
    cold, kept, two = map(float, output.strip().splitlines()[-1].split())
    return {"process_cold": cold, "process_kept": kept, "pool_two": two}


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
        before_run = len(requests)
        details = {}
        result["cold"] = time_to_first_line(page, details)
        result["run_bytes"] = sum(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"]
                                  for r in list(requests)[before_run:])
        result.update({f"step: {name}": ms for name, ms in steps(details).items()})
        result["loaded"] = statistics.median(time_to_first_line(page) for _ in range(3))
        result["timer"] = timer_steps_ms(page)
        result.update(thread_costs(page))
        result.update(process_costs(page))
        page.evaluate(_FOLLOW_LINK, url + second_page)
        page.wait_for_url(url + second_page)
        wait_for_enhancement(page)
        if not page.evaluate("() => window.benchMarker === true"):
            raise SystemExit("the navigation was not instant (a full page load): check navigation.instant")
        result["navigated"] = time_to_first_line(page)
        page.close()
        new_tab = context.new_page()
        new_tab.goto(url + first_page, wait_until="networkidle")
        details = {}
        result["warm"] = time_to_first_line(new_tab, details)
        result.update({f"warm step: {name}": ms for name, ms in steps(details).items()})
        return result
    finally:
        context.close()
        shutil.rmtree(profile, ignore_errors=True)


def bare_round(playwright, url: str, snapshot: bool = False, counting: bool = False) -> dict[str, float]:
    """A bare loadPyodide() in a module worker (bench/bare/): cold in a fresh profile, then in a new tab (snapshot:
    restored from bench/make_snapshot.mjs's memory snapshot instead; counting: fetching through fetch-progress.js)."""
    name = "snapshot" if snapshot else "counting" if counting else "bare"
    load = f"() => loadBare({str(snapshot).lower()}, {str(counting).lower()})"
    profile = tempfile.mkdtemp(prefix="bench-profile-")
    context = playwright.chromium.launch_persistent_context(
        profile, executable_path=chromium_executable(), args=CHROMIUM_ARGS, headless=True,
    )
    try:
        page = context.pages[0] if context.pages else context.new_page()
        page.goto(url + "bench-bare/", wait_until="networkidle")
        result = {f"{name}_cold": page.evaluate(load)}
        page.close()
        new_tab = context.new_page()
        new_tab.goto(url + "bench-bare/", wait_until="networkidle")
        result[f"{name}_warm"] = new_tab.evaluate(load)
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

    with served_build("bench-site-") as (site, url), sync_playwright() as playwright:
        shutil.copytree(Path(__file__).with_name("bare"), site / "bench-bare")
        snapshot = site / "bench-bare" / "snapshot.bin"
        subprocess.run(["node", str(Path(__file__).with_name("make_snapshot.mjs")), str(site / "assets" / "pyodide"),
                        str(snapshot)], check=True)
        first_page = args.page or "coroutines/"
        if not has_runnable_snippet(site, first_page):
            raise SystemExit(f"/{first_page} has no runnable snippet: choose a page with --page")
        second_page = args.next_page or (pages_in_order(site, first_page) + [first_page])[1]
        load_before = os.getloadavg()[0]
        rounds = []
        for number in range(1, args.rounds + 1):
            measures = [lambda: one_round(playwright, url, first_page, second_page), lambda: bare_round(playwright, url),
                        lambda: bare_round(playwright, url, snapshot=True),
                        lambda: bare_round(playwright, url, counting=True)]
            result = {}
            for measure in measures if number % 2 else measures[::-1]:  # alternating order, each a fresh profile
                result.update(measure())
            rounds.append(result)
            print(f"round {number}/{args.rounds}: " + ", ".join(f"{k} {v:,.0f}" for k, v in rounds[-1].items()),
                  file=sys.stderr)
        load_after = os.getloadavg()[0]
        snapshot_size = snapshot.stat().st_size
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
    print(row("Bytes transferred for the first Run (cold)", column("run_bytes"), "bytes", "—"))
    print(row("Bare `loadPyodide()` in a module worker, cold", column("bare_cold"), "ms", "—"))
    print(row("Bare `loadPyodide()` in a new tab, warm HTTP cache", column("bare_warm"), "ms", "—"))
    print(row("Lever: `loadPyodide()` restoring a memory snapshot (made by Node), cold", column("snapshot_cold"), "ms",
              f"snapshot {snapshot_size / 2**20:.1f} MB"))
    print(row("Lever: the same in a new tab, warm HTTP cache", column("snapshot_warm"), "ms", "—"))
    print(row("Bare `loadPyodide()` fetching through fetch-progress.js, cold", column("counting_cold"), "ms", "—"))
    print(row("The same in a new tab, warm HTTP cache", column("counting_warm"), "ms", "—"))
    print(row("100 × `await asyncio.sleep(0.001)` in the page (CPython: about 110 ms)", column("timer"), "ms", "—"))
    shown = lambda values, digits: f"{statistics.median(values):.{digits}f} ({min(values):.{digits}f}–{max(values):.{digits}f})"  # noqa: E731
    print(f"| A switch between two threads (half a round trip) | {shown(column('thread_switch'), 2)} ms | — |")
    print(f"| Starting and joining a thread | {shown(column('thread_start'), 2)} ms | — |")
    print(f"| CPU-bound loop while a second thread waits ÷ alone | {shown(column('beside_idle'), 2)} | ≤ 1.5 |")
    print(f"| The same work shared by two CPU-bound threads ÷ one thread | {shown(column('shared'), 2)} | — |")
    print(f"| Starting and joining a process, first on the page (a Python loads) | {shown(column('process_cold'), 0)} ms | — |")
    print(f"| Starting and joining a process on a kept child | {shown(column('process_kept'), 0)} ms | — |")
    print(f"| `ProcessPoolExecutor` map of two CPU-bound calls, 2 workers ÷ 1 | {shown(column('pool_two'), 2)} | < 1 |")
    bare_cold = statistics.median(column("bare_cold"))
    ratios = {"cold": statistics.median(column("cold")) / bare_cold, "warm": statistics.median(column("warm")) / bare_cold}
    print(f"| Cold first line ÷ bare cold `loadPyodide()` | {ratios['cold']:.2f} | ≤ {RATIOS['cold']} |")
    print(f"| Warm first line ÷ bare cold `loadPyodide()` | {ratios['warm']:.2f} | ≤ {RATIOS['warm']} |")
    print("\nThe first Run on a cold cache, step by step (median ms of the rounds; fetch and compile overlap):\n")
    print("| Step | Cold: median (min–max) | New tab, warm cache |")
    print("|---|---|---|")
    shown = lambda values: f"{statistics.median(values):,.0f} ({min(values):,.0f}–{max(values):,.0f})"  # noqa: E731
    for name, _ in STEPS:
        if all(f"step: {name}" in r and f"warm step: {name}" in r for r in rounds):
            print(f"| {name} | {shown(column(f'step: {name}'))} | {shown(column(f'warm step: {name}'))} |")
    misses = [
        name for name, key, limit in (("cold", "cold", TARGETS["cold"]), ("loaded", "loaded", TARGETS["loaded"]))
        if statistics.median(column(key)) > limit
    ] + (["Pyodide bytes before intent"] if any(column("pyodide_bytes")) else []) + (
        ["CPU-bound beside a waiting thread"] if statistics.median(column("beside_idle")) > 1.5 else []) + [
        f"{name} ratio" for name, limit in RATIOS.items() if ratios[name] > limit
    ]
    print(f"\nTargets missed: {', '.join(misses)}" if misses else "\nAll targets met.")


if __name__ == "__main__":
    main()
