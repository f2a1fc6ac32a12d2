"""Pages rendered with the snippet extension and the site's Markdown extensions, and the snippets found in them."""

from __future__ import annotations

import functools
import html.parser
from dataclasses import dataclass, field
from pathlib import Path

import markdown

from live_snippets.extension import SnippetExtension
from tests.conftest import ROOT


@functools.cache
def site_extensions() -> tuple[list, dict]:
    """mkdocs.yml's Markdown extensions, the snippet extension left out."""
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    return [e for e in config.markdown_extensions if e != "live_snippets.extension"], config.mdx_configs


def page(text: str, root: Path, page_url: str | None = None, **options) -> str:
    """The HTML of a page's Markdown, as the site renders it (page_url: as the MkDocs plugin sets it)."""
    extensions, configs = site_extensions()
    extension = SnippetExtension(snippets_dir=str(root), **options)
    extension.page_url = page_url
    return markdown.Markdown(extensions=[*extensions, extension], extension_configs=configs).convert(text)


@dataclass
class Shown:
    """A div.snippet in a page: its attributes, the classes of the elements around it (outermost first, one list),
    and what it holds."""

    attributes: dict[str, str]
    ancestors: list[str]
    text: str = ""
    inner_tags: set[str] = field(default_factory=set)
    inner_classes: set[str] = field(default_factory=set)

    @property
    def path(self) -> str:
        return self.attributes["data-snippet"]


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def snippets_in(html_text: str) -> list[Shown]:
    found: list[Shown] = []
    stack: list[tuple[str, str, Shown | None]] = []  # (tag, class, the snippet it opens)

    class Parser(html.parser.HTMLParser):
        def handle_starttag(self, tag, attrs):
            attributes = {k: v or "" for k, v in attrs}
            classes = attributes.get("class", "")
            inside = [s for _, _, s in stack if s is not None]
            for shown in inside:
                shown.inner_tags.add(tag)
                shown.inner_classes.update(classes.split())
            if tag in VOID:
                return
            shown = None
            if tag == "div" and "snippet" in classes.split():
                shown = Shown(attributes, [name for _, c, _ in stack for name in c.split()])
                found.append(shown)
            stack.append((tag, classes, shown))

        def handle_endtag(self, tag):
            if tag in VOID or all(t != tag for t, _, _ in stack):
                return
            while stack:
                if stack.pop()[0] == tag:
                    break

        def handle_data(self, data):
            for _, _, shown in stack:
                if shown is not None:
                    shown.text += data

    Parser().feed(html_text)
    return found
