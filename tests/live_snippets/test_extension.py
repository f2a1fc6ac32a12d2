"""The snippet directive as a Markdown block (live_snippets/extension.py): where it is found, what a page gets."""

import textwrap

import pytest

from live_snippets.extension import find_snippets, relative_url
from live_snippets.snippet import SnippetError
from tests.live_snippets.pages import page, site_extensions, snippets_in


@pytest.fixture
def root(tmp_path):
    for name in ("01_one", "02_two", "03_three"):
        (tmp_path / "page").mkdir(exist_ok=True)
        (tmp_path / "page" / f"{name}.py").write_text(f'print("{name}")\n')
        (tmp_path / "page" / f"{name}.out").write_text(f"{name}\n")
    (tmp_path / "page" / "04_local.py").write_text("# local-only: uses a thread\n")
    (tmp_path / "page" / "04_local.out").write_text("\n")
    return tmp_path


def md(text: str) -> str:
    return textwrap.dedent(text).lstrip()


def found(text: str, root) -> list[str]:
    """The directive lines the site's parser finds, in order (what the pytest-markdown-docs hooks test)."""
    extensions, configs = site_extensions()
    return [f.line for f in find_snippets(text, root, extensions, configs)]


def test_two_directives_on_consecutive_lines_are_two_snippets(root):
    text = md("""
        Text.
        ::: snippet page/01_one.py
        ::: snippet page/02_two.py predict
        More text.
    """)
    shown = snippets_in(page(text, root))
    assert [s.path for s in shown] == ["page/01_one.py", "page/02_two.py"]
    assert found(text, root) == ["::: snippet page/01_one.py", "::: snippet page/02_two.py predict"]
    html = page(text, root)
    assert "<p>Text.</p>" in html and "<p>More text.</p>" in html


def test_an_indented_directive_stays_inside_its_admonition(root):
    text = md("""
        !!! note "A note"

            Before.

            ::: snippet page/01_one.py

            After, still in the note.

        Outside.
    """)
    (shown,) = snippets_in(page(text, root))
    assert "admonition" in shown.ancestors and "01_one" in shown.text
    html = page(text, root)
    note = html[html.index('class="admonition note"'):html.index("<p>Outside.</p>")]
    assert "After, still in the note." in note and 'data-snippet="page/01_one.py"' in note
    assert found(text, root) == ["::: snippet page/01_one.py"]


def test_directives_nest_in_tabs_collapsible_blocks_and_lists(root):
    text = md("""
        === "First"

            ::: snippet page/01_one.py

        === "Second"

            ??? example "Open"

                ::: snippet page/02_two.py

        - an item

            ::: snippet page/03_three.py
    """)
    shown = snippets_in(page(text, root))
    assert [s.path for s in shown] == ["page/01_one.py", "page/02_two.py", "page/03_three.py"]
    assert "tabbed-block" in shown[0].ancestors
    assert "tabbed-block" in shown[1].ancestors and "example" in shown[1].ancestors
    assert shown[2].ancestors == []  # a list item has no class: the snippet is not at the top, nor elsewhere
    assert "<li>" in page(text, root).split('data-snippet="page/03_three.py"')[0].rsplit("</ul>", 1)[-1]
    assert len(found(text, root)) == 3


def test_a_directive_in_code_is_shown_as_code(root):
    text = md("""
        ```markdown
        ::: snippet page/01_one.py
        ```

            ::: snippet page/02_two.py
    """)
    html = page(text, root)
    assert snippets_in(html) == [] and found(text, root) == []
    assert html.count("::: snippet page/0") == 2


def test_a_bad_directive_names_the_page_and_what_is_wrong(root):
    with pytest.raises(SnippetError, match="no such file"):
        page("::: snippet page/09_missing.py\n", root)
    with pytest.raises(SnippetError, match="a directive reads"):
        page("::: snippet\n", root)
    with pytest.raises(SnippetError, match="unknown flag"):
        page("!!! note\n\n    ::: snippet page/01_one.py predcit\n", root)


def test_the_collector_reports_a_bad_directive_instead_of_raising(root):
    extensions, configs = site_extensions()
    (good, bad) = find_snippets("::: snippet page/01_one.py\n::: snippet page/09_missing.py\n", root, extensions,
                                configs)
    assert good.snippet.path == "page/01_one.py" and good.error is None
    assert bad.snippet is None and "no such file" in str(bad.error)


def test_the_runners_start_ends_pages_with_a_runnable_snippet_only(root):
    html = page("::: snippet page/01_one.py\n", root, page_url="tasks/")
    assert html.count("<script") == 1 and html.endswith("})();</script>")
    script = html[html.index("<script"):]
    tag = script[:script.index(">") + 1]
    # Inlined, a classic script: the page makes no request for it, and nothing is fetched before a reader shows up.
    assert "src=" not in tag and "type=" not in tag and 'data-runner="../assets/live-snippets/runner.js"' in tag
    assert 'data-pyodide-url="../assets/pyodide/"' in tag
    assert "liveSnippetsStarted" in script and "\n//" not in script
    # The controls' styles come first, inlined: styled in the page's first layout, with no request.
    assert html.startswith("<style data-live-snippets") and ".snippet-controls" in html.split("</style>")[0]
    assert "/*" not in html.split("</style>")[0]
    for without in (page("::: snippet page/04_local.py\n", root, page_url="tasks/"), page("No snippet.\n", root),
                    page("::: snippet page/01_one.py\n", root, run_in_browser=False)):
        assert "<script" not in without and "<style" not in without
    cdn = page("::: snippet page/01_one.py\n", root, page_url="tasks/", pyodide_url="https://cdn.example/full")
    assert 'data-pyodide-url="https://cdn.example/full/"' in cdn


def test_a_runnable_snippets_controls_are_in_the_page_and_a_local_only_ones_are_not(root):
    import html.parser

    class Controls(html.parser.HTMLParser):
        """The classes of each div.snippet's children, the attributes of its buttons, the hint's id."""

        def __init__(self):
            super().__init__()
            self.snippets, self.depth = [], 0

        def handle_starttag(self, tag, attrs):
            attributes = dict(attrs)
            if tag == "div" and attributes.get("class") == "snippet":
                self.snippets.append({"children": [], "buttons": {}, "hint": None, "depth": self.depth})
            elif self.snippets and self.depth == self.snippets[-1]["depth"] + 1:
                self.snippets[-1]["children"].append(attributes.get("class", tag).split()[-1])
            if tag == "button" and self.snippets:
                self.snippets[-1]["buttons"][attributes["class"].split()[-1]] = attributes
            if attributes.get("class") == "snippet-hint":
                self.snippets[-1]["hint"] = attributes["id"]
            self.depth += tag not in ("br", "img", "input", "meta", "link")

        def handle_endtag(self, tag):
            self.depth -= 1

    parsed = Controls()
    parsed.feed(page("::: snippet page/01_one.py\n\n::: snippet page/04_local.py\n\n::: snippet page/02_two.py\n", root))
    one, local, two = parsed.snippets
    assert one["children"][:4] == ["highlight", "snippet-controls", "snippet-hint", "highlight"]  # then the recording
    assert set(one["buttons"]) == {"snippet-run", "snippet-stop", "snippet-reset"}
    assert one["buttons"]["snippet-run"]["aria-label"] == "Run 01_one.py" and "disabled" in one["buttons"]["snippet-stop"]
    assert one["hint"] != two["hint"] and one["hint"] and two["hint"]  # ids unique in the page
    assert not local["buttons"] and "snippet-controls" not in local["children"]
    assert "snippet-controls" not in page("::: snippet page/01_one.py\n", root, run_in_browser=False)


@pytest.mark.parametrize("page_url, expected", [
    ("", "assets/x.js"), ("tasks/", "../assets/x.js"), ("a/b/", "../../assets/x.js"), ("404.html", "assets/x.js"),
    ("a/b.html", "../assets/x.js"),
])
def test_relative_urls_from_a_page(page_url, expected):
    assert relative_url("assets/x.js", page_url) == expected


def test_a_second_conversion_with_the_same_instance_starts_afresh(root):
    """Generators convert a page, then its headings for the navigation, with one Markdown instance (Zensical)."""
    import markdown

    from live_snippets.extension import SnippetExtension

    extensions, configs = site_extensions()
    converter = markdown.Markdown(extensions=[*extensions, SnippetExtension(snippets_dir=str(root))],
                                  extension_configs=configs)
    assert "<script" in converter.convert("::: snippet page/01_one.py\n")
    assert "<script" not in converter.convert("A heading")


def test_headings_in_the_table_of_contents_carry_no_script(root):
    """toc renders each heading through the postprocessors; Zensical shows that HTML in its navigation."""
    import markdown

    from live_snippets.extension import SnippetExtension

    extensions, configs = site_extensions()
    converter = markdown.Markdown(extensions=[*extensions, SnippetExtension(snippets_dir=str(root))],
                                  extension_configs=configs)
    assert converter.convert("# A heading\n\n::: snippet page/01_one.py\n").count("<script") == 1
    assert "<script" not in converter.toc_tokens[0]["html"]


def test_the_extensions_the_readme_lists_are_enough(root):
    """live_snippets/README.md: md_in_html, superfences, details and tabbed are all the output needs."""
    import markdown

    from live_snippets.extension import SnippetExtension

    (root / "page" / "01_one.3.11.out").write_text("old\n")
    converter = markdown.Markdown(extensions=[
        "md_in_html", "pymdownx.superfences", "pymdownx.details", "pymdownx.tabbed",
        SnippetExtension(snippets_dir=str(root)),
    ], extension_configs={"pymdownx.tabbed": {"alternate_style": True}})
    html = converter.convert("::: snippet page/01_one.py predict\n")
    (shown,) = snippets_in(html)
    assert {"details", "pre"} <= shown.inner_tags and "tabbed-set" in shown.inner_classes
    html = html[:html.index("<script")]  # the runner's start (JavaScript) ends the page
    assert "```" not in html and "===" not in html and "???" not in html and "markdown" not in shown.attributes


def test_directives_work_in_block_quotes_and_markdown_divs(root):
    text = md("""
        > Quoted.
        >
        > ::: snippet page/01_one.py

        <div class="aside" markdown>

        ::: snippet page/02_two.py

        </div>
    """)
    html = page(text, root)
    shown = snippets_in(html)
    assert [s.path for s in shown] == ["page/01_one.py", "page/02_two.py"] and shown[1].ancestors == ["aside"]
    quote = html[html.index("<blockquote>"):html.index("</blockquote>")]
    assert 'data-snippet="page/01_one.py"' in quote
