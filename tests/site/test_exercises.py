"""Exercises: each starting program fails its own check and its solution passes it, on every recorded version.

An exercise is ``snippets/<page>/NN_exercise_<what>.py``, its solution ``MM_exercise_<what>_solution.py``; both
end with ``exercise.check(...)``, whose verdict is part of their recorded outputs (which the snippet tests compare
with what each CPython prints, and the browser tests with what the page prints).
"""

import re

import pytest

from live_snippets.snippet import Snippet
from tests.conftest import ROOT

SNIPPETS = ROOT / "snippets"
NOT_MET = re.compile(r"^check: \d+ of \d+ goals not met yet$", re.MULTILINE)
SOLVED = "check: solved, every goal is met"
STARTS = sorted(
    p.relative_to(SNIPPETS).as_posix() for p in SNIPPETS.glob("*/*_exercise_*.py") if not p.stem.endswith("_solution")
)


def solution_of(start: str) -> Snippet:
    folder, name = start.split("/")
    matches = list((SNIPPETS / folder).glob(f"*_{name.split('_', 1)[1].removesuffix('.py')}_solution.py"))
    assert len(matches) == 1, f"{start}: expected one solution file, found {[m.name for m in matches]}"
    return Snippet(SNIPPETS, f"{folder}/{matches[0].name}")


def verdicts(snippet: Snippet) -> list[str]:
    return [output.text.strip().splitlines()[-1] for output in snippet.outputs]


def test_every_page_from_coroutines_to_debug_mode_has_an_exercise():
    pages = {start.split("/")[0] for start in STARTS}
    wanted = {
        "coroutines", "tasks", "cancellation", "futures", "coordination", "async-with-and-for", "measuring", "pitfalls",
        "event-loop", "debug-mode",
    }
    assert wanted <= pages, f"pages without an exercise: {sorted(wanted - pages)}"


@pytest.mark.parametrize("start", STARTS)
def test_the_start_fails_its_check_and_the_solution_passes(start):
    for verdict in verdicts(Snippet(SNIPPETS, start)):
        assert NOT_MET.match(verdict), f"{start}: the starting program should not pass its check: {verdict!r}"
    solution = solution_of(start)
    for verdict in verdicts(solution):
        assert verdict == SOLVED, f"{solution.path}: the solution should pass its check: {verdict!r}"


@pytest.mark.parametrize("start", STARTS)
def test_the_solution_is_shown_collapsed_after_the_exercise(start):
    solution = solution_of(start).path
    page = (ROOT / "docs" / f"{start.split('/')[0]}.md").read_text(encoding="utf-8")
    exercise_at, solution_at = page.find(f"::: snippet {start}\n"), page.find(f"::: snippet {solution}\n")
    assert 0 <= exercise_at < solution_at, f"{start}: the page must show the exercise, then its solution"
    collapsed = page.rfind('<details class="success" markdown>', 0, solution_at)
    assert exercise_at < collapsed and "</details>" not in page[collapsed:solution_at], (
        f"{solution}: the solution must be inside a collapsed <details> block after the exercise"
    )
