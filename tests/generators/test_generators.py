"""The site builds strictly from the one mkdocs.yml with each generator it supports, and a snippet runs in the
browser on each build: MkDocs 1.6 (the shared build of tests/conftest.py, on which tests/runner runs every snippet),
ProperDocs and Zensical (0.0.73; it runs the extension, not the plugin).

Each build takes a few seconds; one snippet is run on one page of each (Glossary: short, three snippets)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from tests.conftest import ROOT, built_once, serve
from tests.runner.driver import runnable_snippets

BIN = Path(sys.executable).parent
PAGE = "glossary/"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "http://127.0.0.1/"}


def _run(command: list[str], cwd: Path) -> None:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=ENV)
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"{' '.join(command)} failed:\n{output}"
    # Zensical's strict mode reports problems without failing on some; ProperDocs and MkDocs fail.
    assert "ERROR" not in output and "Error:" not in output, output


def build_with_properdocs(site: Path) -> None:
    _run([str(BIN / "properdocs"), "build", "--strict", "-f", "mkdocs.yml", "-d", str(site)], ROOT)


def copy_project(destination: Path) -> Path:
    """The project's sources (no virtual environment, node modules, history or built site), for a generator that
    builds into the project's own site folder; node_modules is linked."""
    project = destination / "project"
    shutil.copytree(ROOT, project, symlinks=True, ignore=shutil.ignore_patterns(
        ".venv", "node_modules", ".git", "site", "build", ".cache", "__pycache__", "*.egg-info", ".ruff_cache"))
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    return project


def build_with_zensical(site: Path) -> None:
    project = copy_project(site.parent)
    _run([str(BIN / "zensical"), "build", "--strict", "--clean"], project)
    shutil.copytree(project / "site", site, dirs_exist_ok=True)


BUILDERS = {"properdocs": build_with_properdocs, "zensical": build_with_zensical}


@pytest.fixture(scope="session")
def generator_site(request, tmp_path_factory):
    """(site folder, URL) built by the generator named by the test's parameter; MkDocs: the shared build."""
    name = request.param
    if name == "mkdocs":
        folder = request.getfixturevalue("built_site")
    else:
        def build(folder: Path) -> None:
            (folder / "site").mkdir(exist_ok=True)
            BUILDERS[name](folder / "site")

        folder = built_once(tmp_path_factory, f"site-{name}", build) / "site"
    with serve(folder) as url:
        yield folder, url


@pytest.mark.parametrize("generator_site", ["mkdocs", "properdocs", "zensical"], indirect=True)
def test_the_site_builds_strictly_and_shows_every_snippet(generator_site):
    site, _ = generator_site
    page = (site / PAGE / "index.html").read_text(encoding="utf-8")
    source = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    assert page.count('class="snippet"') == source.count("::: snippet ") > 0
    assert "::: snippet" not in page.split('<div class="snippet"')[0], "a directive was left as text"
    assert page.count("runner.js") == 1
    for shipped in ("assets/live-snippets/runner.js", "assets/live-snippets/helpers.json", "assets/pyodide/pyodide.mjs"):
        assert (site / shipped).is_file(), f"{shipped} is not in the built site"


# MkDocs: tests/runner and tests/runner/test_parity.py run snippets on its build (every one of them).
@pytest.mark.parametrize("generator_site", ["properdocs", "zensical"], indirect=True)
def test_a_snippet_runs_in_the_browser(generator_site, page):
    _, url = generator_site
    page.goto(url + PAGE)
    snippet = runnable_snippets(page)[0]
    snippet.run('print("hello from the page")')
    assert snippet.state == "finished" and snippet.output() == "hello from the page", (snippet.state, snippet.output())


def test_the_generators_are_the_pinned_ones():
    pins = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    for name in ("mkdocs", "properdocs", "zensical", "mkdocs-material"):
        assert f"\n{name}=={metadata.version(name)}\n" in pins, f"{name} {metadata.version(name)} is not the pinned one"


def test_the_snippet_tests_are_the_snippets_the_build_shows(built_site):
    """The pytest-markdown-docs hooks and the build share one parser: on every page, the directives the hooks find
    (and test) are the snippets the built page shows, in order."""
    import re

    from live_snippets.extension import find_snippets
    from tests.markdown_docs import SNIPPETS, _site_markdown_extensions

    extensions, configs = _site_markdown_extensions()
    differences = []
    for source in sorted((ROOT / "docs").glob("*.md")):
        found = [f.snippet.path for f in find_snippets(source.read_text(encoding="utf-8"), SNIPPETS, extensions, configs)]
        name = "" if source.stem == "index" else f"{source.stem}/"
        shown = re.findall(r'<div class="snippet"[^>]*data-snippet="([^"]+)"', (built_site / name / "index.html").read_text(encoding="utf-8"))
        if found != shown:
            differences.append(f"{source.name}: tested {found}, shown {shown}")
    assert not differences, "\n".join(differences)
