"""Re-recording outputs when a supported version is not installed (live_snippets/record.py).

The trap this guards against: 3.14 is not installed, a changed snippet now prints something new under 3.11 to 3.13,
and the recorder used to keep the old NAME.out as 3.14's while it wrote the fresh output to NAME.3.13.out, so the
page's default output went stale without anybody being told.
"""

import pytest

from live_snippets import cpython, record
from live_snippets.snippet import Snippet

INSTALLED = [cpython.Interpreter((3, minor), f"3.{minor}.0", f"/nonexistent/python3.{minor}") for minor in (11, 12, 13)]


@pytest.fixture
def prints(monkeypatch):
    """Every installed version prints the given text (no interpreter really runs)."""
    def set_text(text: str) -> None:
        monkeypatch.setattr(cpython, "run", lambda snippet, interpreter, **_: cpython.Output(text))
    return set_text


def _snippet(tmp_path, **recorded: str) -> Snippet:
    (tmp_path / "page").mkdir(exist_ok=True)
    (tmp_path / "page" / "01_x.py").write_text("print('whatever')\n")
    for name, text in recorded.items():  # out="..." for 01_x.out, v3_13="..." for 01_x.3.13.out
        (tmp_path / "page" / ("01_x.out" if name == "out" else f"01_x.{name[1:].replace('_', '.')}.out")).write_text(text)
    return Snippet(tmp_path, "page/01_x.py")


def _files(tmp_path) -> dict[str, str]:
    return {p.name: p.read_text() for p in sorted((tmp_path / "page").glob("01_x.*")) if p.suffix != ".py"}


def test_a_changed_snippet_is_not_recorded_beside_a_stale_default(tmp_path, prints):
    snippet = _snippet(tmp_path, out="old\n")  # recorded when 3.13 was the newest version found
    prints("new\n")
    with pytest.raises(record.Unverified, match=r"3\.14") as refused:
        record.record(snippet, INSTALLED)
    assert refused.value.versions == [(3, 14)]
    assert _files(tmp_path) == {"01_x.out": "old\n"}  # nothing written: no fresh 01_x.3.13.out beside it


def test_replace_unverified_assumes_the_missing_version_prints_what_the_newest_prints(tmp_path, prints):
    snippet = _snippet(tmp_path, out="old\n")
    prints("new\n")
    notes = []
    assert record.record(snippet, INSTALLED, replace_unverified=True, notes=notes) == ["page/01_x.out"]
    assert _files(tmp_path) == {"01_x.out": "new\n"}
    assert notes == ["page/01_x.py: 3.14 not run here, assumed to print what 3.13 prints"]


def test_a_recording_of_a_missing_version_is_kept_while_the_others_print_what_they_printed(tmp_path, prints):
    snippet = _snippet(tmp_path, out="what 3.14 prints\n", v3_13="new\n")
    prints("new\n")
    assert record.record(snippet, INSTALLED) == []
    assert _files(tmp_path) == {"01_x.out": "what 3.14 prints\n", "01_x.3.13.out": "new\n"}


def test_a_new_snippet_says_which_versions_were_assumed(tmp_path, prints):
    snippet = _snippet(tmp_path)
    prints("new\n")
    notes = []
    assert record.record(snippet, INSTALLED, notes=notes) == ["page/01_x.out"]
    assert notes == ["page/01_x.py: 3.14 not run here, assumed to print what 3.13 prints"]


def test_the_command_line_fails_and_names_the_snippet_it_refused(tmp_path, prints, monkeypatch, capsys):
    snippet = _snippet(tmp_path, out="old\n")
    prints("new\n")
    monkeypatch.setattr(cpython, "find_interpreters", lambda: INSTALLED)
    assert record.main(["--root", str(tmp_path), str(snippet.file)]) == 1
    err = capsys.readouterr().err
    assert "page/01_x.py: not recorded" in err and "--replace-unverified" in err
    assert _files(tmp_path) == {"01_x.out": "old\n"}
    assert record.main(["--root", str(tmp_path), "--replace-unverified", str(snippet.file)]) == 0
    assert _files(tmp_path) == {"01_x.out": "new\n"}
