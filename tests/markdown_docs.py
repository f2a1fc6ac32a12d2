"""A pytest plugin: pytest-markdown-docs, taught about snippets (loaded by the top-level conftest.py).

- A ``::: snippet PATH`` directive on a page becomes a Python fence run by the ``snippet`` runner, which runs the
  file under every CPython 3.11+ found here and compares what it prints with the recorded output the page shows.
  The directives are found by the site's own parser (``live_snippets.extension.find_snippets`` with the Markdown
  extensions of mkdocs.yml), so a test exists exactly for each directive the build renders: two on consecutive
  lines, one inside an admonition or a tab, none inside a code fence.
- A Python fence marked ``notest`` is not dropped silently: it becomes a skipped test that gives its reason,
  written ``{.python notest reason="..."}``.
"""

from __future__ import annotations

import functools
import re
import warnings
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token
from pytest_markdown_docs._runners import _Runner, register_runner

from live_snippets import cpython
from live_snippets.extension import find_snippets, parse_directive

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets"
_REASON = re.compile(r'reason="(?P<reason>[^"]+)"')


# --- markdown-it: what pytest-markdown-docs collects -------------------------------------------------------


@functools.cache
def _site_markdown_extensions() -> tuple[list, dict]:
    """The Markdown extensions mkdocs.yml configures, the snippet extension left out (find_snippets adds its own)."""
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    names = ("live_snippets.extension", "live_snippets")
    return [e for e in config.markdown_extensions if e not in names], config.mdx_configs


def site_snippets(markdown: str) -> list:
    """A page's directives as the build finds them: the site's parser with the site's extensions (Found tuples)."""
    extensions, configs = _site_markdown_extensions()
    return find_snippets(markdown, SNIPPETS, extensions, configs)


def _snippet_directives(state) -> None:
    lines, start = state.src.split("\n"), 0
    for found in site_snippets(state.src):
        # The line a directive is on, for the test's name and report; the runner reads the directive again from
        # the fence, so that a bad one fails its own test instead of the whole collection.
        line = next((i for i in range(start, len(lines)) if lines[i].strip() == found.line), start)
        start = line + 1
        state.tokens.append(Token("fence", "code", 0, map=[line, line + 1], info="python runner:snippet",
                                  content=found.line + "\n"))


def _notest_fences(state) -> None:
    for token in state.tokens:
        if token.type == "fence" and re.search(r"\bnotest\b", token.info) and re.search(r"\bpython\b", token.info):
            token.info = "python runner:skipped"


def pytest_markdown_docs_markdown_it() -> MarkdownIt:
    parser = MarkdownIt("commonmark")
    parser.core.ruler.push("snippet_directives", _snippet_directives)
    parser.core.ruler.push("notest_fences", _notest_fences)
    return parser


# --- runners -----------------------------------------------------------------------------------------------


def _page_line(test) -> str:
    """The line a test's fence or directive starts on (pytest-markdown-docs numbers the line after it)."""
    return Path(test.source_path).read_text(encoding="utf-8").splitlines()[test.start_line - 1]


class SnippetOutputMismatch(AssertionError):
    pass


class SecondRunNeeded(UserWarning):
    """A snippet printed its recorded output only on a second run (timing on a busy machine)."""


@register_runner()
class snippet(_Runner):  # noqa: N801 - the name a fence asks for: runner:snippet
    def runtest(self, test, args, **kwargs):
        assert INTERPRETERS, "no CPython 3.11+ found to run snippets with"
        snippet = parse_directive(test.source.strip(), SNIPPETS)
        failures = []
        for interpreter, output in cpython.run_everywhere(snippet, INTERPRETERS).items():
            expected = snippet.expected_output(interpreter.version)
            if not cpython.outputs_match(expected, output):
                # Once more, alone: on a busy machine a sleep can overrun. A real difference fails twice.
                first, output = output, cpython.run(snippet, interpreter)
                if cpython.outputs_match(expected, output):
                    warnings.warn(SecondRunNeeded(
                        f"{snippet.path} under {interpreter.name} matched only when run a second time; "
                        f"the first run printed:\n{cpython.diff(expected, first, 'recorded', 'first run')}"
                    ), stacklevel=1)  # the warning is about the snippet, not a caller's line
                    continue
                failures.append(
                    f"{snippet.path} under {interpreter.name} does not print the output shown as "
                    f"'{expected.label}':\n"
                    + cpython.diff(expected, output, f"recorded ({expected.label})", interpreter.name)
                )
        if failures:
            raise SnippetOutputMismatch("\n\n".join(failures) + "\n\nIf the change is right: make update-outputs")

    def repr_failure(self, test, excinfo, style=None):
        if isinstance(excinfo.value, SnippetOutputMismatch):
            return str(excinfo.value)
        return f"{test.source_path}:{test.start_line}: {excinfo.exconly()}"


@register_runner()
class skipped(_Runner):  # noqa: N801 - runner:skipped, for fences marked notest
    def runtest(self, test, args, **kwargs):
        reason = _REASON.search(_page_line(test))
        if not reason:
            raise AssertionError('a notest fence must say why: {.python notest reason="..."}')
        pytest.skip(f"notest: {reason['reason']}")

    def repr_failure(self, test, excinfo, style=None):
        return f"{test.source_path}:{test.start_line}: {excinfo.exconly()}"


# --- which CPython versions ran ------------------------------------------------------------------------------

INTERPRETERS = cpython.find_interpreters()


def pytest_report_header(config):
    return _versions_line()


def _versions_line() -> str:
    found = {i.version for i in INTERPRETERS}
    ran = ", ".join(i.name for i in INTERPRETERS) or "none"
    missing = ", ".join("%d.%d" % v for v in cpython.SUPPORTED if v not in found) or "none"
    return f"snippets run under: {ran}; not found here, so not run: {missing}"


def pytest_terminal_summary(terminalreporter):
    terminalreporter.write_line(_versions_line())
