"""The reader's side of a snippet (issue 14): what each output is, the stale mark after an edit, the recorded output
kept one click away after Run, the editor's keys, line numbers and kept edits, the first Run's progress, and what a
stopped or failed run says."""

from __future__ import annotations

import re

import pytest

from tests.runner.conftest import snippet_named
from tests.runner.driver import snippets_on

RECORDED = "(a test-only snippet: output not recorded)"
LOOP_FOREVER = "import asyncio\n\nasync def main():\n    print('started')\n    while True:\n        await asyncio.sleep(0.05)\n\nasyncio.run(main())\n"


def focused_is(locator) -> bool:
    return locator.evaluate("(el) => el === document.activeElement")


def visible_texts(snippet, selector: str) -> list[str]:
    return [element.inner_text() for element in snippet.root.locator(selector).all() if element.is_visible()]


def test_each_output_says_what_it_is(greet):
    assert greet.root.locator(".highlight .filename", has_text="Recorded with CPython 3.11–3.13").is_visible()
    greet.run()
    head = greet.root.locator(".snippet-live-head")
    assert head.is_visible()
    assert head.locator(".snippet-live-title").inner_text() == "Your run — CPython 3.14 in your browser"
    assert head.locator(".snippet-time-legend").inner_text() == "left column: seconds since the program started"


def test_an_edit_marks_the_recorded_output_as_the_original_codes(greet, page_a):
    note = greet.root.locator(".snippet-stale-note")
    original = greet.code
    assert not note.is_visible()
    greet.set_code(original + "\nprint('one more line')")
    assert note.is_visible() and "recorded output below is of the original code" in note.inner_text()
    assert greet.root.get_attribute("data-edited") is not None
    greet.set_code(original)
    assert not note.is_visible() and greet.root.get_attribute("data-edited") is None


def test_after_run_the_recorded_output_is_one_click_away_and_the_edit_stays(greet):
    toggle = greet.root.locator("button.snippet-recorded-toggle")
    assert not toggle.is_visible()
    edited = 'print("edited")'
    assert greet.run(edited) == "edited"
    recorded = greet.root.get_by_text(RECORDED)
    assert not recorded.is_visible() and toggle.is_visible()
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert recorded.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    assert greet.root.locator(".snippet-stale-note").is_visible(), "the shown recorded output is not marked stale"
    assert greet.code == edited and greet.panel.is_visible()
    toggle.click()
    assert not recorded.is_visible()


def test_enter_keeps_the_indentation_and_tab_indents(greet, page_a):
    greet.set_code("")
    greet.editor.focus()
    page_a.keyboard.type("def f():")
    page_a.keyboard.press("Enter")
    page_a.keyboard.type("if True:")
    page_a.keyboard.press("Enter")
    page_a.keyboard.type("pass")
    page_a.keyboard.press("Enter")
    page_a.keyboard.press("Shift+Tab")
    page_a.keyboard.type("x = 1")
    assert greet.code == "def f():\n    if True:\n        pass\n    x = 1"
    page_a.keyboard.press("Home")
    page_a.keyboard.press("Tab")
    assert greet.code.endswith("\n        x = 1")
    page_a.keyboard.press("Control+A")
    page_a.keyboard.press("Shift+Tab")
    assert greet.code == "def f():\nif True:\n    pass\n    x = 1"
    assert focused_is(greet.editor), "Tab left the editor"


def test_esc_then_tab_leaves_the_editor_and_the_hint_says_so(greet, page_a):
    hint = greet.root.locator(".snippet-hint")
    assert hint.is_visible() and "Esc then Tab leaves the code" in hint.inner_text()
    assert "Ctrl+Enter (Cmd+Enter on a Mac) runs it" in hint.inner_text()
    greet.show_editor()
    assert greet.editor.get_attribute("aria-describedby") == hint.get_attribute("id")
    cue = greet.root.locator(".highlight .filename").first.evaluate("(t) => getComputedStyle(t, '::after').content")
    assert "editable" in cue, f"the code's title shows no 'editable' cue: {cue!r}"
    greet.set_code("x = 1")
    greet.editor.focus()
    page_a.keyboard.press("End")
    page_a.keyboard.type("0")
    page_a.keyboard.press("Tab")
    assert greet.code == "x = 10  " and focused_is(greet.editor), "Tab did not indent once the reader typed"
    page_a.keyboard.press("Escape")
    page_a.keyboard.press("Tab")
    assert not focused_is(greet.editor), "Esc then Tab did not leave the editor"
    assert greet.code == "x = 10  "


def test_tab_passes_through_an_editor_the_reader_has_not_typed_in(greet, page_a):
    greet.show_editor()
    greet.editor.focus()
    page_a.keyboard.press("Tab")
    assert not focused_is(greet.editor)
    assert focused_is(greet.run_button)


def test_line_numbers_count_as_tracebacks_do(page_a):
    greet = snippet_named(page_a, "01_greet.py")
    debug = snippet_named(page_a, "04_debug_env.py")
    counter = "(el) => getComputedStyle(el.querySelector('.language-python pre > code')).counterReset"
    before = "(el) => getComputedStyle(el.querySelector('.language-python pre > code > span'), '::before').content"
    assert greet.root.evaluate(counter) == "snippet-line 0"
    assert debug.root.evaluate(counter) == "snippet-line 1"  # its "# run:" line is not shown, but counted
    assert greet.root.evaluate(before) == "counter(snippet-line)"
    assert not debug.code.startswith("#"), "the pragma line is shown as the first line"
    debug.run("import asyncio\n\n1 / 0\n")  # the third line shown: the file's fourth
    assert debug.status_text().startswith("Failed: ZeroDivisionError, line 4 ")


def test_pragmas_are_shown_by_their_labels(page_a):
    debug = snippet_named(page_a, "04_debug_env.py")
    label = debug.root.locator(".snippet-command")
    assert label.inner_text() == "Runs as PYTHONASYNCIODEBUG=1 python 04_debug_env.py"
    threads = snippet_named(page_a, "03_threads.py")
    notice = threads.root.locator(".snippet-local-only")
    assert notice.get_attribute("role") == "note" and notice.locator("svg").count() == 1
    assert notice.locator("code").inner_text() == "python -X dev 03_threads.py"
    assert "starts a thread" in notice.inner_text()
    shown = threads.root.locator(".language-python code").inner_text()
    assert shown.startswith("import threading") and "# local-only" not in shown


def test_edits_survive_a_reload_and_instant_navigation_until_reset(fresh_page_a):
    page = fresh_page_a
    greet = snippet_named(page, "01_greet.py")
    original = greet.code
    greet.set_code('print("kept")')
    page.reload()  # no sign of a reader (snippets_on moves the pointer): the edit waiting wakes the runner
    greet = snippet_named(page, "01_greet.py")
    page.wait_for_function("(el) => el.querySelector('.snippet-editor')", arg=greet.root.element_handle())
    assert greet.editor.input_value() == 'print("kept")'
    assert greet.root.locator(".snippet-stale-note").is_visible()
    assert "kept" in greet.root.locator(".language-python pre > code").inner_text(), "the highlighted code is the original"
    page.get_by_role("link", name="To page B").click()
    page.wait_for_url("**/runner-b/")
    snippets_on(page)
    page.get_by_role("link", name="Back to page A").click()
    page.wait_for_url("**/runner-a/")
    snippets_on(page)
    greet = snippet_named(page, "01_greet.py")
    page.wait_for_function("(el) => el.querySelector('.snippet-editor')", arg=greet.root.element_handle())
    assert greet.editor.input_value() == 'print("kept")'
    greet.reset_button.click()
    assert greet.code == original
    page.reload()
    snippets_on(page)
    greet = snippet_named(page, "01_greet.py")
    assert greet.code == original and not greet.root.locator(".snippet-stale-note").is_visible()


_WATCH_PROGRESS = """(el) => {
    el.__progressSeen = [];  // the bar is built at the first Run
    new MutationObserver(() => {
        const progress = el.querySelector('.snippet-progress');
        if (!progress || progress.hidden) return;
        const text = progress.querySelector('.snippet-progress-text'), bar = progress.querySelector('progress');
        el.__progressSeen.push([text.textContent, bar.value, bar.max, el.dataset.state]);
    }).observe(el, {subtree: true, childList: true, characterData: true, attributes: true});
}"""


def test_the_first_run_shows_a_bar_and_the_megabytes_fetched(fresh_page_a):
    greet = snippet_named(fresh_page_a, "01_greet.py")
    greet.root.evaluate(_WATCH_PROGRESS)
    greet.run()
    seen = greet.root.evaluate("(el) => el.__progressSeen")
    texts = [text for text, *_ in seen]
    assert seen and all(state == "loading" for *_, state in seen), seen[:5]
    assert any(re.fullmatch(r"\d+\.\d of \d+\.\d MB", text) for text in texts), texts[:10]
    loaded = [float(text.split()[0]) for text in texts]
    assert loaded == sorted(loaded) and loaded[-1] >= 5, f"less than 5 MB counted: {texts[-3:]}"
    assert not greet.root.locator(".snippet-progress").is_visible(), "the bar stays after loading"


def test_stop_says_it_was_like_ctrl_c_and_folds_the_traceback(greet):
    greet.start(LOOP_FOREVER)
    greet.wait_for_output("started")
    greet.stop_button.click()
    greet.wait_until_done()
    assert re.fullmatch(r"Stopped after \d+\.\d\d s, as if you pressed Ctrl\+C", greet.status_text())
    fold = greet.panel.locator("details.snippet-fold")
    assert fold.count() == 1 and fold.get_attribute("open") is None
    assert "KeyboardInterrupt" in fold.text_content() and "Traceback (most recent call last):" in fold.text_content()
    assert not greet.panel.get_by_text("KeyboardInterrupt", exact=True).is_visible()
    fold.locator("summary").click()
    assert greet.panel.get_by_text("KeyboardInterrupt", exact=True).is_visible()
    assert "started" in greet.output()  # what it printed before the stop is not folded


def test_stop_says_so_when_python_was_restarted(greet):
    greet.start("print('busy')\nwhile True:\n    pass\n")  # busy Python code on a page without an interrupt buffer
    greet.wait_for_output("busy")
    greet.stop_button.click()
    greet.wait_until_done()
    assert re.fullmatch(r"Stopped after \d+\.\d\d s: Python was restarted to stop this code\.", greet.status_text())
    notes = [line.text for line in greet.lines() if line.kind == "snippet-note"]
    assert notes == ["Python was restarted to stop this code."]


def test_starting_another_example_says_why_the_first_stopped(greet, count):
    greet.start(LOOP_FOREVER)
    greet.wait_for_output("started")
    count.watch_next_run()
    count.run_button.click()
    count.wait_until_done()
    assert greet.state == "stopped"
    assert greet.status_text() == "Stopped because another example started"


def test_reset_during_a_run_says_it_stopped_the_run(greet, page_a):
    greet.start(LOOP_FOREVER)
    greet.wait_for_output("started")
    greet.reset_button.click()
    page_a.wait_for_function("(el) => el.dataset.state === 'idle'", arg=greet.root.element_handle())
    assert greet.status_text() == "Reset: the run was stopped"


@pytest.mark.parametrize("code, status", [
    ("x = 1\n\nx.foo\n", r"Failed: AttributeError, line 3 \(after \d+\.\d\d s\)"),
    ("def f(:\n    pass\n", r"Failed: SyntaxError, line 1 \(after \d+\.\d\d s\)"),
    ("import sys\nsys.exit(3)\n", r"Finished in \d+\.\d\d s \(exit status 3\)"),
])
def test_a_failed_run_says_what_failed_and_where(greet, code, status):
    greet.run(code)
    assert re.fullmatch(status, greet.status_text()), greet.status_text()


def test_a_browser_limit_is_followed_by_a_note_linking_to_its_explanation(greet):
    greet.run("import socket\n\nsocket.create_connection(('example.com', 80))\n")  # no network in the page
    note = greet.panel.locator(".snippet-note").last
    assert "limit of the Python in your browser" in note.inner_text()
    link = note.locator("a")
    assert link.get_attribute("href").endswith("/#running-and-editing-an-example")
    greet.run("raise ValueError('not a browser limit')\n")
    assert not greet.panel.locator(".snippet-note").count()


def test_the_copy_button_stays_put_when_code_scrolls_sideways_on_a_phone(greet, page_a):
    viewport = page_a.viewport_size
    page_a.set_viewport_size({"width": 390, "height": 800})
    try:
        greet.set_code("print('" + "a long line " * 20 + "')\nprint(2)")
        pre = greet.root.locator(".language-python pre")
        button = pre.locator(".md-code__button").first
        button.wait_for()
        before = button.bounding_box()
        greet.editor.focus()
        page_a.keyboard.press("Control+Home")
        page_a.keyboard.press("End")
        scrolled = greet.editor.evaluate("(el) => el.scrollLeft")
        assert scrolled > 100, "the long line did not scroll"
        code = pre.locator("code")
        assert code.evaluate("(el) => el.scrollLeft") == scrolled, "the code under the editor did not follow"
        assert pre.evaluate("(el) => el.scrollLeft") == 0, "the whole block scrolled, copy button included"
        assert button.bounding_box() == before
    finally:
        page_a.set_viewport_size(viewport)
