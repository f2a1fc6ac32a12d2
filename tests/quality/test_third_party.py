"""No page asks another origin for anything: a browser loads every page, and runs a snippet, and every request
(the page's, its scripts', the Pyodide worker's) goes to the local server."""

from __future__ import annotations

import collections
from urllib.parse import urlsplit

from tests.quality.pages import RUNNABLE_SNIPPET, label, pages_with_snippets, run_first_snippet, table


def origins(urls: list[str]) -> list[str]:
    counts = collections.Counter(f"{urlsplit(url).scheme}://{urlsplit(url).netloc}" for url in urls)
    return [f"{count} requests to {origin}" for origin, count in counts.most_common()]


def test_no_page_requests_another_origin(pages, site_url, local_only, figures):
    guard = local_only("light")
    rows = []
    for path in pages:
        before = len(guard.requests)
        page = guard.context.new_page()
        page.goto(site_url + path, wait_until="networkidle")
        page.close()
        rows.append([label(path), len(guard.requests) - before])
    figures += table(["page", "requests"], rows) + origins(guard.requests)
    foreign = sorted(set(guard.foreign))
    assert not foreign, "requests to other origins:\n" + "\n".join(foreign)


def test_running_a_snippet_requests_no_other_origin(pages, built_site, site_url, local_only, figures):
    guard = local_only("light")
    page = guard.context.new_page()
    for path in pages_with_snippets(built_site, pages):
        page.goto(site_url + path, wait_until="networkidle")
        if page.locator(RUNNABLE_SNIPPET).count():
            break
    else:
        raise AssertionError("no page shows a runnable snippet")
    ran = run_first_snippet(page)
    page.wait_for_load_state("networkidle")
    figures.append(f"ran {ran} on {label(path)}")
    figures += origins(guard.requests)
    foreign = sorted(set(guard.foreign))
    assert not foreign, "requests to other origins:\n" + "\n".join(foreign)
