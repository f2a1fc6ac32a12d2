"""Every page is well-formed for readers, search engines and link previews: a unique title and description, a
sitemap that lists every page, a 404 page that helps, a favicon, a social preview image."""

from __future__ import annotations

import struct
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from mkdocs.config import load_config

from tests.conftest import ROOT, built_for
from tests.quality.pages import NOT_FOUND, html_file, label, read_head, table

CARD_SIZE = (1200, 630)  # the size link previews (Open Graph, Twitter/X) display without cropping


def site_description() -> str:
    return load_config(str(ROOT / "mkdocs.yml")).site_description


def test_every_page_has_a_unique_title(built_site, pages, figures):
    titles = {label(path): read_head(built_site, path).title.strip() for path in pages}
    figures += table(["page", "title"], list(titles.items()))
    assert all(titles.values()), f"pages without a <title>: {[p for p, t in titles.items() if not t]}"
    shared = {title for title in titles.values() if list(titles.values()).count(title) > 1}
    assert not shared, f"titles used by more than one page: {sorted(shared)}"


def test_every_page_has_its_own_description(built_site, sitemap_pages, figures):
    """Each page's front matter gives a `description:`; a page without one would fall back to the site's."""
    default = site_description()
    descriptions = {label(path): read_head(built_site, path).meta.get("description", "") for path in sitemap_pages}
    figures += table(["page", "characters", "description"], [[p, len(d), d[:70]] for p, d in descriptions.items()])
    missing = [page for page, description in descriptions.items() if not description.strip() or description == default]
    assert not missing, f"pages without a description of their own (front matter `description:`): {missing}"
    shared = {d for d in descriptions.values() if list(descriptions.values()).count(d) > 1}
    assert not shared, f"descriptions used by more than one page: {sorted(shared)}"


def test_the_sitemap_lists_every_page(built_site, sitemap_pages, figures):
    built = sorted(
        "" if p.parent == built_site else p.parent.relative_to(built_site).as_posix() + "/"
        for p in built_site.rglob("index.html")
    )
    figures.append(f"sitemap.xml: {len(sitemap_pages)} pages; the build has {len(built)} index.html files")
    assert sorted(sitemap_pages) == built
    assert (built_site / "sitemap.xml.gz").is_file()


def test_the_404_page_helps(built_site, sitemap_pages, site_url, local_only, figures):
    """Served at a missing address deep in the site, the 404 page keeps its styles and links to every page."""
    guard = local_only("light")
    body = html_file(built_site, NOT_FOUND).read_bytes()
    missing = site_url + "no/such/folder/page/"
    guard.context.route(missing, lambda route: route.fulfill(status=404, body=body, content_type="text/html"))
    page = guard.context.new_page()
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", lambda response: response.status >= 400 and response.url != missing and failed.append(response.url))
    page.goto(missing, wait_until="load")
    article = page.locator("article")
    links = article.locator("a").evaluate_all("links => links.map(a => a.href)")
    linked = {urlsplit(link).path.lstrip("/") for link in links}
    figures.append(f"404 page: heading {article.locator('h1').inner_text()!r}, {len(links)} links, "
                   f"search field: {page.locator('input.md-search__input').count()}")
    assert "not found" in page.title().lower()
    assert "not found" in article.locator("h1").inner_text().lower()
    assert not failed, f"the 404 page, served at {missing}, failed to load: {failed}"
    assert not set(sitemap_pages) - linked, f"pages the 404 page does not link to: {set(sitemap_pages) - linked}"
    assert page.locator("input.md-search__input").count() == 1, "the 404 page offers no search"
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky", \
        "the 404 page lost its styles"


def test_every_page_has_a_favicon(built_site, pages, figures):
    SITE_URL = built_for(built_site)  # noqa: N806
    icons = {path: read_head(built_site, path).links.get("icon", "") for path in pages}
    figures += table(["page", "favicon"], [[label(path), href] for path, href in icons.items()])
    for path, href in icons.items():
        assert href.endswith(".svg"), f"{label(path)}: favicon {href!r} is not the site's SVG"
        icon = built_site / urlsplit(urljoin(SITE_URL + path, href)).path.lstrip("/")
        assert icon.is_file(), f"{label(path)}: favicon {href!r} does not exist"
        assert "<svg" in icon.read_text(encoding="utf-8")


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is no PNG"
    return struct.unpack(">II", data[16:24])


def test_every_page_has_a_social_preview(built_site, pages, figures):
    SITE_URL = built_for(built_site)  # noqa: N806
    rows = []
    for path in pages:
        head = read_head(built_site, path)
        image = head.meta.get("og:image", "")
        assert image.startswith(SITE_URL), f"{label(path)}: og:image {image!r} is not an absolute URL on the site"
        card = built_site / image.removeprefix(SITE_URL)
        assert card.is_file(), f"{label(path)}: og:image {image!r} does not exist"
        assert png_size(card) == CARD_SIZE, f"{card.name} is {png_size(card)}, not {CARD_SIZE}"
        assert head.meta.get("twitter:image") == image
        assert head.meta.get("twitter:card") == "summary_large_image"
        assert head.meta.get("og:image:alt"), f"{label(path)}: the social image has no alt text"
        if path != NOT_FOUND:
            assert head.meta.get("og:title") == head.title.strip(), f"{label(path)}: og:title differs from <title>"
            assert head.meta.get("og:description") == head.meta.get("description"), f"{label(path)}: og:description"
            assert head.meta.get("og:url") == SITE_URL + path, f"{label(path)}: og:url {head.meta.get('og:url')!r}"
        rows.append([label(path), head.meta.get("og:title"), image.removeprefix(SITE_URL), "x".join(map(str, png_size(card)))])
    figures += table(["page", "og:title", "og:image", "size"], rows)
