"""The Lighthouse gate's rounds (tests/quality/lighthouse.py), with made-up scores instead of Lighthouse."""

from __future__ import annotations

from tests.quality.lighthouse import ROUNDS, VARIANTS, Page, measure, report

SCORES = {"accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}


def scripted(costs: dict[str, list[float]]):
    """An audit whose runner cost on each page is the list's value for the round (its last value from then on)."""
    calls = dict.fromkeys(costs, 0)

    def audit_one(variant: str, path: str) -> dict:
        values = costs[path]
        cost = values[min(calls[path] // len(VARIANTS), len(values) - 1)]
        calls[path] += 1
        score = 0.95 - cost if variant == "page" else 0.95
        return {"performance": round(score, 2), **SCORES}

    return audit_one


def rounds_of(pages: list[Page]) -> list[int]:
    return [len(page.runs["page"]) for page in pages]


def test_one_round_when_every_limit_holds(capsys):
    pages = [Page("a/"), Page("b/")]
    measure(pages, 1, scripted({"a/": [0.0], "b/": [0.01]}))
    assert rounds_of(pages) == [1, 1]
    assert report(pages) == 0


def test_a_mean_over_its_limit_measures_every_page_again(capsys):
    # First round: mean 0.02, over 0.01. Later rounds: no cost. The medians of all rounds decide.
    pages = [Page("a/"), Page("b/")]
    measure(pages, 1, scripted({"a/": [0.02, 0.0, 0.0], "b/": [0.02, 0.0, 0.0]}))
    assert rounds_of(pages) == [2, 2]  # after round 2 each median is 0.01, the mean 0.01: within the limit
    assert report(pages) == 0


def test_a_cost_that_stays_fails_after_every_round(capsys):
    pages = [Page("a/"), Page("b/")]
    measure(pages, 1, scripted({"a/": [0.02], "b/": [0.02]}))
    assert rounds_of(pages) == [ROUNDS, ROUNDS]
    assert report(pages) == 1
    assert "the runner's mean cost 0.020 is over 0.01" in capsys.readouterr().out


def test_only_the_page_over_its_own_limit_is_measured_again(capsys):
    pages = [Page("a/"), Page("b/"), Page("c/"), Page("d/"), Page("e/"), Page("f/"), Page("g/"), Page("h/")]
    costs = {page.path: [0.0] for page in pages}
    costs["a/"] = [0.08, 0.0, 0.0]  # over 0.05 once; the mean of 8 pages stays at 0.0 after its rounds
    measure(pages, 1, scripted(costs))
    assert rounds_of(pages) == [2, 1, 1, 1, 1, 1, 1, 1]
    assert report(pages) == 0
