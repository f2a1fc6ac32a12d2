"""Running snippets under CPython and comparing outputs (live_snippets/cpython.py)."""

import sys

import pytest

from live_snippets import cpython
from live_snippets.snippet import Snippet

THIS_PYTHON = cpython.Interpreter(sys.version_info[:2], "%d.%d.%d" % sys.version_info[:3], sys.executable)


def test_stdout_and_stderr_keep_their_order_and_paths_are_short(tmp_path):
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "01_x.py").write_text(
        "import sys\nprint('out 1')\nprint('err', file=sys.stderr)\nprint('out 2')\nraise ValueError('boom')\n"
    )
    output = cpython.run(Snippet(tmp_path, "page/01_x.py"), THIS_PYTHON)
    assert output.startswith("out 1\nerr\nout 2\nTraceback (most recent call last):\n")
    assert 'File "01_x.py", line 5, in <module>' in output
    assert str(tmp_path) not in output


def test_the_run_pragma_is_obeyed(tmp_path):
    (tmp_path / "01_x.py").write_text("# run: PYTHONASYNCIODEBUG=1 python -X dev 01_x.py\nimport sys, os\n"
                                      "print(sys.flags.dev_mode, os.environ['PYTHONASYNCIODEBUG'])\n")
    assert cpython.run(Snippet(tmp_path, "01_x.py"), THIS_PYTHON) == "True 1\n"


@pytest.mark.parametrize(
    "expected, actual",
    [
        ("<coroutine object f at 0x7f0cc7d45cc0>", "<coroutine object f at 0x7f8aeeda9780>"),
        ("took 2.0 s", "took 2.1 s"),
        ("took 10.0 s", "took 10.4 s"),
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
