"""Stop and the next Run, with and without cross-origin isolation, and what the service worker keeps:
`.venv/bin/python -m bench.stop_bench [--rounds 5]` (`make bench` runs bench.runner_bench; this is separate).

Builds the site, serves it on 127.0.0.1 with GitHub Pages' caching header and no other (so isolation comes only from
the site's service worker), and in headless Chromium, per setup:

- "isolated": the second page load of a profile, through the service worker (COOP/COEP added by it), so Pyodide's
  interrupt buffer stops busy code;
- "not isolated": the same with service workers blocked, as a browser without them (Stop replaces the worker).

For each round: `while True: pass`, a CPU-bound loop in a task and a busy thread are started, then stopped; the script times, in
the page, Stop's click to the snippet's "stopped" state, and the next Run's click to its first output line. It also
prints what the service worker's caches hold after one Run (Cache Storage, by cache) and the origin's usage.
Prints medians (min–max); no limit is enforced here (the issue's goals are printed beside them).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

from playwright.sync_api import sync_playwright

from bench.runner_bench import served_build
from tests.conftest import CHROMIUM_ARGS, chromium_executable
from tests.runner.driver import snippets_on

PAGE = "coroutines/"
LOOPS = {
    "while True: pass": 'print("started")\nwhile True:\n    pass\n',
    "CPU-bound loop in a task": (
        "import asyncio\n\n\nasync def spin():\n    print(\"started\")\n    while True:\n        pass\n\n\n"
        "async def main():\n    await asyncio.create_task(spin())\n\n\nasyncio.run(main())\n"
    ),
    "a busy thread (the main thread waits)": (
        "import threading\n\n\ndef spin():\n    while True:\n        pass\n\n\n"
        "threading.Thread(target=spin, daemon=True).start()\nprint(\"started\")\nthreading.Event().wait()\n"
    ),
}

# In the page: start code in the snippet, wait for its first line, click Stop, and resolve with the ms until the
# snippet is "stopped"; then click Run (the code set to print at once) and resolve with the ms to its first line.
_STOP_THEN_RUN = """async ([el, code]) => {
    const editor = el.querySelector(".snippet-editor");
    const set = (text) => { editor.value = text; editor.dispatchEvent(new Event("input", {bubbles: true})); };
    const shows = (text) => [...el.querySelectorAll(".snippet-live-output .snippet-text")].some((s) => s.textContent === text);
    const until = (check) => new Promise((resolve) => {
        if (check()) return resolve(performance.now());
        const observer = new MutationObserver(() => { if (check()) { observer.disconnect(); resolve(performance.now()); } });
        observer.observe(el, {attributes: true, childList: true, subtree: true, characterData: true});
    });
    const token = Math.random().toString(36).slice(2);  // this round's lines, not the last round's
    set(code.replace("started", `started ${token}`));
    el.querySelector("button.snippet-run").click();
    await until(() => el.dataset.state === "running" && shows(`started ${token}`));
    await new Promise((resolve) => setTimeout(resolve, 100));  // well inside the loop
    const stopClicked = performance.now();
    el.querySelector("button.snippet-stop").click();
    const stopped = await until(() => el.dataset.state === "stopped");
    const restarted = Boolean(el.querySelector(".snippet-note"));
    set(`print("next ${token}")`);
    const runClicked = performance.now();
    el.querySelector("button.snippet-run").click();
    const firstLine = await until(() => shows(`next ${token}`));
    await until(() => el.dataset.state === "finished");
    return {stop: stopped - stopClicked, next: firstLine - runClicked, restarted};
}"""

_CACHES = """async () => {
    const out = {};
    for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        let bytes = 0;
        const requests = await cache.keys();
        for (const request of requests) bytes += (await (await cache.match(request)).arrayBuffer()).byteLength;
        out[name] = {files: requests.length, bytes};
    }
    out.usage = (await navigator.storage.estimate()).usage;
    return out;
}"""


def measure(browser, url: str, isolated: bool, rounds: int) -> tuple[dict[str, list[float]], dict]:
    context = browser.new_context(service_workers="allow" if isolated else "block")
    page = context.new_page()
    page.goto(url + PAGE)
    snippets_on(page)
    if isolated:
        page.wait_for_function("() => navigator.serviceWorker.controller", timeout=30_000)
        page.goto(url + PAGE)  # the second load, through the service worker
    assert page.evaluate("crossOriginIsolated") is isolated
    snippet = next(s for s in snippets_on(page) if s.local_only is None)
    snippet.show_editor()
    snippet.run('print("loaded")')
    caches = {}
    if isolated:
        page.wait_for_function("() => document.querySelector('.live-snippets-offline')?.textContent.includes('and Python')",
                               timeout=60_000)
        caches = page.evaluate(_CACHES)
    results: dict[str, list[float]] = {}
    for _ in range(rounds):
        for name, code in LOOPS.items():
            measured = page.evaluate(_STOP_THEN_RUN, [snippet.root.element_handle(), code])
            results.setdefault(f"{name}: Stop → stopped", []).append(measured["stop"])
            results.setdefault(f"{name}: next Run → first line", []).append(measured["next"])
            results.setdefault(f"{name}: Python restarted", []).append(float(measured["restarted"]))
    context.close()
    return results, caches


def summary(values: list[float]) -> str:
    return f"{statistics.median(values):,.0f} ms ({min(values):,.0f}–{max(values):,.0f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with served_build("stop-bench-") as (site, url), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)
        load_before = os.getloadavg()[0]
        isolated, caches = measure(browser, url, True, args.rounds)
        plain, _ = measure(browser, url, False, args.rounds)
        load_after = os.getloadavg()[0]
        version = browser.version
        browser.close()
    print(f"\nStop benchmark, {time.strftime('%Y-%m-%d')}: median (min–max) of {args.rounds} rounds, page /{PAGE}, "
          f"Chromium {version} headless, load average {load_before:.1f} before and {load_after:.1f} after.\n")
    print("| Measure | Isolated (service worker) | Not isolated | Goal (isolated) |")
    print("|---|---|---|---|")
    for key in isolated:
        if key.endswith("Python restarted"):
            print(f"| {key} | {sum(isolated[key]):.0f} of {args.rounds} | {sum(plain[key]):.0f} of {args.rounds} | 0 |")
        else:
            goal = "≤ 200 ms" if "Stop" in key else "≤ 100 ms"
            print(f"| {key} | {summary(isolated[key])} | {summary(plain[key])} | {goal} |")
    print("\nWhat the service worker keeps after one visit and one Run:\n")
    print("| Cache | Files | Size |")
    print("|---|---|---|")
    usage = caches.pop("usage", 0)
    for name, kept in caches.items():
        print(f"| {name} | {kept['files']} | {kept['bytes'] / 2**20:.1f} MB |")
    print(f"| (the origin's storage usage, navigator.storage.estimate) | | {usage / 2**20:.1f} MB |")
    print(file=sys.stderr)


if __name__ == "__main__":
    main()
