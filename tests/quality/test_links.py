"""Every internal link and #anchor of the built site resolves (linkinator over the served build; links to other
sites are skipped, as the tests run offline). The strict build, tests/site/test_build.py, checks the Markdown links."""

from __future__ import annotations

import collections
import json
import re
import subprocess

from tests.conftest import ROOT
from tests.quality.pages import table

LINKINATOR = ROOT / "node_modules" / ".bin" / "linkinator"


def test_every_internal_link_and_anchor_resolves(pages, site_url, figures):
    local = re.escape(site_url)
    result = subprocess.run(
        [
            str(LINKINATOR), *(site_url + path for path in pages),
            "--recurse", "--check-fragments", "--check-css", "--format", "JSON", "--timeout", "30000",
            "--skip", f"^(?!{local})",  # other sites: not checked offline; the site is built for site_url, so its
            # absolute links (canonical, og:url, og:image) point at the local server
        ],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert result.stdout.strip(), f"linkinator gave no report (exit {result.returncode}):\n{result.stderr}"
    links = json.loads(result.stdout)["links"]
    states = collections.Counter(link["state"] for link in links)
    broken = [link for link in links if link["state"] == "BROKEN"]
    figures.append(f"entry pages: {len(pages)}; unique URLs checked: {len(links)}; " + ", ".join(
        f"{state}: {count}" for state, count in sorted(states.items())))
    rows = [
        [link["url"].removeprefix(site_url), link["status"], link.get("parent", "").removeprefix(site_url) or "(entry)"]
        for link in broken
    ]
    if rows:
        figures += table(["broken URL", "status", "found on"], rows)
    assert not broken, f"{len(broken)} broken links or anchors:\n" + "\n".join(table(["URL", "status", "found on"], rows))
    assert states["OK"] > len(pages), "linkinator checked nothing beyond the entry pages"
