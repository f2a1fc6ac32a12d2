"""A timing quoted in a page's prose must come from a recorded output on that page.

A number with a time unit ("took 1.5 s", "after 200 ms") in the prose of a page is a measurement unless proven
otherwise, and a measurement the reader cannot see in an output shown on the same page cannot be checked. It
passes when it equals a number in a recorded output (any version) or in the code of a snippet the page shows
(a parameter such as `asyncio.sleep(0.5)`, which the reader can see). A number that is not a measurement (a
default, a documented threshold) is marked in its paragraph with an HTML comment, which the page does not show:

    Debug mode logs every step longer than 0.1 s. <!-- not measured: 0.1 s -->
"""

from __future__ import annotations

import re

from tests.conftest import ROOT
from tests.markdown_docs import site_snippets

UNIT = r"(?:s|ms|µs|seconds?|second\(s\)|milliseconds?|microseconds?|minutes?)"
TIMING = re.compile(rf"(?<![\w.])(?P<number>\d+(?:\.\d+)?) ?{UNIT}(?![\w(])")
NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?")
NOT_MEASURED = re.compile(r"<!--\s*not measured:(?P<numbers>.*?)-->", re.DOTALL)
FENCE = re.compile(r"^\s*(```|~~~)")


def prose_paragraphs(markdown: str) -> list[str]:
    """The page's paragraphs without front matter, fenced code, inline code, directives and link targets."""
    markdown = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.DOTALL)
    directives = {found.line for found in site_snippets(markdown)}
    lines, fenced = [], None
    for line in markdown.splitlines():
        fence = FENCE.match(line)
        if fenced:
            fenced = None if fence and fence[1] == fenced else fenced
            continue
        if fence:
            fenced = fence[1]
            continue
        lines.append("" if line.strip() in directives or line.lstrip().startswith("--8<--") else line)
    paragraphs = re.split(r"\n\s*\n", "\n".join(lines))
    return [re.sub(r"\]\([^)]*\)", "]", re.sub(r"`[^`]*`", "", p)) for p in paragraphs]


def unexplained_timings(markdown: str, seen: set[float]) -> list[str]:
    """Timings in the prose that are neither among the numbers seen nor marked as not measured."""
    found = []
    for paragraph in prose_paragraphs(markdown):
        marked = {float(n) for mark in NOT_MEASURED.finditer(paragraph) for n in NUMBER.findall(mark["numbers"])}
        text = NOT_MEASURED.sub("", paragraph)
        text = re.sub(r"<[^>]+>", "", text)  # HTML tags and their attributes
        for match in TIMING.finditer(text):
            if float(match["number"]) not in seen | marked:
                found.append(match[0])
    return found


def numbers_shown(markdown: str) -> set[float]:
    """Every number in the recorded outputs and the code of the snippets a page shows."""
    texts = []
    for snippet in (found.snippet for found in site_snippets(markdown) if found.snippet):
        texts.append(snippet.code)
        outputs = [snippet.default_output_file, *snippet.override_files().values()]
        texts += [file.read_text(encoding="utf-8") for file in outputs]
    return {float(n.replace("_", "")) for text in texts for n in re.findall(r"(?<![\w.])\d[\d_]*(?:\.\d+)?", text)}


def test_every_timing_in_prose_is_shown_in_an_output():
    problems = []
    for page in sorted((ROOT / "docs").rglob("*.md")):
        markdown = page.read_text(encoding="utf-8")
        for timing in unexplained_timings(markdown, numbers_shown(markdown)):
            problems.append(f"{page.relative_to(ROOT)}: {timing!r}")
    assert not problems, (
        "timings in prose that no recorded output or snippet on the page shows "
        "(record it, or mark it `<!-- not measured: N -->` in its paragraph):\n" + "\n".join(problems)
    )


PAGE = """---
description: took 9 s
---
Two threads used 0.32 s of CPU time in 0.33 s, and `sleep(7 s)` is code.

```python
print("4.5 s")
```

The threshold is 0.1 s. <!-- not measured: 0.1 s -->

::: snippet tasks/01_two_delays_as_tasks.py

It took 2.0 seconds, as the [output](x.md#2-s) shows, <span title="3 s">then</span> 1 ms.
"""


def test_the_check_finds_unrecorded_timings_only():
    # not the front matter, code, a marked number, a link target, an HTML attribute, or one the page shows
    assert unexplained_timings(PAGE, seen={2.0}) == ["0.32 s", "0.33 s", "1 ms"]


def test_a_mark_covers_its_own_paragraph_only():
    page = "Waits 5 ms. <!-- not measured: 5 -->\n\nAnd then 5 ms."
    assert unexplained_timings(page, seen=set()) == ["5 ms"]


def test_numbers_shown_come_from_outputs_and_code():
    shown = numbers_shown("::: snippet tasks/01_two_delays_as_tasks.py\n")
    assert 1.0 in shown  # the snippet sleeps 1 second and its output says so
    assert numbers_shown("no snippet here") == set()
