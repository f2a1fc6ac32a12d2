"""Every page prints readably in either palette: dark ink on white paper, no site chrome or buttons, code that wraps
instead of running off the page, and collapsed blocks (such as "predict the output") printed open."""

from __future__ import annotations

import pytest

from tests.quality.pages import PALETTES, label, table

A4_AT_96_DPI = {"width": 794, "height": 1123}

# Runs in the page under print emulation; returns what would print badly.
PRINT_AUDIT = """() => {
  const paperContrast = (color) => {
    const [r, g, b, a = 1] = color.match(/[\\d.]+/g).map(Number);
    const ink = [r, g, b].map((c) => 255 - (255 - c) * a);  // the colour over white paper
    const lum = ink.map((c) => c / 255).map((c) => c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    const y = 0.2126 * lum[0] + 0.7152 * lum[1] + 0.0722 * lum[2];
    return 1.05 / (y + 0.05);
  };
  const visible = (el) => el.checkVisibility({ visibilityProperty: true, opacityProperty: true });
  const name = (el) => el.tagName.toLowerCase() + (el.className && typeof el.className === "string"
    ? "." + el.className.trim().split(/\\s+/).join(".") : "");
  const problems = [];
  for (const selector of [".md-header", ".md-sidebar", ".md-footer", ".md-top", ".md-search"]) {
    document.querySelectorAll(selector).forEach((el) => visible(el) && problems.push(`${selector} is printed`));
  }
  const article = document.querySelector("article");
  let checked = 0;
  for (const el of article.querySelectorAll("*")) {
    const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    if (!ownText || !visible(el)) continue;
    checked += 1;
    const contrast = paperContrast(getComputedStyle(el).color);
    if (contrast < 4.5) problems.push(`${name(el)} "${el.textContent.trim().slice(0, 30)}": contrast ${contrast.toFixed(2)} on paper`);
  }
  article.querySelectorAll("button").forEach((el) => visible(el) && problems.push(`button "${el.textContent.trim() || el.title}" is printed`));
  article.querySelectorAll("pre").forEach((el) => {
    if (visible(el) && el.scrollWidth > el.clientWidth + 1) problems.push(`${name(el)} runs ${el.scrollWidth - el.clientWidth}px off the page`);
  });
  article.querySelectorAll("details > :not(summary)").forEach((el) => {
    if (!visible(el)) problems.push(`collapsed content not printed: "${el.textContent.trim().slice(0, 30)}"`);
  });
  return { checked, problems: [...new Set(problems)] };
}"""


@pytest.mark.parametrize("palette", PALETTES)
def test_every_page_prints_readably(palette, pages, site_url, local_only, figures):
    guard = local_only(palette)
    found, rows = {}, []
    for path in pages:
        page = guard.context.new_page()
        page.set_viewport_size(A4_AT_96_DPI)
        page.emulate_media(media="print")  # before loading: switched later, colour transitions would still run
        page.goto(site_url + path, wait_until="load")
        result = page.evaluate(PRINT_AUDIT)
        found[label(path)] = result["problems"]
        rows.append([label(path), result["checked"], len(result["problems"])])
        page.close()
    figures += table(["page", "text elements checked", "problems"], rows)
    problems = [f"{page}: {problem}" for page, lines in found.items() for problem in lines]
    assert not problems, f"printing in the {palette} palette:\n" + "\n".join(problems[:60])
