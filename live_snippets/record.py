"""Re-record snippet outputs from CPython: ``python -m live_snippets.record [SNIPPET ...]``.

Each snippet runs under every CPython 3.11+ found (see ``cpython.find_interpreters``). The newest version's output
becomes ``NAME.out``; an older run of versions that print something else becomes ``NAME.<newest of them>.out``.
A file is rewritten only when what it says changed (not for a new memory address),
so the diff of a recorded output shows real changes only.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import cpython
from .snippet import Snippet


def groups(outputs: list[tuple[cpython.Interpreter, str]]) -> list[tuple[cpython.Interpreter, str]]:
    """Consecutive versions that print the same thing, as (newest interpreter of the run, its output)."""
    runs: list[tuple[cpython.Interpreter, str]] = []
    for interpreter, output in outputs:  # oldest first
        if runs and cpython.outputs_match(runs[-1][1], output):
            runs[-1] = (interpreter, output)
        else:
            runs.append((interpreter, output))
    return runs


def write_if_changed(file: Path, output: str) -> bool:
    # Numbers count exactly here (no timing tolerance): a changed sleep must show in the recorded output.
    if file.is_file() and cpython.normalize(file.read_text(encoding="utf-8")) == cpython.normalize(output):
        return False
    file.write_text(output, encoding="utf-8")
    return True


def record(snippet: Snippet, interpreters: list[cpython.Interpreter]) -> list[str]:
    """Record one snippet; returns what changed on disk."""
    outputs = cpython.run_everywhere(snippet, interpreters)
    runs = groups([(i, outputs[i]) for i in interpreters])
    wanted = {snippet.default_output_file: runs[-1][1]}
    for interpreter, output in runs[:-1]:
        wanted[snippet.file.with_name(f"{snippet.file.stem}.{interpreter.version[0]}.{interpreter.version[1]}.out")] = output
    changed = [str(file.relative_to(snippet.root)) for file, output in wanted.items() if write_if_changed(file, output)]
    for stale in set(snippet.override_files().values()) - set(wanted):
        stale.unlink()
        changed.append(f"{stale.relative_to(snippet.root)} (removed)")
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("snippets", nargs="*", type=Path, help="snippet files (default: all under --root)")
    parser.add_argument("--root", type=Path, default=Path("snippets"), help="the snippets folder")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    files = [p.resolve() for p in args.snippets] or sorted(
        p for p in root.rglob("*.py") if p.parent != root and not p.name.startswith("_")
    )
    interpreters = cpython.find_interpreters()
    if not interpreters:
        print("no CPython 3.11+ found", file=sys.stderr)
        return 1
    found = {i.version for i in interpreters}
    print("recording with", ", ".join(i.name for i in interpreters))
    missing = [f"{v[0]}.{v[1]}" for v in cpython.SUPPORTED if v not in found]
    if missing:
        print(f"not found here: {', '.join(missing)} (their outputs are assumed to be the newest version's)")
    for file in files:
        snippet = Snippet(root, file.relative_to(root).as_posix())
        for change in record(snippet, interpreters):
            print("  wrote", change)
    return 0


if __name__ == "__main__":
    sys.exit(main())
