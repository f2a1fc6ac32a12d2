"""Telling stdout from stderr under CPython (live_snippets/stream_marks, cpython.run)."""

import sys

import pytest

from live_snippets import cpython
from live_snippets.snippet import Snippet

THIS_PYTHON = cpython.Interpreter(sys.version_info[:2], "%d.%d.%d" % sys.version_info[:3], sys.executable)


@pytest.mark.parametrize("option", ["-I", "-S", "-E"])
def test_a_command_that_skips_the_stream_marks_is_refused(tmp_path, option):
    (tmp_path / "01_x.py").write_text(f"# run: python {option} 01_x.py\nimport sys\nprint('err', file=sys.stderr)\n")
    with pytest.raises(cpython.StreamsUnknown, match=f"python {option} 01_x.py"):
        cpython.run(Snippet(tmp_path, "01_x.py"), THIS_PYTHON)


def test_other_options_keep_the_marks(tmp_path):
    (tmp_path / "01_x.py").write_text("# run: python -X dev -u 01_x.py\nimport sys\nprint('out')\n"
                                      "print('err', file=sys.stderr)\n")
    output = cpython.run(Snippet(tmp_path, "01_x.py"), THIS_PYTHON)
    assert (output.text, output.stderr) == ("out\nerr\n", {1})
