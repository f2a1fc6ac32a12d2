"""The snippet directive and recorded outputs (live_snippets/snippet.py)."""

import json

import pytest

from live_snippets.snippet import Snippet, SnippetError
from tests.live_snippets.pages import page, snippets_in


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


def test_a_page_shows_code_and_output(root):
    html = page("Before\n\n::: snippet page/01_hello.py\n\nAfter\n", root)
    (snippet,) = snippets_in(html)
    assert snippet.path == "page/01_hello.py" and snippet.ancestors == []
    assert 'print("hello")' in snippet.text and "hello\n" in snippet.text
    content = html.split("</style>\n", 1)[-1]  # after the runner's stylesheet
    assert content.startswith("<p>Before</p>") and "<p>After</p>" in content


def test_version_outputs_are_in_tabs(root):
    (root / "page" / "01_hello.3.11.out").write_text("old\n")
    (snippet,) = snippets_in(page("::: snippet page/01_hello.py\n", root))
    assert "tabbed-set" in snippet.inner_classes and snippet.text.index("hello") < snippet.text.index("old")


def test_predict_hides_the_output_in_a_collapsed_block(root):
    (snippet,) = snippets_in(page("::: snippet page/01_hello.py predict\n", root))
    assert "details" in snippet.inner_tags and "Predict the output" in snippet.text


def test_run_pragma_gives_options_and_environment(root):
    (root / "page" / "01_hello.py").write_text("# run: PYTHONASYNCIODEBUG=1 python -X dev 01_hello.py\n")
    command = Snippet(root, "page/01_hello.py").command
    assert command.env == {"PYTHONASYNCIODEBUG": "1"} and command.options == ["-X", "dev"]


def test_a_run_pragma_naming_another_file_is_refused(root):
    (root / "page" / "01_hello.py").write_text("# run: python other.py\n")
    with pytest.raises(SnippetError, match="# run:"):
        Snippet.from_directive("::: snippet page/01_hello.py", root)


def test_interpreter_options_make_a_snippet_local_only_but_development_mode(root):
    (root / "page" / "01_hello.py").write_text("# run: python -X importtime 01_hello.py\n")
    (snippet,) = snippets_in(page("::: snippet page/01_hello.py\n", root))
    assert snippet.attributes["data-local-only"] == "needs the interpreter options -X importtime"
    assert "data-options" not in snippet.attributes
    for options in ("-X dev", "-Xdev"):
        (root / "page" / "01_hello.py").write_text(f"# run: python {options} 01_hello.py\n")
        (snippet,) = snippets_in(page("::: snippet page/01_hello.py\n", root))
        assert "data-local-only" not in snippet.attributes  # runtime.py applies development mode
        assert json.loads(snippet.attributes["data-options"]) == options.split()


def test_a_pattern_in_the_site_s_configuration_marks_a_snippet_local_only(root):
    (snippet,) = snippets_in(page("::: snippet page/01_hello.py\n", root, local_only=["page/*"]))
    assert snippet.attributes["data-local-only"] == "marked local-only in the site's configuration"
    (snippet,) = snippets_in(page("::: snippet page/01_hello.py\n", root, local_only=["other/*"]))
    assert "data-local-only" not in snippet.attributes


def div_attributes(html: str) -> dict[str, str]:
    """The attributes of the page's one snippet div, as a browser reads them (entities decoded)."""
    (snippet,) = snippets_in(html)
    return snippet.attributes


def test_the_environment_of_a_run_line_reaches_the_page_as_json(root):
    (root / "page" / "01_hello.py").write_text("# run: PYTHONASYNCIODEBUG=1 GREETING='a \"b\" <c> & d' python 01_hello.py\n")
    attributes = div_attributes(page("::: snippet page/01_hello.py\n", root))
    assert json.loads(attributes["data-env"]) == {"PYTHONASYNCIODEBUG": "1", "GREETING": 'a "b" <c> & d'}
    assert "data-local-only" not in attributes, "environment settings alone can be applied in the browser"


def test_a_snippet_without_a_run_line_has_an_empty_environment(root):
    assert json.loads(div_attributes(page("::: snippet page/01_hello.py\n", root))["data-env"]) == {}


def test_every_attribute_is_escaped(root):
    (root / "page" / "01_hello.py").write_text("# run: X='\"><script>alert(1)</script>' python 01_hello.py\n")
    (root / "page" / "02_reason.py").write_text('# local-only: a reason with "quotes", <tags> & ampersands\n')
    (root / "page" / "02_reason.out").write_text("\n")
    html = page("::: snippet page/01_hello.py\n", root)
    opening = html[html.index("<div"):html.index(">", html.index("<div")) + 1]
    assert "<script" not in opening and opening.count('"') % 2 == 0, opening
    attributes = div_attributes(html)
    assert div_attributes(page("::: snippet page/02_reason.py\n", root))["data-local-only"] == (
        'a reason with "quotes", <tags> & ampersands'
    )
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
