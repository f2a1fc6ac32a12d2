"""The Lighthouse gate (`make audit`): what the site controls, measured side by side in one run.

Lighthouse's performance score is a simulation fed by the host's own CPU timings: the same page scores 0.95 on one
machine and 0.88 on another, and lower on any machine while something else runs. An absolute threshold therefore
gates the machine, not the site. So every page is measured three ways in the same run, in rotating order:

- the page as built (the runner included);
- the same page built without the runner (`LIVE_SNIPPETS_RUN_IN_BROWSER=false`): the difference is the runner's
  cost on that page;
- a plain page of the same length (the same built page, its article replaced by plain paragraphs of the same text):
  the difference from the page without the runner is what the page's content costs (highlighted code, tabs,
  diagrams) over the theme's own cost of showing that much text.

The gate (see README.md in this folder): the runner costs at most RUNNER_LIMIT on any page and RUNNER_MEAN_LIMIT on
average over the pages; a page's content costs at most CONTENT_LIMIT; accessibility, best practices and SEO, which do
not depend on timing, are 1.0. A cost is the median of the paired differences. The noise of one difference (sigma) is
measured in the same run, from how the differences of the pages measured more than once vary from round to round; a
page over a limit is measured again, up to PAGE_ROUNDS rounds (every page, up to MEAN_ROUNDS, when the mean is over its
limit by more than the noise of that many rounds), and a cost fails only when it is over its limit by more than Z
standard errors after those rounds. The absolute scores are printed, not gated.

    python -m tests.quality.lighthouse [--rounds N] [PAGE ...]   (pages as in the sitemap: "" for home, "tasks/")
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import html.parser
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import ROOT, _QuietHandler, build_site, chromium_executable, serve
from tests.quality.pages import all_pages, html_file, label, table

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
EXACT = {"accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}  # timing-independent: one run decides
RUNNER_LIMIT = 0.05  # a page's performance with the runner may be this much below the same page without it
RUNNER_MEAN_LIMIT = 0.01  # ... and this much on average over all pages
CONTENT_LIMIT = 0.06  # a page without the runner may be this much below a plain page of the same length
PAGE_ROUNDS = 5  # a page over a limit is measured again, up to this many rounds in all
MEAN_ROUNDS = 3  # every page, while the mean is over its limit, up to this many (a round of every page is long)
Z = 3  # a cost fails only when over its limit by more than this many standard errors, after those rounds
NOISE_FLOOR = 0.02  # sigma is never taken as less (see noise(); an idle 2-core machine here measured 0.044)
VARIANTS = ("page", "no runner", "plain")
COMPRESSIBLE = (".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".txt", ".py")
ARTICLE = '<article class="md-content__inner md-typeset">'


class GzipHandler(_QuietHandler):
    """Serves text files gzip-compressed when the browser accepts it, like a production static host."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or path.suffix not in COMPRESSIBLE or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None


class _Text(html.parser.HTMLParser):
    """The text of an HTML fragment, without scripts and styles."""

    def __init__(self):
        super().__init__()
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style") and self._skip > 0

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def plain_page(page_html: str) -> str:
    """The page with its article replaced by a title and plain paragraphs holding the same text."""
    start = page_html.index(ARTICLE) + len(ARTICLE)
    end = page_html.index("</article>", start)
    parser = _Text()
    parser.feed(page_html[start:end])
    words = " ".join(" ".join(parser.parts).split())
    title, _, body = words.partition(" ")
    paragraphs = "".join(f"<p>{html_escape(chunk)}</p>" for chunk in textwrap.wrap(body, 600))
    return f"{page_html[:start]}<h1>{html_escape(title)}</h1>{paragraphs}{page_html[end:]}"


def html_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def audit(url: str, chrome: str) -> dict[str, float | None]:
    """Lighthouse's category scores for one URL (mobile preset)."""
    result = subprocess.run(
        [
            str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ],
        cwd=ROOT, capture_output=True, text=True, timeout=300, env={**os.environ, "CHROME_PATH": chrome},
    )
    if result.returncode != 0 or not result.stdout.startswith("{"):
        raise RuntimeError(f"lighthouse failed on {url} (exit {result.returncode}):\n{result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    return {name: report["categories"][name]["score"] for name in CATEGORIES}


@dataclass
class Page:
    path: str
    runs: dict[str, list[dict]] = field(default_factory=lambda: {variant: [] for variant in VARIANTS})

    def performance(self, variant: str) -> list[float]:
        return [run["performance"] or 0.0 for run in self.runs[variant]]

    @property
    def rounds(self) -> int:
        return len(self.runs["page"])

    def differences(self, better: str, worse: str) -> list[float]:
        """How much `worse` scored below `better` in each round (the two measured a few seconds apart)."""
        return [b - w for b, w in zip(self.performance(better), self.performance(worse))]

    def cost(self, better: str, worse: str) -> float:
        """The median over rounds of the paired differences."""
        # Scores have two decimals: so do their differences (0.98 - 0.95 is 0.030000000000000027 in floats).
        return round(statistics.median(self.differences(better, worse)), 2)

    @property
    def runner_cost(self) -> float:
        return self.cost("no runner", "page")

    @property
    def content_cost(self) -> float:
        return self.cost("plain", "no runner")

    def costs(self) -> list[tuple[str, float, float]]:
        """(what, cost, limit) for each cost gated on this page."""
        return [
            ("the runner costs", self.runner_cost, RUNNER_LIMIT),
            ("its content costs over a plain page", self.content_cost, CONTENT_LIMIT),
        ]

    def exact_problems(self) -> list[str]:
        first = self.runs["page"][0]
        return [f"{name} {first[name]} (must be {value})" for name, value in EXACT.items() if first[name] != value]


def noise(pages: list[Page]) -> float:
    """sigma: how much one paired difference varies in this run, from how each page's differences (the runner's and
    the content's) vary from round to round: their standard deviation, pooled over the pages measured more than once.

    Within a page, not between pages: a defect that costs some pages more than others would make the spread between
    pages look like noise (a planted 300 ms script at load did, and passed). Never below NOISE_FLOOR, which is also
    sigma while no page has been measured twice."""
    squares, freedom = 0.0, 0
    for page in pages:
        for better, worse in (("no runner", "page"), ("plain", "no runner")):
            differences = page.differences(better, worse)
            if len(differences) > 1:
                mean = statistics.mean(differences)
                squares += sum((d - mean) ** 2 for d in differences)
                freedom += len(differences) - 1
    return max(NOISE_FLOOR, math.sqrt(squares / freedom)) if freedom else NOISE_FLOOR


def median_error(sigma: float, rounds: int) -> float:
    """The standard error of a median of `rounds` differences: sqrt(pi / 2) times a mean's (for one or two, a
    mean's: this errs on the side of passing)."""
    return math.sqrt(math.pi / 2) * sigma / math.sqrt(rounds)


def mean_error(sigma: float, pages: list[Page], rounds: int = 1) -> float:
    """The standard error of the mean of the pages' runner costs (as measured, or with at least `rounds` rounds)."""
    return math.sqrt(sum(median_error(sigma, max(rounds, page.rounds)) ** 2 for page in pages)) / len(pages)


def verdict(cost: float, limit: float, error: float, rounds: int, most: int, worth_more_rounds: bool = True) -> str:
    """within: at most its limit. again: over it, with rounds to go (up to `most`) that are worth measuring. over: more
    than Z standard errors over it after `most` rounds (never on fewer, which one slow run could decide). noise: over
    it, by less than that."""
    if cost <= limit:
        return "within"
    if rounds < most:
        return "again" if worth_more_rounds else "noise"
    return "over" if cost - Z * error > limit else "noise"


def page_verdicts(page: Page, sigma: float) -> list[tuple[str, float, float, str]]:
    """(what, cost, limit, verdict) for each of the page's gated costs; a page over a limit is measured again."""
    error = median_error(sigma, page.rounds)
    return [
        (what, cost, limit, verdict(cost, limit, error, page.rounds, PAGE_ROUNDS)) for what, cost, limit in page.costs()
    ]


def mean_verdict(pages: list[Page], sigma: float) -> str:
    """The mean's verdict. Every page is measured again only if, even with MEAN_ROUNDS rounds of every page, the mean
    as it stands would be beyond the noise: a round of every page takes long."""
    mean = mean_runner_cost(pages)
    worth = mean - Z * mean_error(sigma, pages, MEAN_ROUNDS) > RUNNER_MEAN_LIMIT
    rounds = min(page.rounds for page in pages)
    return verdict(mean, RUNNER_MEAN_LIMIT, mean_error(sigma, pages), rounds, MEAN_ROUNDS, worth)


def build_variants(folder: Path) -> dict[str, Path]:
    """The site as built, the site without the runner, and that one with every article made plain."""
    sites = {variant: folder / variant.replace(" ", "-") for variant in VARIANTS}
    for variant, env in (("page", {}), ("no runner", {"LIVE_SNIPPETS_RUN_IN_BROWSER": "false"})):
        built = build_site(sites[variant], env={"SITE_URL": "http://127.0.0.1/", **env})
        if built.returncode != 0:
            raise RuntimeError(f"mkdocs build failed for the {variant!r} variant:\n{built.stderr}")
    shutil.copytree(sites["no runner"], sites["plain"])
    for path in all_pages(sites["plain"]):
        file = html_file(sites["plain"], path)
        text = file.read_text(encoding="utf-8")
        if ARTICLE in text:
            file.write_text(plain_page(text), encoding="utf-8")
    return sites


def main(argv: list[str]) -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--rounds", type=int, default=1, help="rounds for every page (default 1; more for medians)")
    options.add_argument("pages", nargs="*")
    args = options.parse_args(argv)
    chrome = chromium_executable()
    if not chrome:
        print("no Chromium found: set CHROMIUM_PATH", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as folder, serve_all(build_variants(Path(folder))) as urls:
        known = all_pages(Path(folder) / "page")
        unknown = set(args.pages) - set(known)
        if unknown:
            print(f"not pages of the site: {sorted(unknown)}; its pages: {known}", file=sys.stderr)
            return 1
        pages = [Page(path) for path in args.pages or known]
        # The first run after the builds runs on cold caches (Lighthouse's own modules, Chromium's files): this page
        # once, not counted, so that it is not the first page's first variant that pays for them.
        warm_up = audit(urls["page"] + pages[0].path, chrome)["performance"]
        print(f"warm-up (not counted): {label(pages[0].path)} page {warm_up:.2f}", flush=True)
        sigma = measure(pages, args.rounds, lambda variant, path: audit(urls[variant] + path, chrome))
    return report(pages, sigma)


def measure(pages: list[Page], rounds: int, audit_one) -> float:
    """Measure `rounds` rounds of every page, then more where a cost is over its limit (see page_verdicts and
    mean_verdict); audit_one(variant, path) -> scores. Returns sigma, the noise of one paired difference."""
    for number, page in enumerate(pages):
        while page.rounds < rounds:
            measure_round(page, number, audit_one)
        print_runs(page)
    while True:
        sigma = noise(pages)
        again = {page.path for page in pages if any(v == "again" for *_, v in page_verdicts(page, sigma))}
        # The pages over their own limits first: their rounds measure sigma before the mean's verdict, which may cost a
        # round of every page (more rounds of all, not a second chance for some).
        if not again and mean_verdict(pages, sigma) == "again":
            fewest = min(page.rounds for page in pages)
            again = {page.path for page in pages if page.rounds == fewest}
            print(f"the runner's mean cost is {mean_runner_cost(pages):+.3f}: every page again, round {fewest + 1}")
        if not again:
            return sigma
        for number, page in enumerate(pages):
            if page.path in again:
                measure_round(page, number, audit_one)
                print_runs(page)


def measure_round(page: Page, number: int, audit_one) -> None:
    """One more round of the page's three variants, in an order that rotates with the page and the round."""
    shift = (number + page.rounds) % 3
    for variant in VARIANTS[shift:] + VARIANTS[:shift]:
        page.runs[variant].append(audit_one(variant, page.path))


def print_runs(page: Page) -> None:
    print(f"{label(page.path)}: " + "; ".join(
        f"{variant} {' / '.join(f'{score:.2f}' for score in page.performance(variant))}" for variant in VARIANTS
    ), flush=True)


def mean_runner_cost(pages: list[Page]) -> float:
    return round(statistics.mean(page.runner_cost for page in pages), 3)


def report(pages: list[Page], sigma: float) -> int:
    version = json.loads((ROOT / "node_modules/lighthouse/package.json").read_text())["version"]
    print(f"\nLighthouse {version}, mobile preset, performance medians per variant, costs as medians of paired "
          f"differences; limits: runner {RUNNER_LIMIT} a page and {RUNNER_MEAN_LIMIT} on average, content "
          f"{CONTENT_LIMIT}, each failing only when over by more than {Z} standard errors after {PAGE_ROUNDS} rounds "
          f"({MEAN_ROUNDS} of every page for the mean); "
          f"{', '.join(EXACT)} must be 1.0")
    rows = [
        [label(page.path), *(f"{statistics.median(page.performance(variant)):.2f}" for variant in VARIANTS),
         f"{page.runner_cost:+.2f}", f"{page.content_cost:+.2f}",
         *(str(page.runs["page"][0][name]) for name in EXACT), page.rounds]
        for page in pages
    ]
    print("\n".join(table(["page", *VARIANTS, "runner cost", "content cost", *EXACT, "rounds"], rows)))
    found: dict[str, list[str]] = {"over": [], "noise": [], "within": []}  # lines by verdict
    for page in pages:
        error = median_error(sigma, page.rounds)
        for what, cost, limit, result in page_verdicts(page, sigma):
            found[result].append(f"{label(page.path)}: {what} {cost:.2f} (limit {limit}; standard error {error:.3f})")
        found["over"] += [f"{label(page.path)}: {problem}" for problem in page.exact_problems()]
    mean, error = mean_runner_cost(pages), mean_error(sigma, pages)
    print(f"\nnoise of one paired difference (sigma) in this run: {sigma:.3f}")
    print(f"the runner's mean cost over {len(pages)} pages: {mean:+.3f} (limit {RUNNER_MEAN_LIMIT}; "
          f"standard error {error:.3f})")
    found[mean_verdict(pages, sigma)].append(
        f"the runner's mean cost {mean:.3f} is over {RUNNER_MEAN_LIMIT} (standard error {error:.3f})")
    failures, within_noise = found["over"], found["noise"]
    if within_noise:
        print(f"\nover a limit by less than {Z} standard errors, so within this run's noise (not failed):\n"
              + "\n".join(within_noise))
    if failures:
        print("\nover a limit:\n" + "\n".join(failures))
        return 1
    print(f"all {len(pages)} pages within every limit")
    return 0


@contextlib.contextmanager
def serve_all(sites: dict[str, Path]):
    """Serve each variant's folder, gzip-compressed, at the root of an origin of its own; yields their URLs."""
    with contextlib.ExitStack() as stack:
        yield {variant: stack.enter_context(serve(site, GzipHandler)) for variant, site in sites.items()}


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
