"""Fixtures of the quality gates: the built site's pages, and browser contexts that let no request leave the local
server (each blocked request is recorded, so a gate can fail on it)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest

from tests.quality.pages import PALETTES, all_pages, content_pages


@pytest.fixture(scope="session")
def pages(built_site) -> list[str]:
    """Every page of the build: the sitemap's pages, then 404.html."""
    return all_pages(built_site)


@pytest.fixture(scope="session")
def sitemap_pages(built_site) -> list[str]:
    return content_pages(built_site)


@dataclass
class LocalOnly:
    """A browser context whose requests to any origin but the local server are blocked and recorded."""

    context: object
    local_origin: str
    requests: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)

    def _route(self, route):
        url = route.request.url
        self.requests.append(url)
        if url.startswith(("data:", "blob:")) or _origin(url) == self.local_origin:
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort("blockedbyclient")


    def _route_web_socket(self, socket):
        if _origin(socket.url.replace("ws", "http", 1)) == self.local_origin:
            socket.connect_to_server()
        else:
            self.foreign.append(socket.url)
            socket.close()


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@pytest.fixture
def local_only(browser, site_url):
    """A factory: local_only("dark") -> LocalOnly whose context prefers that colour scheme."""
    opened: list[LocalOnly] = []

    def open_context(palette: str = "light") -> LocalOnly:
        assert palette in PALETTES
        guard = LocalOnly(browser.new_context(color_scheme=palette), _origin(site_url))
        guard.context.route("**/*", guard._route)
        guard.context.route_web_socket(re.compile(".*"), guard._route_web_socket)
        opened.append(guard)
        return guard

    yield open_context
    for guard in opened:
        guard.context.close()
