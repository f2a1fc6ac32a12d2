"""input() in the browser runtime (live_snippets/assets/runtime.py) under CPython 3.13+, with a fake host whose
readLine answers as the worker does (worker.js, input-channel.js): lines in order, Ctrl+D, Stop, a pending SIGINT,
and no keyboard at all (a page that is not cross-origin isolated)."""

from __future__ import annotations

import json
import subprocess
import textwrap

import pytest

from live_snippets.plugin import CONTRACT
from tests.live_snippets.test_runtime import HARNESS, RUNTIME_PYTHON

# Runs each case's code with a host that answers readLine from the case's list (JSON: a line, a number, null).
SCRIPT = """
import json, shutil, signal, sys, tempfile
from pathlib import Path
sys.path.insert(0, {harness_dir!r})
import runtime_harness
runtime_harness.fake_pyodide()
sys.path.insert(0, str(runtime_harness.ASSETS))
import runtime

class Host(runtime_harness.FakeHost):
    def __init__(self, answers):
        super().__init__()
        self.answers, self.prompts, self.late_signal = list(answers), [], False

    def output(self, stream, text):
        super().output(stream, text)
        if self.late_signal and stream == "stderr":  # as the page's second SIGINT, come while the report is printed
            self.late_signal = False
            signal.raise_signal(signal.SIGINT)

    def readLine(self, prompt):  # noqa: N802
        self.prompts.append(prompt)
        answer = self.answers.pop(0)
        if answer == "JS null":  # what Pyodide makes of JavaScript's null: pyodide.ffi.jsnull, which is not None
            return type("JsNull", (), {{}})()
        if answer == {interrupted}:  # as the page's SIGINT: Python raises KeyboardInterrupt at its next check
            signal.raise_signal(signal.SIGINT)
        if answer == "Stop, then a late SIGINT":
            self.late_signal = True
            return {stopped}
        return answer

cases = json.load(sys.stdin)
home = Path(tempfile.mkdtemp())
runtime.HOME, runtime.ROOT = str(home), str(home / "snippets")
host = Host([])
try:
    runtime.setup(host)
    results = []
    for case in cases:
        current = runtime.host = host if case["answers"] is not None else runtime_harness.FakeHost()
        current.pieces.clear()
        host.answers, host.prompts = list(case["answers"] or []), []
        try:
            status = runtime.run(case["code"], "01_x.py", "page", "{{}}")
        except BaseException as error:  # the worker would report the runtime as crashed
            status = "run() raised " + type(error).__name__
        results.append({{"status": status, "lines": current.lines(), "prompts": host.prompts}})
    sys.__stdout__.write(json.dumps(results))
except BaseException:
    import traceback
    traceback.print_exc(file=sys.__stderr__)
    sys.exit(1)
finally:
    shutil.rmtree(home)
"""

CODES = CONTRACT["input"]
TWO_LINES = "name = input('Name? ')\nage = input()\nprint(f'{name} is {age}')\n"
CASES = {
    "two lines": (TWO_LINES, ["Ann", "7"]),
    "Ctrl+D": ("try:\n    input('? ')\nexcept EOFError as error:\n    print('EOFError:', error)\n", [CODES["ended"]]),
    "Stop": ("input('? ')\n", [CODES["stopped"]]),
    "a late SIGINT": ("input('? ')\n", ["Stop, then a late SIGINT"]),
    "the run after it": ("print('next')\n", []),
    "SIGINT pending": ("input('? ')\n", [CODES["interrupted"], "never read"]),
    "no keyboard": ("input('? ')\n", [None]),
    "no keyboard (JS null)": ("input('? ')\n", ["JS null"]),
    "host without readLine": ("input('? ')\n", None),
    "stdin lines": ("import sys\nfor line in sys.stdin:\n    print(repr(line))\nprint('end')\n",
                    ["a", "", "b", CODES["ended"]]),
    "stdin read": ("import sys\nprint(repr(sys.stdin.read()))\n", ["a", "b", CODES["ended"]]),
    "stdin readline(size)": ("import sys\nprint(sys.stdin.readline(0), repr(sys.stdin.readline(2)), "
                             "repr(sys.stdin.readline()))\n", ["abc"]),
    "stdin without a keyboard": ("import sys\nprint(repr(sys.stdin.readline()), repr(sys.stdin.read()))\n",
                                 [None, None]),
    "stdin on a host without readLine": ("import sys\nprint(repr(sys.stdin.readline()))\n", None),
}


@pytest.fixture(scope="module")
def results():
    if RUNTIME_PYTHON is None:
        pytest.skip("runtime.py needs CPython 3.13+, not found here")
    script = SCRIPT.format(harness_dir=str(HARNESS.parent), interrupted=CODES["interrupted"], stopped=CODES["stopped"])
    cases = [{"code": code, "answers": answers} for code, answers in CASES.values()]
    done = subprocess.run([RUNTIME_PYTHON.executable, "-c", textwrap.dedent(script)], input=json.dumps(cases),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return dict(zip(CASES, json.loads(done.stdout)))


def text(result) -> str:
    return "\n".join(line for _, line in result["lines"])


def test_two_input_calls_read_two_lines_in_order(results):
    result = results["two lines"]
    assert result["status"] == 0
    assert result["prompts"] == ["Name? ", ""]
    assert text(result) == "Name? Ann is 7"


def test_ctrl_d_is_eof_as_at_a_terminal(results):
    assert text(results["Ctrl+D"]) == "? EOFError: EOF when reading a line"


@pytest.mark.parametrize("case", ["Stop", "SIGINT pending"])
def test_stop_while_waiting_raises_keyboard_interrupt_at_the_input_call(results, case):
    result = results[case]
    assert result["status"] == 130
    lines = text(result).splitlines()
    assert lines[0] == "? Traceback (most recent call last):"  # the prompt's line (the worker echoes ^C first)
    assert '  File "01_x.py", line 1, in <module>' in lines and lines[-1] == "KeyboardInterrupt", lines
    if case == "SIGINT pending":
        assert result["prompts"] == ["? "], "input() asked again after the signal"


@pytest.mark.parametrize("case", ["no keyboard", "no keyboard (JS null)", "host without readLine"])
def test_without_a_keyboard_input_raises_the_clear_eof_error(results, case):
    result = results[case]
    assert result["status"] == 1
    assert text(result).splitlines()[-1].startswith("EOFError: input() cannot read from a keyboard in the browser")


def test_sys_stdin_reads_the_typed_lines_as_from_a_terminal(results):
    assert text(results["stdin lines"]).splitlines() == ["'a\\n'", "'\\n'", "'b\\n'", "end"]
    assert results["stdin lines"]["prompts"] == ["", "", "", ""]
    assert text(results["stdin read"]) == "'a\\nb\\n'"
    assert text(results["stdin readline(size)"]) == " 'ab' 'c\\n'"
    assert results["stdin readline(size)"]["prompts"] == [""], "the rest of a line is read again from the keyboard"


@pytest.mark.parametrize("case, printed", [("stdin without a keyboard", "'' ''"),
                                           ("stdin on a host without readLine", "''")])
def test_without_a_keyboard_sys_stdin_is_empty_as_with_dev_null(results, case, printed):
    assert results[case]["status"] == 0
    assert text(results[case]) == printed


def test_a_sigint_that_comes_after_the_program_has_ended_is_ignored(results):
    """Stop sends SIGINT, and again 100 ms later if the run has not ended; the second may come while the
    KeyboardInterrupt is reported or the interpreter is cleaned up, which it must not break."""
    assert results["a late SIGINT"]["status"] == 130
    assert text(results["a late SIGINT"]).splitlines()[-1] == "KeyboardInterrupt"
    assert results["the run after it"]["status"] == 0 and text(results["the run after it"]) == "next"
    assert results["SIGINT pending"]["status"] == 130, "Stop no longer interrupts the runs after"
