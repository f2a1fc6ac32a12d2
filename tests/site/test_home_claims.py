"""What Home tells a new reader about the first Run must stay true as the runner changes.

Home says the first Run downloads "about N MB" (compressed). The first Run fetches the Pyodide files listed in
live_snippets/assets/contract.json and the runner's worker-side assets; this measures their gzip size (the
compression a static host applies) and checks that N is that size rounded to whole megabytes.
"""

from __future__ import annotations

import gzip
import json
import re

from tests.conftest import ROOT

CONTRACT = json.loads((ROOT / "live_snippets" / "assets" / "contract.json").read_text(encoding="utf-8"))
PYODIDE = ROOT / "node_modules" / "pyodide"
ASSETS = ROOT / "live_snippets" / "assets"
CLAIM = re.compile(r"downloads\s+about\s+(?P<mb>\d+(?:\.\d+)?)\s+MB")


def first_run_bytes() -> int:
    """gzip size of the Pyodide files the first Run fetches plus every runner asset (an upper bound for the runner's
    share: the page's own modules are in it too, a few kilobytes)."""
    files = [PYODIDE / name for name in CONTRACT["pyodide"]["files"]]
    files += sorted(p for p in ASSETS.iterdir() if p.is_file())
    return sum(len(gzip.compress(file.read_bytes(), compresslevel=6)) for file in files)


def test_home_states_the_first_runs_download_size():
    claims = CLAIM.findall((ROOT / "docs" / "index.md").read_text(encoding="utf-8"))
    assert claims, "Home no longer says how much the first Run downloads"
    measured = first_run_bytes() / 1e6
    for claim in claims:
        assert float(claim) == round(measured), f"Home says about {claim} MB; the first Run fetches {measured:.2f} MB"
