"""What a directive renders (live_snippets/render.py): the labels of the recorded outputs, the pragma lines kept out
of the reader's code, and the local-only notice."""

from __future__ import annotations

import html

from live_snippets.render import render
from live_snippets.snippet import Snippet


def rendered(root, flags=frozenset()) -> str:
    return render(Snippet(root, "page/01_hello.py", frozenset(flags)))


def test_the_recorded_output_says_which_cpython_printed_it(root):
    assert '```text title="Recorded with CPython 3.11–3.13"\nhello\n```' in rendered(root)
    assert 'title="Recorded with CPython 3.11–3.13"' in rendered(root, {"predict"})


def test_version_tabs_are_named_by_cpython_version(root):
    (root / "page" / "01_hello.3.11.out").write_text("old\n")
    page = rendered(root)
    assert '<p class="snippet-output-title">Recorded with</p>' in page
    assert page.index('=== "CPython 3.12–3.13"') < page.index('=== "CPython 3.11"')


def test_pragma_lines_are_not_the_readers_first_lines(root):
    (root / "page" / "01_hello.py").write_text('# run: PYTHONASYNCIODEBUG=1 python 01_hello.py\nprint("hello")\n')
    page = rendered(root)
    assert '```python title="01_hello.py"\nprint("hello")\n```' in page
    assert 'data-head="# run: PYTHONASYNCIODEBUG=1 python 01_hello.py\n"' in page
    assert 'style="--snippet-code-lines: 1; --snippet-hidden-lines: 1"' in page  # line numbers count the hidden line
    assert '<p class="snippet-command">Runs as <code>PYTHONASYNCIODEBUG=1 python 01_hello.py</code></p>' in page


def test_a_plain_snippet_has_no_head_and_no_command_label(root):
    page = rendered(root)
    assert "data-head" not in page and "snippet-command" not in page and "snippet-local-only" not in page


def test_a_local_only_snippet_gets_a_notice_with_an_icon_and_the_exact_command(root):
    (root / "page" / "01_hello.py").write_text(
        "# run: python -X dev 01_hello.py\n# local-only: starts a thread\nimport threading\n"
    )
    page = rendered(root)
    assert "```python title=\"01_hello.py\"\nimport threading\n```" in page
    assert 'style="--snippet-code-lines: 1; --snippet-hidden-lines: 2"' in page
    notice = next(line for line in page.splitlines() if "snippet-local-only" in line)
    assert 'role="note"' in notice and ":material-laptop:" in notice
    assert "(starts a thread)" in notice and "<code>python -X dev 01_hello.py</code>" in notice
    assert "snippet-command" not in page


def test_attribute_values_are_escaped(root):
    (root / "page" / "01_hello.py").write_text('# local-only: needs "quotes" & <tags>\nx = 1\n')
    page = rendered(root)
    assert html.escape('needs "quotes" & <tags>') in page
    assert "<tags>" not in page
