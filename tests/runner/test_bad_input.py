"""Bad input is harmless: output is text, a flood is capped, input() and fatal errors leave the runner usable."""

from __future__ import annotations

import re

import pytest

from live_snippets import cpython
from live_snippets.plugin import CONTRACT

MAX_LINES = CONTRACT["output"]["maxLines"]


def test_html_in_output_shows_literally(greet, page_a):
    markup = '<img src=x onerror="window.injected = 1"><b>bold</b>'
    code = f"import sys\n\nprint({markup!r})\nprint({markup!r}, file=sys.stderr)\n"
    assert greet.run(code) == f"{markup}\n{markup}"
    assert greet.panel.locator("img, b").count() == 0
    assert page_a.evaluate("() => window.injected") is None


def test_a_flood_of_output_is_capped_and_the_page_stays_responsive(greet, page_a):
    page_a.evaluate("""() => {
        window.longestGap = 0;
        let last = performance.now();
        window.gapTimer = setInterval(() => {
            const now = performance.now();
            window.longestGap = Math.max(window.longestGap, now - last);
            last = now;
        }, 20);
    }""")
    greet.start("for number in range(1_000_000):\n    print(number)\n")
    assert greet.wait_until_done(timeout_ms=120_000) == "finished"
    longest_gap = page_a.evaluate("() => { clearInterval(window.gapTimer); return window.longestGap; }")
    # Rendering a million lines blocks for many seconds; the margin is for a machine busy with other tests.
    assert longest_gap < 1500, f"the page's main thread was blocked for {longest_gap:.0f} ms"
    stdout = greet.root.locator(".snippet-line.snippet-stdout .snippet-text")
    assert stdout.count() == MAX_LINES, f"{stdout.count()} lines in the panel"
    assert stdout.nth(MAX_LINES - 1).text_content() == str(MAX_LINES - 1), "the first lines are the ones shown"
    note = greet.root.locator(".snippet-line.snippet-note")
    assert note.count() == 1 and note.is_visible()
    assert note.text_content() == f"{1_000_000 - MAX_LINES:,} more lines were not shown (the page shows the first {MAX_LINES} lines)."
    assert greet.run("print('after the flood')") == "after the flood"


def test_input_gets_a_clear_message_instead_of_a_prompt(greet, page_a):
    dialogs = []
    page_a.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    greet.start("name = input('Your name? ')\nprint('hello', name)\n")
    greet.wait_until_done(timeout_ms=20_000)
    assert dialogs == [], f"a browser prompt opened: {dialogs}"
    messages = [  # what the runner says, without the traceback's lines that quote the code
        line for line in [*greet.output().splitlines(), greet.status_text()]
        if not line.startswith(("  File ", "    ", "Traceback")) and not line.startswith("Your name?")
    ]
    assert any("input" in line.lower() for line in messages), f"no message about input(): {messages}"
    assert "hello" not in greet.output()
    assert greet.run("print('still usable')") == "still usable"


ENDINGS = {
    "sys.exit()": ("import sys\n\nprint('before')\nsys.exit()\nprint('after')\n", "before"),
    "sys.exit(message)": ("import sys\n\nprint('before')\nsys.exit('bye')\n", "before\nbye"),
    "KeyboardInterrupt": (
        "print('before')\nraise KeyboardInterrupt\n",
        'before\nTraceback (most recent call last):\n  File "{name}", line 2, in <module>\n'
        "    raise KeyboardInterrupt\nKeyboardInterrupt",
    ),
    "RecursionError": (
        "def again():\n    again()\n\n\ntry:\n    again()\nexcept RecursionError as error:\n"
        "    print(type(error).__name__, error)\n",
        "RecursionError maximum recursion depth exceeded",
    ),
    "MemoryError": (
        "chunks = []\ntry:\n    while True:\n        chunks.append(bytearray(2**27))\nexcept MemoryError:\n"
        "    print('MemoryError after', len(chunks) > 1)\n",
        "MemoryError after True",
    ),
}


@pytest.mark.parametrize("code, expected", ENDINGS.values(), ids=ENDINGS.keys())
def test_an_abrupt_ending_leaves_the_runner_usable(greet, code, expected):
    expected = expected.format(name=greet.file_name)
    actual = greet.run(code)
    assert cpython.outputs_match(expected, actual), cpython.diff(expected, actual, "CPython", "browser")
    assert greet.state == "finished", "an exception in the snippet ends its run; only a crash of the runtime fails it"
    assert not re.search(r"pyodide|<exec>", actual, re.IGNORECASE), actual
    assert greet.run("print('still usable')") == "still usable"


def test_an_uncaught_recursion_error_leaves_the_runner_usable(greet):
    actual = greet.run("def again():\n    again()\n\n\nagain()\n")
    assert actual.splitlines()[-1] == "RecursionError: maximum recursion depth exceeded"
    assert greet.run("print('still usable')") == "still usable"
