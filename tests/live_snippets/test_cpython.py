"""Running snippets under CPython and comparing outputs (live_snippets/cpython.py)."""

import signal
import sys

import pytest

from live_snippets import cpython, record
from live_snippets.snippet import Snippet

THIS_PYTHON = cpython.Interpreter(sys.version_info[:2], "%d.%d.%d" % sys.version_info[:3], sys.executable)


def test_stdout_and_stderr_keep_their_order_and_paths_are_short(tmp_path):
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "01_x.py").write_text(
        "import sys\nprint('out 1')\nprint('err', file=sys.stderr)\nprint('out 2')\nraise ValueError('boom')\n"
    )
    output = cpython.run(Snippet(tmp_path, "page/01_x.py"), THIS_PYTHON)
    assert output.text.startswith("out 1\nerr\nout 2\nTraceback (most recent call last):\n")
    assert 'File "01_x.py", line 5, in <module>' in output.text
    assert str(tmp_path) not in output.text


def test_each_line_keeps_its_stream(tmp_path):
    (tmp_path / "01_x.py").write_text(
        "import sys, warnings\nprint('out')\nprint('err', file=sys.stderr)\nprint(file=sys.stderr)\n"
        "print('half', end='')\nprint(' done', file=sys.stderr)\nwarnings.warn('careful')\nprint('out 2')\n"
        "print(type(sys.stderr).__name__, sys.stderr.name, sys.stderr.fileno(), sys.stderr.isatty())\n"
    )
    output = cpython.run(Snippet(tmp_path, "01_x.py"), THIS_PYTHON)
    assert output.text.split("\n") == [
        "out", "err", "", "half done", "01_x.py:7: UserWarning: careful", "  warnings.warn('careful')", "out 2",
        "TextIOWrapper <stderr> 2 False", "",
    ]
    assert output.stderr == {1, 2, 4, 5}  # "half done" begins on stdout


def test_ctrl_c_reaches_a_snippet_as_in_a_terminal_even_when_the_tests_ignore_it(tmp_path):
    """A script that starts the tests in the background makes them inherit SIGINT ignored (as CI may)."""
    (tmp_path / "01_x.py").write_text(
        "import signal\ntry:\n    signal.raise_signal(signal.SIGINT)\nexcept KeyboardInterrupt:\n    print('Ctrl+C')\n"
    )
    ignored = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        output = cpython.run(Snippet(tmp_path, "01_x.py"), THIS_PYTHON)
    finally:
        signal.signal(signal.SIGINT, ignored)
    assert output.text == "Ctrl+C\n"


def test_streams_are_compared():
    expected = cpython.Output("out\nerr\n", frozenset({1}))
    assert cpython.outputs_match(expected, cpython.Output.from_lines([("stdout", "out"), ("stderr", "err")]))
    assert not cpython.outputs_match(expected, cpython.Output.from_lines([("stdout", "out"), ("stdout", "err")]))
    assert not cpython.outputs_match(expected, "out\nerr\n")  # a plain string is all stdout


def test_the_run_pragma_is_obeyed(tmp_path):
    (tmp_path / "01_x.py").write_text("# run: PYTHONASYNCIODEBUG=1 python -X dev 01_x.py\nimport sys, os\n"
                                      "print(sys.flags.dev_mode, os.environ['PYTHONASYNCIODEBUG'])\n")
    assert cpython.run(Snippet(tmp_path, "01_x.py"), THIS_PYTHON).text == "True 1\n"


@pytest.mark.parametrize(
    "expected, actual",
    [
        ("<coroutine object f at 0x7f0cc7d45cc0>", "<coroutine object f at 0x7f8aeeda9780>"),
        ("took 2.0 s", "took 2.1 s"),
        ("took 2.0 s", "took 2.25 s"),  # up to 0.25 s late
        ("took 10.0 s", "took 11.0 s"),  # ... or 10 % late
        ("took 2.0 s", "took 1.95 s"),  # at most 0.05 s early
        ("took 0.250 seconds", "took 0.300 seconds"),
        ("1.0 second", "1.1 second"),
        ("after 500 ms", "after 600 ms"),
        ('Traceback (most recent call last):\n  File "x.py", line 3, in <module>\n    f()\n    ~^^\nValueError',
         'Traceback (most recent call last):\n  File "x.py", line 3, in <module>\n    f()\n'
         '  File ".../asyncio/runners.py", line 194, in run\n    return runner.run(main)\n           ^^^^^^^^\nValueError'),
    ],
)
def test_what_genuinely_varies_is_ignored(expected, actual):
    assert cpython.outputs_match(expected, actual)


@pytest.mark.parametrize(
    "expected, actual",
    [
        ("took 1.0 s", "took 2.0 s"),  # concurrency lost: a real difference
        ("took 2.0 s", "took 2.3 s"),  # more than 0.25 s (and 10 %) late
        ("took 2.0 s", "took 1.9 s"),  # early: a sleep that did not happen
        ("after 500 ms", "after 400 ms"),
        ("took 2.0 s", "took 2.0 ms"),
        ("switch interval 0.005", "switch interval 0.006"),  # not a time: exact
        ("Python 3.12", "Python 3.13"),
        ("counted 1.0 items", "counted 1.1 items"),
        ("3 tasks", "4 tasks"),
        ("a\nb", "b\na"),
        ("done", "done\nextra line"),
        ("Task-1", "Task-2"),
        ('  File "x.py", line 3, in <module>', '  File "x.py", line 4, in <module>'),
    ],
)
def test_real_differences_are_not(expected, actual):
    assert not cpython.outputs_match(expected, actual)


def test_interpreters_are_found_and_include_this_one():
    versions = [i.version for i in cpython.find_interpreters()]
    assert sys.version_info[:2] in versions
    assert versions == sorted(set(versions))


def test_the_runners_and_pyodides_own_files_are_found_in_raw_output():
    leaked = [
        '  File "/home/pyodide/.live_snippets/live_snippets_runtime.py", line 331, in run',
        '  File ".../_pyodide/_base.py", line 597, in eval_code',
        '  File "/lib/python314.zip/pyodide/webloop.py", line 10, in run_until_complete',
        "pyodide.ffi.JsException: TypeError",
    ]
    clean = ['  File "01_x.py", line 3, in <module>', '  File ".../asyncio/runners.py", line 195, in run',
             "/home/pyodide/snippets is where helpers live"]
    assert cpython.internal_lines("\n".join(leaked + clean)) == leaked


# --- recording (live_snippets/record.py) ---------------------------------------------------------------------


def _snippet(tmp_path, code: str, **recorded: str) -> Snippet:
    (tmp_path / "page").mkdir(exist_ok=True)
    (tmp_path / "page" / "01_x.py").write_text(code)
    for name, text in recorded.items():  # out="...", v3_12="..." for 01_x.3.12.out
        (tmp_path / "page" / ("01_x.out" if name == "out" else f"01_x.{name[1:].replace('_', '.')}.out")).write_text(text)
    return Snippet(tmp_path, "page/01_x.py")


def test_a_recording_for_a_version_not_run_is_kept(tmp_path):
    version = "%d.%d" % THIS_PYTHON.version
    snippet = _snippet(tmp_path, "print('new')\n", out="recorded under 3.14\n", **{f"v{version.replace('.', '_')}": "new\n"})
    assert record.record(snippet, [THIS_PYTHON]) == []
    assert snippet.default_output_file.read_text() == "recorded under 3.14\n"  # 3.14 did not run here
    # a changed snippet whose kept recordings may be stale is refused (tests/live_snippets/test_record.py)
    with pytest.raises(record.Unverified):
        record.record(_snippet(tmp_path, "print('newer')\n"), [THIS_PYTHON])
    assert snippet.default_output_file.read_text() == "recorded under 3.14\n"


def test_an_override_for_a_version_not_run_is_not_deleted(tmp_path):
    assert THIS_PYTHON.version == (3, 11), "written for the venv's Python 3.11"
    snippet = _snippet(tmp_path, "print('new')\n", out="new\n", v3_12="older\n")
    with pytest.raises(record.Unverified):  # 3.11 prints something new: 3.12's recording may be stale
        record.record(snippet, [THIS_PYTHON])
    assert (tmp_path / "page" / "01_x.3.12.out").read_text() == "older\n"


def test_a_run_that_timed_out_records_nothing(tmp_path, monkeypatch):
    snippet = _snippet(tmp_path, "print('x')\n", out="recorded\n")
    monkeypatch.setattr(cpython, "run", lambda s, i: cpython.Output("x\n[the test stopped this snippet]\n", complete=False))
    assert record.record(snippet, [THIS_PYTHON]) == []
    assert snippet.default_output_file.read_text() == "recorded\n"


def test_a_changed_time_is_not_hidden_by_a_kept_recording(tmp_path):
    snippet = _snippet(tmp_path, "print('took 0.5 s')\n", out="took 0.4 s\n")
    with pytest.raises(record.Unverified):
        record.record(snippet, [THIS_PYTHON])
    record.record(snippet, [THIS_PYTHON], replace_unverified=True)
    assert snippet.expected_output(THIS_PYTHON.version).text == "took 0.5 s\n"


def test_stderr_lines_are_recorded_beside_the_output(tmp_path, monkeypatch):
    monkeypatch.setattr(cpython, "SUPPORTED", [THIS_PYTHON.version])
    snippet = _snippet(tmp_path, "import sys\nprint('out')\nprint('a', file=sys.stderr)\nprint('b', file=sys.stderr)\n")
    record.record(snippet, [THIS_PYTHON])
    assert (tmp_path / "page" / "01_x.stderr").read_text().splitlines()[1:] == ["2-3"]
    assert snippet.outputs[-1].stderr == {1, 2}
    snippet.file.write_text("print('out')\n")
    assert record.record(snippet, [THIS_PYTHON]) == ["page/01_x.out", "page/01_x.stderr"]
    assert not (tmp_path / "page" / "01_x.stderr").exists()
