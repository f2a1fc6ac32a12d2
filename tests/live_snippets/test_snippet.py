"""The snippet directive and recorded outputs (live_snippets/snippet.py)."""

import html.parser
import json

import pytest

from live_snippets.snippet import Snippet, SnippetError, expand


@pytest.fixture
def root(tmp_path):
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "01_hello.py").write_text('print("hello")\n')
    (tmp_path / "page" / "01_hello.out").write_text("hello\n")
    return tmp_path


def test_a_directive_names_a_snippet(root):
    snippet = Snippet.from_directive("::: snippet page/01_hello.py predict", root)
    assert snippet.path == "page/01_hello.py" and snippet.flags == {"predict"}
    assert Snippet.from_directive("some text", root) is None


@pytest.mark.parametrize(
    "line, message",
    [
        ("::: snippet page/02_missing.py", "no such file"),
        ("::: snippet page/01_hello.py predcit", "unknown flag"),
        ("::: snippet page/01_hello.out", "a .py file"),
    ],
)
def test_a_bad_directive_says_what_is_wrong(root, line, message):
    with pytest.raises(SnippetError, match=message):
        Snippet.from_directive(line, root)


def test_a_snippet_without_a_recorded_output_is_refused(root):
    (root / "page" / "01_hello.out").unlink()
    with pytest.raises(SnippetError, match="make update-outputs"):
        Snippet.from_directive("::: snippet page/01_hello.py", root)


def test_version_overrides_cover_their_versions(root):
    (root / "page" / "01_hello.3.12.out").write_text("hello from 3.12 and older\n")
    snippet = Snippet(root, "page/01_hello.py")
    assert [o.label for o in snippet.outputs] == ["Python 3.11–3.12", "Python 3.13+"]
    assert snippet.expected_output((3, 11)).text.startswith("hello from 3.12")
    assert snippet.expected_output((3, 12)).text.startswith("hello from 3.12")
    assert snippet.expected_output((3, 14)).text == "hello\n"


def test_expansion_shows_code_and_output(root):
    page = expand("Before\n\n::: snippet page/01_hello.py\n\nAfter\n", root)
    assert 'data-snippet="page/01_hello.py"' in page
    assert '```python title="01_hello.py"\nprint("hello")\n```' in page
    assert '```text title="Output"\nhello\n```' in page
    assert page.startswith("Before") and page.endswith("After\n")


def test_expansion_puts_version_outputs_in_tabs(root):
    (root / "page" / "01_hello.3.11.out").write_text("old\n")
    page = expand("::: snippet page/01_hello.py\n", root)
    assert page.index('=== "Python 3.12+"') < page.index('=== "Python 3.11"')


def test_predict_hides_the_output_in_a_collapsed_block(root):
    page = expand("::: snippet page/01_hello.py predict\n", root)
    assert '??? question "Predict the output' in page
    assert "\n    ```text\n    hello\n    ```" in page


def test_run_pragma_gives_options_and_environment(root):
    (root / "page" / "01_hello.py").write_text("# run: PYTHONASYNCIODEBUG=1 python -X dev 01_hello.py\n")
    command = Snippet(root, "page/01_hello.py").command
    assert command.env == {"PYTHONASYNCIODEBUG": "1"} and command.options == ["-X", "dev"]


def test_a_run_pragma_naming_another_file_is_refused(root):
    (root / "page" / "01_hello.py").write_text("# run: python other.py\n")
    with pytest.raises(SnippetError, match="# run:"):
        Snippet.from_directive("::: snippet page/01_hello.py", root)


def test_interpreter_options_make_a_snippet_local_only(root):
    (root / "page" / "01_hello.py").write_text("# run: python -X dev 01_hello.py\n")
    page = expand("::: snippet page/01_hello.py\n", root)
    assert 'data-local-only="needs the interpreter options -X dev"' in page


def test_a_reason_from_the_site_marks_a_snippet_local_only(root):
    page = expand("::: snippet page/01_hello.py\n", root, lambda snippet: "marked in mkdocs.yml")
    assert 'data-local-only="marked in mkdocs.yml"' in page
    assert "data-local-only" not in expand("::: snippet page/01_hello.py\n", root)


def div_attributes(page: str) -> dict[str, str]:
    """The attributes of the snippet's div, as a browser reads them (entities decoded)."""
    found = []

    class Parser(html.parser.HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "div" and ("class", "snippet") in attrs:
                found.append(dict(attrs))

    Parser().feed(page)
    assert len(found) == 1, page
    return found[0]


def test_the_environment_of_a_run_line_reaches_the_page_as_json(root):
    (root / "page" / "01_hello.py").write_text("# run: PYTHONASYNCIODEBUG=1 GREETING='a \"b\" <c> & d' python 01_hello.py\n")
    attributes = div_attributes(expand("::: snippet page/01_hello.py\n", root))
    assert json.loads(attributes["data-env"]) == {"PYTHONASYNCIODEBUG": "1", "GREETING": 'a "b" <c> & d'}
    assert "data-local-only" not in attributes, "environment settings alone can be applied in the browser"


def test_a_snippet_without_a_run_line_has_an_empty_environment(root):
    assert json.loads(div_attributes(expand("::: snippet page/01_hello.py\n", root))["data-env"]) == {}


def test_every_attribute_is_escaped(root):
    (root / "page" / "01_hello.py").write_text("# run: X='\"><script>alert(1)</script>' python 01_hello.py\n")
    reason = 'a reason with "quotes", <tags> & ampersands'
    page = expand("::: snippet page/01_hello.py\n", root, lambda snippet: reason)
    opening = page[page.index("<div"):page.index(">", page.index("<div")) + 1]
    assert "<script" not in opening and opening.count('"') % 2 == 0, opening
    attributes = div_attributes(page)
    assert attributes["data-local-only"] == reason
    assert attributes["data-command"] == "X='\"><script>alert(1)</script>' python 01_hello.py"
    assert json.loads(attributes["data-env"]) == {"X": '"><script>alert(1)</script>'}


@pytest.mark.parametrize("path", ["../outside.py", "page/../../outside.py", "/ABSOLUTE/outside.py", "page\\01_hello.py"])
def test_a_directive_path_may_not_leave_the_snippets_folder(root, path):
    outside = root.parent / "outside.py"
    outside.write_text('print("outside")\n')
    outside.with_suffix(".out").write_text("outside\n")
    path = path.replace("/ABSOLUTE", str(root.parent))
    with pytest.raises(SnippetError, match="inside the snippets folder"):
        Snippet.from_directive(f"::: snippet {path}", root)


def test_a_symlink_out_of_the_snippets_folder_is_refused(root):
    outside = root.parent / "elsewhere"
    outside.mkdir()
    (outside / "01_x.py").write_text("print()\n")
    (outside / "01_x.out").write_text("\n")
    (root / "linked").symlink_to(outside)
    with pytest.raises(SnippetError, match="inside the snippets folder"):
        Snippet.from_directive("::: snippet linked/01_x.py", root)
