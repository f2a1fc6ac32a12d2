"""The MkDocs plugin registers the runner's files and Pyodide as files of the build (no copying of its own), and a
rebuild into the same folder (as `mkdocs serve` does) does not copy Pyodide again."""

from __future__ import annotations

import os

from mkdocs.config import load_config
from mkdocs.structure.files import Files

from live_snippets.extension import SnippetExtension
from tests.conftest import ROOT


def registered(site_dir, **overrides):
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir))
    config = config.plugins.on_config(config)
    plugin = config.plugins["live-snippets"]
    for name, value in overrides.items():
        setattr(plugin.options, name, value)
    return config, plugin, plugin.on_files(Files([]), config)


def test_the_runner_and_pyodide_are_files_of_the_build(tmp_path):
    config, plugin, files = registered(tmp_path)
    paths = {file.dest_uri for file in files}
    assert {"assets/live-snippets/runner.js", "assets/live-snippets/helpers.json", "assets/pyodide/pyodide.asm.wasm"} <= paths
    # The extension is in the build once: the one listed in mkdocs.yml (for Zensical) is replaced by the plugin's.
    extensions = [e for e in config.markdown_extensions if isinstance(e, SnippetExtension) or "live_snippets" in str(e)]
    assert extensions == [plugin.extension]


def test_a_rebuild_into_the_same_folder_copies_pyodide_only_when_it_changed(tmp_path):
    _, _, files = registered(tmp_path)
    for file in files:
        file.copy_file()
    wasm = tmp_path / "assets" / "pyodide" / "pyodide.asm.wasm"
    os.utime(wasm, (1e9 + 10**8, 2e9))  # newer than the source: up to date
    helpers = tmp_path / "assets" / "live-snippets" / "helpers.json"
    helpers.write_text("stale", encoding="utf-8")
    marker = wasm.stat().st_mtime
    for file in files:
        file.copy_file()  # what a non-dirty rebuild does
    assert wasm.stat().st_mtime == marker, "Pyodide was copied again"
    assert helpers.read_text(encoding="utf-8") != "stale", "generated files are written on every build"


def test_without_the_runner_nothing_is_registered(tmp_path):
    _, _, files = registered(tmp_path, run_in_browser=False)
    assert not [file for file in files if file.dest_uri.startswith("assets/")]
