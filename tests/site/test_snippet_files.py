"""Every snippet file is shown on some page, and every directive names a snippet that exists."""


import functools

from tests.conftest import ROOT
from tests.markdown_docs import site_snippets

SNIPPETS = ROOT / "snippets"
HELPERS = {"util.py", "exercise.py"}  # shared helpers, imported by snippets rather than shown whole


@functools.cache
def found_on_pages() -> dict[str, list]:
    """Each page's directives as the build finds them (tests/markdown_docs.py: the site's own parser)."""
    return {
        page.relative_to(ROOT).as_posix(): site_snippets(page.read_text(encoding="utf-8"))
        for page in sorted((ROOT / "docs").rglob("*.md"))
    }


def directive_paths() -> dict[str, list[str]]:
    used: dict[str, list[str]] = {}
    for page, found in found_on_pages().items():
        for directive in found:
            if directive.snippet:
                used.setdefault(directive.snippet.path, []).append(f"{page}: {directive.line}")
    return used


def test_every_directive_resolves():
    problems = []
    for page, found in found_on_pages().items():
        for directive in found:
            try:
                if directive.error:
                    raise directive.error
                directive.snippet.check()
            except ValueError as error:
                problems.append(f"{page}: {error}")
    assert not problems, "\n".join(problems)


def test_every_snippet_is_used_once():
    used = directive_paths()
    files = {p.relative_to(SNIPPETS).as_posix() for p in SNIPPETS.rglob("*.py") if p.name not in HELPERS}
    assert not files - set(used), f"snippet files no page shows: {sorted(files - set(used))}"
    twice = {path: places for path, places in used.items() if len(places) > 1}
    assert not twice, f"snippets shown more than once: {twice}"


def test_every_recorded_output_belongs_to_a_snippet():
    orphans = [
        p.relative_to(SNIPPETS).as_posix() for p in SNIPPETS.rglob("*.out")
        if not p.with_name(p.name.split(".")[0] + ".py").is_file()
    ]
    assert not orphans, f"recorded outputs without a snippet: {orphans}"


# The code column of a desktop page holds 76 characters of a snippet's code: measured in Chromium at 1280, 1440
# and 1920 px wide, 627 px (690 px) of 8.18 px (9.0 px) characters, Material's column between the two sidebars less
# the code's padding and the line-number gutter. A longer line is cut off behind a scroll bar.
MAX_LINE = 76


def shown_snippets() -> list[str]:
    return sorted(path for path in directive_paths())


def test_no_snippet_line_is_longer_than_the_code_column():
    long_lines = []
    for path in shown_snippets():
        for number, line in enumerate((SNIPPETS / path).read_text(encoding="utf-8").splitlines(), 1):
            if len(line) > MAX_LINE:
                long_lines.append(f"snippets/{path}:{number}: {len(line)} characters")
    assert not long_lines, f"snippet lines over {MAX_LINE} characters:\n" + "\n".join(long_lines)


def test_snippet_numbers_follow_the_page():
    """NN_ is the snippet's place on its page (01, 02, ...); 90 is the exercise and 91 its solution."""
    problems = []
    for page, found in found_on_pages().items():
        paths = [directive.snippet.path for directive in found if directive.snippet]
        lessons = [p for p in paths if not p.split("/")[-1].startswith(("90_", "91_"))]
        for place, path in enumerate(lessons, 1):
            if not path.split("/")[-1].startswith(f"{place:02d}_"):
                problems.append(f"{page}: snippet {place} on the page is {path}")
    assert not problems, "\n".join(problems)
