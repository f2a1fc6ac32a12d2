"""The Lighthouse gate's rounds (tests/quality/lighthouse.py), with made-up scores instead of Lighthouse."""

from __future__ import annotations

import itertools

from tests.quality.lighthouse import ROUNDS, Page, measure, report

SCORES = {"accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}


def scripted(costs: dict[str, list[float]]):
    """An audit whose runner cost on each page follows the given list, round after round."""
    rounds = {path: itertools.cycle(values) for path, values in costs.items()}
    pending: dict[str, float] = {}

    def audit_one(variant: str, path: str) -> dict:
        if path not in pending:
            pending[path] = next(rounds[path])
        cost = pending[path]
        score = {"page": 0.95 - cost, "no runner": 0.95, "plain": 0.95}[variant]
        audit_one.calls[path] = audit_one.calls.get(path, 0) + 1
        if audit_one.calls[path] % 3 == 0:
            del pending[path]  # the round's three variants are done
        return {"performance": round(score, 2), **SCORES}

    audit_one.calls = {}
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
