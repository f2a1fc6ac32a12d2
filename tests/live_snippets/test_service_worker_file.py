"""The service worker the build writes at the site's root (live_snippets/service_worker.py): its version follows the
runner's files, and it lists Pyodide's and the runner's files for the caches."""

from __future__ import annotations

import json

from live_snippets import service_worker

FILES = {
    "assets/live-snippets/runner.js": "// runner",
    "assets/live-snippets/helpers.json": "{}",
    "assets/pyodide/pyodide.mjs": "// pyodide",
}


def build_facts(text: str) -> dict:
    first, _, rest = text.partition("\n")
    assert first.startswith("self.liveSnippetsBuild = ") and first.endswith(";")
    assert rest == service_worker.SOURCE.read_text(encoding="utf-8")
    return json.loads(first.removeprefix("self.liveSnippetsBuild = ").removesuffix(";"))


def facts(files: dict) -> dict:
    return build_facts(service_worker.site_file(files, "assets/pyodide", "assets/live-snippets", "314.0.7"))


def test_the_same_files_give_the_same_version_and_any_change_a_new_one():
    assert facts(FILES)["version"] == facts(dict(FILES))["version"]
    changed = {**FILES, "assets/live-snippets/helpers.json": "[]"}  # the same length: the content counts
    assert facts(changed)["version"] != facts(FILES)["version"]
    renamed = {**{k: v for k, v in FILES.items() if "runner" not in k}, "assets/live-snippets/entry.js": "// runner"}
    assert facts(renamed)["version"] != facts(FILES)["version"]


def test_it_lists_pyodides_files_and_the_runners_apart(tmp_path):
    wasm = tmp_path / "pyodide.asm.wasm"
    wasm.write_bytes(b"\0asm")
    built = facts({**FILES, "assets/pyodide/pyodide.asm.wasm": wasm})
    assert built["python"] == ["assets/pyodide/pyodide.asm.wasm", "assets/pyodide/pyodide.mjs"]
    assert built["runner"] == ["assets/live-snippets/helpers.json", "assets/live-snippets/runner.js"]
    assert built["pyodideVersion"] == "314.0.7"
    wasm.write_bytes(b"\0asn")  # a file's content, not only its name and size, makes the version
    assert facts({**FILES, "assets/pyodide/pyodide.asm.wasm": wasm})["version"] != built["version"]
