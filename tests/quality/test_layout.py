"""Nothing jumps under the reader's pointer: a snippet's Run button stays where it was shown when the snippet's code,
whose rendering is skipped below the fold (content-visibility), renders and gets its editor as it comes into view."""

from __future__ import annotations

import pytest

from tests.quality.pages import VIEWPORTS, label, pages_with_snippets, table
from tests.runner.driver import wait_for_enhancement

# Scrolls to each runnable snippet outside a collapsed block; returns how far its Run button moved within it meanwhile
# (CSS pixels), and the height of one code line there.
RUN_BUTTON_MOVES = """async () => {
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const moves = [];
  for (const root of document.querySelectorAll("div.snippet:not([data-local-only])")) {
    if (root.closest("details")) continue;
    const button = root.querySelector("button.snippet-run");
    const offset = () => button.getBoundingClientRect().top - root.getBoundingClientRect().top;
    const before = offset();
    root.scrollIntoView();
    for (let i = 0; i < 200 && !root.querySelector(".snippet-editor"); i++) await frame();
    await frame();
    await frame();
    const line = root.querySelector(".highlight code > span").getBoundingClientRect().height;
    moves.push({ snippet: root.dataset.snippet, moved: Math.abs(offset() - before), line, editor: Boolean(root.querySelector(".snippet-editor")) });
  }
  return moves;
}"""


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_run_buttons_hold_still_as_snippets_come_into_view(viewport, pages, built_site, site_url, local_only, figures):
    page = local_only().context.new_page()
    page.set_viewport_size(VIEWPORTS[viewport])
    problems, rows = [], []
    for path in pages_with_snippets(built_site, pages):
        page.goto(site_url + path)
        wait_for_enhancement(page)
        moves = page.evaluate(RUN_BUTTON_MOVES)
        for move in moves:
            if not move["editor"]:
                problems.append(f"{move['snippet']}: no editor was built once it came into view")
            # A long file name can wrap the code's title to a second line on a phone: one line's height at most.
            elif move["moved"] > move["line"] + 1:
                problems.append(f"{move['snippet']}: its Run button moved {move['moved']:.0f} px as its code rendered")
        rows.append([label(path), len(moves), f"{max((m['moved'] for m in moves), default=0):.0f}"])
    figures += table(["page", "snippets", "largest move (px)"], rows)
    assert not problems, f"{viewport}:\n" + "\n".join(problems)
