"""Render docs/assets/social-card.svg to the PNG that link previews show (og:image): 1200 x 630 pixels.

Run it after changing the SVG:  .venv/bin/python -m tests.quality.render_social_card
"""

from __future__ import annotations

from playwright.sync_api import sync_playwright

from tests.conftest import CHROMIUM_ARGS, ROOT, chromium_executable

SOURCE = ROOT / "docs" / "assets" / "social-card.svg"
CARD = ROOT / "docs" / "assets" / "social-card.png"
WIDTH, HEIGHT = 1200, 630


def render() -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        page.set_content(f"<body style='margin:0'>{SOURCE.read_text(encoding='utf-8')}</body>")
        page.screenshot(path=str(CARD), clip={"x": 0, "y": 0, "width": WIDTH, "height": HEIGHT})
        browser.close()


if __name__ == "__main__":
    render()
    print(f"wrote {CARD.relative_to(ROOT)}")
