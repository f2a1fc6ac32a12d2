"""The site's service worker (assets/service-worker/service-worker.js): served from the site's root, so that its
scope is the whole site (GitHub Pages cannot send `Service-Worker-Allowed`), with the build's facts written before
it. See SERVICE-WORKER.md in this folder.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

SOURCE = Path(__file__).parent / "assets" / "service-worker" / "service-worker.js"
SITE_PATH = "service-worker.js"  # in the built site, at its root


def version(files: dict[str, Path | str]) -> str:
    """A hash of the runner's files as the site ships them (Pyodide's included): a build that changes any of them
    is a new version, whose worker replaces the old cache; rebuilding the same files keeps it."""
    digest = hashlib.sha256()
    for path in sorted(files):
        source = files[path]
        data = source.encode("utf-8") if isinstance(source, str) else source.read_bytes()
        digest.update(f"{path}\0{len(data)}\0".encode())
        digest.update(data)
    digest.update(SOURCE.read_bytes())
    return digest.hexdigest()[:16]


def site_file(files: dict[str, Path | str], pyodide_folder: str, runner_folder: str, pyodide_version: str) -> str:
    """The worker's text for the site's root, given the runner's files in the site ({path: source file or text})."""
    build = {
        "version": version(files),
        "pyodideVersion": pyodide_version,
        "python": sorted(path for path in files if path.startswith(pyodide_folder.rstrip("/") + "/")),
        "runner": sorted(path for path in files if path.startswith(runner_folder.rstrip("/") + "/")),
    }
    return f"self.liveSnippetsBuild = {json.dumps(build)};\n" + SOURCE.read_text(encoding="utf-8")
