"""The Lighthouse gate's rule (tests/quality/lighthouse.py), with made-up scores instead of Lighthouse."""

from __future__ import annotations

import random

from tests.quality.lighthouse import MEAN_ROUNDS, PAGE_ROUNDS, VARIANTS, Page, measure, report

SCORES = {"accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
PATHS = [f"page-{n}/" for n in range(17)]  # as many as the site has


def scripted(runner=None, content=None, noise=0.0, seed=1, scores=SCORES):
    """An audit: each page's runner and content costs per round ({path: [cost in round 1, 2, ...]}, the last value
    from then on), each score moved by normal noise of standard deviation `noise` (the same for the same seed)."""
    runner, content = runner or {}, content or {}
    calls: dict[str, int] = {}
    draw = random.Random(seed)

    def audit_one(variant: str, path: str) -> dict:
        number = calls.get(path, 0) // len(VARIANTS)
        calls[path] = calls.get(path, 0) + 1

        def of(costs):
            values = costs.get(path, [0.0])
            return values[min(number, len(values) - 1)]

        score = 0.95 - {"plain": 0.0, "no runner": of(content), "page": of(content) + of(runner)}[variant]
        return {"performance": round(min(1.0, score + draw.gauss(0, noise)), 2), **scores}

    return audit_one


def gate(audit_one, paths=PATHS) -> tuple[list[Page], int]:
    pages = [Page(path) for path in paths]
    sigma = measure(pages, 1, audit_one)
    return pages, report(pages, sigma)


def rounds_of(pages: list[Page]) -> list[int]:
    return [page.rounds for page in pages]


def test_one_round_when_every_limit_holds(capsys):
    pages, result = gate(scripted({"page-1/": [0.01]}))
    assert rounds_of(pages) == [1] * len(PATHS)
    assert result == 0


def test_noise_alone_never_fails(capsys):
    # Each score moved by noise of 0.03, so a paired difference by 0.042 (an idle machine here measured 0.044; stop 20's
    # CI, with no real cost, had a page's median at 0.08 and the mean at 0.021): over twenty runs of the gate, none fails.
    results = [gate(scripted(noise=0.03, seed=seed))[1] for seed in range(20)]
    assert results == [0] * 20
    assert "within this run's noise" in capsys.readouterr().out  # some costs did come out over their limits


def test_a_slow_page_fails_after_every_round(capsys):
    # 300 ms of script at load on one page cost 0.21 when planted.
    pages, result = gate(scripted({"page-3/": [0.21]}, noise=0.03))
    assert rounds_of(pages)[3] == PAGE_ROUNDS
    assert result == 1
    out = capsys.readouterr().out
    assert "over a limit:\npage-3/: the runner costs 0.2" in out


def test_a_cost_on_most_pages_fails_however_unevenly(capsys):
    # 300 ms of script at load, planted: 0.20 and 0.22 on two pages with snippets, 0.04 on one without (noise of 0.03
    # a score). The spread between pages is the defect, not noise: the gate must not take it for noise.
    pages, result = gate(scripted({"tasks/": [0.20], "gil/": [0.22], "404.html": [0.04]}, noise=0.03),
                         paths=["tasks/", "gil/", "404.html"])
    assert result == 1
    failed = capsys.readouterr().out.split("over a limit:")[1]
    assert "tasks/: the runner costs" in failed and "gil/: the runner costs" in failed


def test_a_cost_on_every_page_fails_on_the_mean(capsys):
    pages, result = gate(scripted({path: [0.04] for path in PATHS}, noise=0.01))
    assert min(rounds_of(pages)) == MEAN_ROUNDS
    assert result == 1
    assert "the runner's mean cost 0.04" in capsys.readouterr().out.split("over a limit:")[1]


def test_a_steady_cost_over_the_limit_fails_on_a_quiet_machine(capsys):
    # No noise: sigma is taken as 0.02, so a page fails once its cost stays above 0.05 + 3 * 1.25 * 0.02 / sqrt(5).
    pages, result = gate(scripted({"page-0/": [0.10]}))
    assert rounds_of(pages)[0] == PAGE_ROUNDS
    assert result == 1


def test_content_that_makes_a_page_slow_fails(capsys):
    pages, result = gate(scripted(content={"page-5/": [0.18]}, noise=0.03))
    assert result == 1
    assert "page-5/: its content costs over a plain page 0.1" in capsys.readouterr().out.split("over a limit:")[1]


def test_one_slow_run_is_measured_again_and_passes(capsys):
    # 0.30 once on a quiet machine: the page is measured again and its median comes back within its limit. The mean
    # (0.018) is over its limit too, but by less than three rounds of every page could tell from noise.
    pages, result = gate(scripted({"page-2/": [0.30, 0.0, 0.0]}))
    assert rounds_of(pages) == [1, 1, 3] + [1] * (len(PATHS) - 3)  # after three, its median is 0.0
    assert result == 0


def test_a_mean_over_its_limit_within_the_noise_does_not_measure_every_page_again(capsys):
    # A cost of 0.015 on every page under noise of 0.03: the mean comes out over 0.01, but by less than the noise of
    # three rounds of every page could tell from the limit, so only the pages over their own limit are measured again.
    pages, result = gate(scripted({path: [0.015] for path in PATHS}, noise=0.03, seed=1))
    assert result == 0
    out = capsys.readouterr().out
    assert "the runner's mean cost 0.0" in out.split("within this run's noise")[1]
    assert "every page again" not in out
    assert 1 in rounds_of(pages)


def test_accessibility_below_one_fails_on_one_round(capsys):
    pages, result = gate(scripted(scores={**SCORES, "accessibility": 0.98}), paths=["a/"])
    assert rounds_of(pages) == [1]
    assert result == 1
    assert "a/: accessibility 0.98 (must be 1.0)" in capsys.readouterr().out
