"""The site builds with --strict, and the build fails on what it should."""

import shutil

from tests.conftest import ROOT, build_site


def test_strict_build_passes(built_site):
    assert (built_site / "index.html").is_file()
    assert (built_site / "coroutines" / "index.html").is_file()


def copy_project(tmp_path, with_node_modules=True):
    docs = tmp_path / "project"
    shutil.copytree(ROOT, docs, ignore=shutil.ignore_patterns(".venv", "node_modules", ".git", "site", "build"))
    if with_node_modules:
        (docs / "node_modules").symlink_to(ROOT / "node_modules")
    return docs


def test_strict_build_fails_on_a_broken_anchor(tmp_path):
    docs = copy_project(tmp_path)
    page = docs / "docs" / "coroutines.md"
    page.write_text(page.read_text() + "\n[broken](tasks.md#no-such-heading)\n")
    result = build_site(tmp_path / "out", "--config-file", str(docs / "mkdocs.yml"))
    assert result.returncode != 0
    assert "no-such-heading" in result.stderr


def test_build_without_pyodide_says_to_run_npm_ci(tmp_path):
    docs = copy_project(tmp_path, with_node_modules=False)
    result = build_site(tmp_path / "out", "--config-file", str(docs / "mkdocs.yml"))
    assert result.returncode != 0
    assert "Pyodide is not installed" in result.stderr and "npm ci" in result.stderr
