"""Every snippet file is shown on some page, and every directive names a snippet that exists."""


from live_snippets.snippet import DIRECTIVE, Snippet
from tests.conftest import ROOT

SNIPPETS = ROOT / "snippets"
HELPERS = {"util.py", "exercise.py"}  # shared helpers, imported by snippets rather than shown whole


def directive_paths() -> dict[str, list[str]]:
    used: dict[str, list[str]] = {}
    for page in sorted((ROOT / "docs").rglob("*.md")):
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            match = DIRECTIVE.match(line.strip())
            if match:
                used.setdefault(match["path"], []).append(f"{page.relative_to(ROOT)}:{number}")
    return used


def test_every_directive_resolves():
    problems = []
    for path, places in directive_paths().items():
        try:
            Snippet(SNIPPETS, path).check()
        except ValueError as error:
            problems.append(f"{', '.join(places)}: {error}")
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
