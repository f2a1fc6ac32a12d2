"""The reader's controls: editing, Reset, the keyboard, focus, labels, palettes and a phone-sized screen."""

from __future__ import annotations

import re

import pytest

from tests.runner.conftest import snippet_named
from tests.runner.driver import runnable_snippets, snippets_on

GREET_OUTPUT = "hello from page A\ngoodbye from page A"
RECORDED = "(a test-only snippet: output not recorded)"

_SHOWN_CODE = """(el) => {
    const copy = el.cloneNode(true);
    copy.querySelectorAll("textarea, .snippet-live-output, .snippet-status, button").forEach((e) => e.remove());
    return copy.querySelector("pre")?.textContent ?? "";
}"""


def is_focused(locator) -> bool:
    return locator.evaluate("(el) => el === document.activeElement")


def test_the_recorded_output_shows_until_the_first_run(greet):
    assert greet.root.get_by_text(RECORDED).is_visible()
    assert greet.run() == GREET_OUTPUT
    assert greet.panel.is_visible()


def test_typed_code_runs_and_reset_restores_the_original(greet, page_a):
    original = greet.code
    greet.editor.click()
    page_a.keyboard.press("Control+A")
    page_a.keyboard.type('print("typed by hand")')
    assert greet.code == 'print("typed by hand")'
    assert "typed by hand" in greet.root.evaluate(_SHOWN_CODE), "the highlighted code does not follow the edit"
    assert greet.run() == "typed by hand"
    greet.reset_button.click()
    assert greet.code == original
    assert "typed by hand" not in greet.root.evaluate(_SHOWN_CODE)
    assert greet.run() == GREET_OUTPUT


def test_buttons_have_names(greet, page_a):
    assert greet.root.get_by_role("button", name=re.compile(r"^Run\b")).count() == 1
    assert greet.root.get_by_role("button", name=re.compile(r"^Reset\b")).count() == 1
    assert greet.run_button.evaluate("(el) => el.tagName") == "BUTTON"
    panel = greet.panel
    assert panel.get_attribute("role") == "log" and panel.get_attribute("aria-live") == "polite"
    assert greet.status.get_attribute("role") == "status"
    greet.start('print("started")\nwhile True:\n    pass\n')
    greet.wait_for_output("started")
    assert greet.root.get_by_role("button", name=re.compile(r"^Stop\b")).count() == 1
    greet.stop_button.click()
    greet.wait_until_done()


def test_tab_reaches_run_and_enter_runs(greet, page_a):
    page_a.locator("body").focus()
    for _ in range(300):
        page_a.keyboard.press("Tab")
        if is_focused(greet.run_button):
            break
    else:
        pytest.fail("300 presses of Tab never reached the Run button")
    greet.watch_next_run()
    page_a.keyboard.press("Enter")
    greet.wait_until_done()
    assert greet.output() == GREET_OUTPUT


@pytest.mark.parametrize("keys", ["Control+Enter", "Meta+Enter"])
def test_ctrl_or_cmd_enter_in_the_editor_runs(greet, page_a, keys):
    code = greet.code
    greet.editor.focus()
    greet.watch_next_run()
    page_a.keyboard.press(keys)
    greet.wait_until_done()
    assert greet.output() == GREET_OUTPUT
    assert greet.code == code, "the key press also edited the code"


def test_focus_stays_in_the_snippet_through_run_and_stop(greet, page_a):
    greet.set_code('print("started")\nwhile True:\n    pass\n')
    greet.run_button.focus()
    greet.watch_next_run()
    page_a.keyboard.press("Enter")
    greet.wait_for_output("started")
    assert is_focused(greet.stop_button), "Run pressed: Stop (enabled now; Run is disabled) takes the focus"
    page_a.keyboard.press("Enter")
    assert greet.wait_until_done(timeout_ms=10_000) == "stopped"
    assert is_focused(greet.run_button), "the run stopped: Run (enabled again) takes the focus back"


def test_local_only_snippets_show_their_command_and_no_run_button(page_a):
    snippet = snippet_named(page_a, "03_threads.py")
    assert snippet.state == "local-only"
    assert snippet.run_button.count() == 0
    label = snippet.root.locator(".snippet-local-only")
    assert label.is_visible()
    assert "python -X dev 03_threads.py" in label.text_content()
    assert re.search(r"runs? on your machine", label.text_content(), re.IGNORECASE)


# The contrast ratio (WCAG 2) of an element's text with what is behind it, semi-transparent colours composited.
_CONTRAST = """(el) => {
    const parse = (c) => { const v = c.match(/[\\d.]+/g).map(Number); return [v[0], v[1], v[2], v[3] ?? 1]; };
    const over = ([r, g, b, a], [R, G, B]) => [r * a + R * (1 - a), g * a + G * (1 - a), b * a + B * (1 - a)];
    const layers = [];
    for (let node = el; node; node = node.parentElement) {
        const background = parse(getComputedStyle(node).backgroundColor);
        if (background[3] > 0) layers.push(background);
        if (background[3] === 1) break;
    }
    const back = layers.reverse().reduce((below, layer) => over(layer, below), [255, 255, 255]);
    const text = over(parse(getComputedStyle(el).color), back);
    const luminance = (rgb) => rgb.map((v) => v / 255)
        .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
        .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
    const [a, b] = [luminance(text), luminance(back)];
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_output_and_controls_are_readable_in_both_palettes(page, runner_site_url, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(runner_site_url + "runner-a/")
    snippets_on(page)
    greet = snippet_named(page, "01_greet.py")
    greet.run("import sys\n\nprint('out')\nprint('err', file=sys.stderr)\n")
    page.mouse.move(0, 0)
    page.locator("body").focus()
    texts = {
        "stdout": greet.root.locator(".snippet-stdout .snippet-text"),
        "stderr": greet.root.locator(".snippet-stderr .snippet-text"),
        "time gutter": greet.root.locator(".snippet-time"), "status": greet.status,
        "Run": greet.run_button, "Reset": greet.reset_button,
        "local-only label": snippet_named(page, "03_threads.py").root.locator(".snippet-local-only"),
    }
    low = {name: round(text.first.evaluate(_CONTRAST), 2) for name, text in texts.items()}
    greet.run_button.hover()
    low["Run, hovered"] = round(greet.run_button.evaluate(_CONTRAST), 2)
    low = {name: ratio for name, ratio in low.items() if ratio < 4.5}
    assert not low, f"{scheme} palette: contrast below 4.5:1: {low}"


def test_a_phone_sized_screen_fits_the_controls(browser, runner_site_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(runner_site_url + "runner-a/")
        snippets_on(page)
        greet = snippet_named(page, "01_greet.py")
        for button in (greet.run_button, greet.reset_button):
            box = button.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= 360, f"{button} is off screen: {box}"
            assert box["height"] >= 24 and box["width"] >= 24, f"{button} is too small to tap: {box}"
        greet.watch_next_run()
        greet.run_button.tap()
        assert greet.wait_until_done() == "finished"
        assert greet.output() == GREET_OUTPUT
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 360, "the page scrolls sideways"
    finally:
        context.close()


_PRESS_RUN = """(el) => {
    el.scrollIntoView({block: "center"});
    const run = el.querySelector("button.snippet-run"), box = run.getBoundingClientRect();
    const x = box.left + box.width / 2, y = box.top + box.height / 2;
    run.dispatchEvent(new PointerEvent("pointerdown", {bubbles: true, clientX: x, clientY: y}));
    return run.contains(document.elementFromPoint(x, y));
}"""


def test_a_press_on_run_leaves_run_under_the_pointer_until_the_release(page, site_url):
    """A reader's first click on Run of a snippet far down the page: its editor, not built yet, must not be built under
    the pointer between the press and the release (the click then lands on the snippet and nothing runs)."""
    page.goto(site_url + "tasks/")
    snippet = [s for s in runnable_snippets(page) if not s.root.evaluate("(el) => !!el.closest('details')")][-1]
    assert not snippet.editor.count(), f"{snippet.path}: its editor is built before the snippet nears the viewport"
    assert snippet.root.evaluate(_PRESS_RUN), f"{snippet.path}: after a press on Run, Run is no longer under the pointer"
    snippet.start()
    assert snippet.wait_until_done() == "finished"
