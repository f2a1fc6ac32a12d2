"""A pytest plugin (loaded by the top-level conftest.py): the figures each quality gate measured, printed after the
run whether the gate passed or failed.

A gate asks for the ``figures`` fixture and appends lines to it. The lines travel with the test's report, so they
survive pytest-xdist, and are printed in a "quality gate figures" section of the terminal summary.
"""

from __future__ import annotations

import pytest

_KEY = "quality-gate-figures"
_outcomes: dict[str, str] = {}  # test id -> passed / failed / skipped
_figures: dict[str, str] = {}  # test id -> its figures


@pytest.fixture
def figures(record_property):
    lines: list[str] = []
    yield lines
    record_property(_KEY, "\n".join(lines))


def pytest_runtest_logreport(report):
    if report.when == "call" or (report.failed and report.nodeid not in _outcomes):
        _outcomes[report.nodeid] = report.outcome
    text = dict(report.user_properties).get(_KEY)
    if report.when == "teardown" and text:
        _figures[report.nodeid] = text


def pytest_terminal_summary(terminalreporter):
    if not _figures:
        return
    terminalreporter.section("quality gate figures")
    for nodeid, text in sorted(_figures.items()):
        terminalreporter.write_line(f"{nodeid} [{_outcomes.get(nodeid, 'error').upper()}]")
        for line in text.splitlines():
            terminalreporter.write_line(f"    {line}")
