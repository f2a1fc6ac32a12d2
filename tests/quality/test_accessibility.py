"""axe-core finds no violation on any page, in the light and the dark palette: as the reader first sees the page
(blocks below the fold not yet rendered, content tabs as they start), with every block rendered, and after running
a snippet."""

from __future__ import annotations

import time

import pytest

from tests.quality.pages import (
    AXE,
    PALETTES,
    RUNNABLE_SNIPPET,
    VIEWPORTS,
    label,
    pages_with_snippets,
    run_first_snippet,
    table,
)
from tests.runner.driver import visit


def open_page(guard, site_url: str, path: str, palette: str, viewport: str = "desktop"):
    page = guard.context.new_page()
    page.set_viewport_size(VIEWPORTS[viewport])
    page.goto(site_url + path, wait_until="load")
    scheme = page.evaluate("document.body.dataset.mdColorScheme")
    assert scheme == PALETTES[palette], f"{label(path)}: asked for the {palette} palette, got {scheme!r}"
    return page


def axe_violations(page, *, render_all: bool = True) -> list[str]:
    """One line per violation: rule, impact, and the elements it found."""
    if render_all:
        # Blocks below the fold skip rendering (content-visibility: auto) until scrolled to: render them all for axe.
        page.add_style_tag(content="* { content-visibility: visible !important; }")
    # Then check the settled page: rendering those blocks moves the scroll position, and Material answers with a
    # fading "Back to top" button; colours mid-transition are no one's final colours.
    page.wait_for_timeout(300)
    page.wait_for_function(
        "document.getAnimations().every(a => a.playState !== 'running' || a.effect.getTiming().iterations === Infinity)",
        timeout=10_000,
    )
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("axe.run(document).then(result => result.violations)")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} - "
        + "; ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        + (f" and {len(v['nodes']) - 5} more" if len(v["nodes"]) > 5 else "")
        for v in violations
    ]


def problems(found: dict[str, list[str]]) -> list[str]:
    return [f"{page}: {line}" for page, lines in found.items() for line in lines]


@pytest.mark.parametrize("palette", PALETTES)
def test_axe_finds_no_violation_on_any_page(palette, pages, site_url, local_only, figures):
    guard = local_only(palette)
    found, rows = {}, []
    for path in pages:
        phone = open_page(guard, site_url, path, palette, "phone")
        found[f"{label(path)} (phone, first sight)"] = axe_violations(phone, render_all=False)
        phone.close()
        desktop = open_page(guard, site_url, path, palette, "desktop")
        found[f"{label(path)} (desktop, first sight)"] = axe_violations(desktop, render_all=False)
        found[f"{label(path)} (every block rendered)"] = axe_violations(desktop)
        desktop.close()
        rows.append([label(path), *(len(lines) for lines in list(found.values())[-3:])])
    figures += table(["page", "phone, first sight", "desktop, first sight", "every block rendered"], rows)
    assert not problems(found), f"axe-core, {palette} palette:\n" + "\n".join(problems(found))


@pytest.mark.parametrize("palette", PALETTES)
def test_axe_finds_no_violation_after_running_a_snippet(palette, pages, built_site, site_url, local_only, figures):
    guard = local_only(palette)
    found, rows = {}, []
    # One page, moved from page to page by following links (instant navigation), as a reader does: Python loads once.
    page = guard.context.new_page()
    page.set_viewport_size(VIEWPORTS["desktop"])
    for path in pages_with_snippets(built_site, pages):
        visit(page, site_url + path)
        scheme = page.evaluate("document.body.dataset.mdColorScheme")
        assert scheme == PALETTES[palette], f"{label(path)}: asked for the {palette} palette, got {scheme!r}"
        if page.locator(RUNNABLE_SNIPPET).count():
            started = time.monotonic()
            snippet = run_first_snippet(page)
            found[label(path)] = axe_violations(page)
            rows.append([label(path), snippet, f"{time.monotonic() - started:.1f}", len(found[label(path)])])
    page.close()
    figures += table(["page", "snippet run", "seconds to finish", "violations after"], rows)
    assert found, "no page has a runnable snippet to run"
    assert not problems(found), f"axe-core after running a snippet, {palette} palette:\n" + "\n".join(problems(found))
    foreign = sorted(set(guard.foreign))
    assert not foreign, "requests to other origins:\n" + "\n".join(foreign)
