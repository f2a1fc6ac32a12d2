"""The built site's pages, found from the build itself (its sitemap), and what the quality gates share."""

from __future__ import annotations

import html.parser
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import expect

from tests.conftest import ROOT
from tests.runner.driver import click_when_still

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
NOT_FOUND = "404.html"
RUNNABLE_SNIPPET = "div.snippet:not([data-local-only])"
PALETTES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> Material's data-md-color-scheme
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 720}}
SNIPPET_RUN_TIMEOUT_MS = 120_000  # the first Run loads Pyodide; slow CI machines need the margin


def content_pages(site: Path) -> list[str]:
    """Paths, relative to the site root, of every page in sitemap.xml ("" is the home page)."""
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = ET.parse(site / "sitemap.xml").findall("s:url/s:loc", namespace)
    return [urlsplit(location.text.strip()).path.lstrip("/") for location in locations]


def all_pages(site: Path) -> list[str]:
    """Every page a reader can land on: the sitemap's pages and the 404 page."""
    return [*content_pages(site), NOT_FOUND]


def html_file(site: Path, path: str) -> Path:
    return site / path / "index.html" if path == "" or path.endswith("/") else site / path


def pages_with_snippets(site: Path, pages: list[str]) -> list[str]:
    return [path for path in pages if 'class="snippet"' in html_file(site, path).read_text(encoding="utf-8")]


def label(path: str) -> str:
    return path or "(home)"


@dataclass
class Head:
    """What a page's <head> says about it."""

    title: str = ""
    meta: dict[str, str] = field(default_factory=dict)  # name= or property= -> content
    links: dict[str, str] = field(default_factory=dict)  # rel -> href


class _HeadParser(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.head, self._in_title, self._in_head = Head(), False, True

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if not self._in_head:
            return
        if tag == "title":
            self._in_title = True
        elif tag == "meta" and "content" in attributes:
            key = attributes.get("name") or attributes.get("property")
            if key:
                self.head.meta[key] = attributes["content"]
        elif tag == "link" and "rel" in attributes:
            self.head.links[attributes["rel"]] = attributes.get("href", "")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag == "head":
            self._in_head = False

    def handle_data(self, data):
        if self._in_title:
            self.head.title += data


def read_head(site: Path, path: str) -> Head:
    parser = _HeadParser()
    parser.feed(html_file(site, path).read_text(encoding="utf-8"))
    return parser.head


def run_first_snippet(page) -> str:
    """Click Run on the page's first runnable snippet and wait until it finished; its data-snippet."""
    snippet = page.locator(RUNNABLE_SNIPPET).first
    run = snippet.locator("button.snippet-run")
    assert run.count() == 1, f"{page.url}: {run.count()} Run buttons in the first runnable div.snippet"
    click_when_still(run, page.url)  # the page renders it; a click before the runner has loaded is kept
    try:  # nothing else runs: Run starts loading Python, or runs, at once
        expect(snippet).to_have_attribute("data-state", re.compile("^(loading|running|finished)$"), timeout=10_000)
    except AssertionError as error:
        raise AssertionError(f"{page.url}: the click reached Run, but no run started") from error
    expect(snippet).to_have_attribute("data-state", "finished", timeout=SNIPPET_RUN_TIMEOUT_MS)
    return snippet.get_attribute("data-snippet")


def table(header: list[str], rows: list[list[object]]) -> list[str]:
    """Rows as aligned text columns, for a gate's printed figures."""
    cells = [header, *[[str(cell) for cell in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    return ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in cells]
