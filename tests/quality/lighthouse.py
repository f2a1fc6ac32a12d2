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
not depend on timing, are 1.0. A cost is the median of the paired differences; a page over a limit is measured again,
up to ROUNDS rounds in all, and so is every page while the mean is over its limit. The absolute scores are printed,
not gated.

    python -m tests.quality.lighthouse [--rounds N] [PAGE ...]   (pages as in the sitemap: "" for home, "tasks/")
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import html.parser
import json
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
ROUNDS = 3  # a page over a limit (every page, for the mean) is measured again, up to this many rounds in all
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

    def cost(self, better: str, worse: str) -> float:
        """Median over rounds of how much `worse` scores below `better`, each pair measured in the same round."""
        # Scores have two decimals: so do their differences (0.98 - 0.95 is 0.030000000000000027 in floats).
        return round(statistics.median(b - w for b, w in zip(self.performance(better), self.performance(worse))), 2)

    @property
    def runner_cost(self) -> float:
        return self.cost("no runner", "page")

    @property
    def content_cost(self) -> float:
        return self.cost("plain", "no runner")

    def over_limit(self) -> bool:
        return self.runner_cost > RUNNER_LIMIT or self.content_cost > CONTENT_LIMIT

    def problems(self) -> list[str]:
        found = []
        if self.runner_cost > RUNNER_LIMIT:
            found.append(f"the runner costs {self.runner_cost:.2f} (limit {RUNNER_LIMIT})")
        if self.content_cost > CONTENT_LIMIT:
            found.append(f"its content costs {self.content_cost:.2f} over a plain page (limit {CONTENT_LIMIT})")
        first = self.runs["page"][0]
        found += [f"{name} {first[name]} (must be {minimum})" for name, minimum in EXACT.items() if first[name] != minimum]
        return found


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
        measure(pages, args.rounds, lambda variant, path: audit(urls[variant] + path, chrome))
    return report(pages)


def measure(pages: list[Page], rounds: int, audit_one) -> None:
    """Measure `rounds` rounds of every page, more where a limit is passed; audit_one(variant, path) -> scores."""
    for number, page in enumerate(pages):
        while len(page.runs["page"]) < rounds or (page.over_limit() and len(page.runs["page"]) < ROUNDS):
            measure_round(page, number, audit_one)
        print_runs(page)
    # A mean over its limit: every page is measured again (more rounds of all, not a second chance for some).
    while mean_runner_cost(pages) > RUNNER_MEAN_LIMIT and (done := min(len(p.runs["page"]) for p in pages)) < ROUNDS:
        print(f"the runner's mean cost is {mean_runner_cost(pages):+.3f}: every page again, round {done + 1}")
        for number, page in enumerate(pages):
            if len(page.runs["page"]) == done:
                measure_round(page, number, audit_one)
                print_runs(page)


def measure_round(page: Page, number: int, audit_one) -> None:
    """One more round of the page's three variants, in an order that rotates with the page and the round."""
    shift = (number + len(page.runs["page"])) % 3
    for variant in VARIANTS[shift:] + VARIANTS[:shift]:
        page.runs[variant].append(audit_one(variant, page.path))


def print_runs(page: Page) -> None:
    print(f"{label(page.path)}: " + "; ".join(
        f"{variant} {' / '.join(f'{score:.2f}' for score in page.performance(variant))}" for variant in VARIANTS
    ), flush=True)


def mean_runner_cost(pages: list[Page]) -> float:
    return round(statistics.mean(page.runner_cost for page in pages), 3)


def report(pages: list[Page]) -> int:
    version = json.loads((ROOT / "node_modules/lighthouse/package.json").read_text())["version"]
    print(f"\nLighthouse {version}, mobile preset, performance medians per variant, costs as medians of paired "
          f"differences; limits: runner {RUNNER_LIMIT} a page and {RUNNER_MEAN_LIMIT} on average, content "
          f"{CONTENT_LIMIT}; {', '.join(EXACT)} must be 1.0")
    rows = [
        [label(page.path), *(f"{statistics.median(page.performance(variant)):.2f}" for variant in VARIANTS),
         f"{page.runner_cost:+.2f}", f"{page.content_cost:+.2f}",
         *(str(page.runs["page"][0][name]) for name in EXACT), len(page.runs["page"])]
        for page in pages
    ]
    print("\n".join(table(["page", *VARIANTS, "runner cost", "content cost", *EXACT, "rounds"], rows)))
    failures = [f"{label(page.path)}: {problem}" for page in pages for problem in page.problems()]
    mean = mean_runner_cost(pages)
    print(f"\nthe runner's mean cost over {len(pages)} pages: {mean:+.3f} (limit {RUNNER_MEAN_LIMIT})")
    if mean > RUNNER_MEAN_LIMIT:
        failures.append(f"the runner's mean cost {mean:.3f} is over {RUNNER_MEAN_LIMIT}")
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
