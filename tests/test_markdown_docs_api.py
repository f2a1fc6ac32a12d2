"""tests/markdown_docs.py extends pytest-markdown-docs through a private module (`_runners`): pinned in
requirements.txt, and checked here so that an update that changes it fails with a clear message, not a crash."""

from __future__ import annotations

import inspect
import re
from importlib import metadata

from tests.conftest import ROOT

PIN = re.search(r"^pytest-markdown-docs==(\S+)$", (ROOT / "requirements.txt").read_text(), re.MULTILINE)[1]


def test_the_installed_pytest_markdown_docs_is_the_pinned_one():
    installed = metadata.version("pytest-markdown-docs")
    assert installed == PIN, f"pytest-markdown-docs {installed} is installed, requirements.txt pins {PIN}: run make test"


def test_the_private_runner_api_the_hooks_use_is_there():
    from pytest_markdown_docs import _runners

    problems = []
    if not inspect.isclass(getattr(_runners, "_Runner", None)):
        problems.append("pytest_markdown_docs._runners._Runner is gone")
    else:
        abstract = set(getattr(_runners._Runner, "__abstractmethods__", ()))
        if abstract != {"runtest", "repr_failure"}:
            problems.append(f"_Runner's abstract methods are {sorted(abstract)}, not runtest and repr_failure")
        for name, parameters in (("runtest", ["self", "test", "args"]), ("repr_failure", ["self", "test", "excinfo", "style"])):
            method = getattr(_runners._Runner, name, None)
            if method is not None and list(inspect.signature(method).parameters) != parameters:
                problems.append(f"_Runner.{name}{inspect.signature(method)} no longer takes {parameters}")
    register = getattr(_runners, "register_runner", None)
    if register is None or "default" not in inspect.signature(register).parameters:
        problems.append("pytest_markdown_docs._runners.register_runner(*, default=...) is gone")
    assert not problems, (
        f"pytest-markdown-docs {metadata.version('pytest-markdown-docs')} changed the private API that "
        "tests/markdown_docs.py builds on; adapt the hooks there before updating the pin:\n- " + "\n- ".join(problems)
    )


def test_the_hooks_make_a_test_of_every_directive_the_build_renders_and_no_other():
    from tests.markdown_docs import pytest_markdown_docs_markdown_it

    page = "\n".join([
        "# A page",  # 0
        "",
        "::: snippet a/01_x.py",  # 2
        "::: snippet a/02_y.py predict",  # 3
        "",
        '!!! note "In a note"',
        "",
        "    ::: snippet a/03_z.py",  # 7
        "",
        "```markdown",
        "::: snippet a/04_in_a_fence.py",
        "```",
        "",
    ])
    fences = [t for t in pytest_markdown_docs_markdown_it().parse(page) if t.info == "python runner:snippet"]
    assert [(t.content.strip(), t.map[0]) for t in fences] == [
        ("::: snippet a/01_x.py", 2), ("::: snippet a/02_y.py predict", 3), ("::: snippet a/03_z.py", 7),
    ]
