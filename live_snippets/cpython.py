"""Running snippets under CPython, and comparing what they print with what was recorded.

A snippet runs as a reader would run it: ``python FILE`` in its own folder, as a separate process, with stdout and
stderr in one pipe so that their order is kept. The snippets folder is on ``PYTHONPATH`` for the shared helpers.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .snippet import OLDEST_SUPPORTED, Snippet, Version

SUPPORTED = [(3, 11), (3, 12), (3, 13), (3, 14)]
TIMEOUT_SECONDS = 60
# Settings a reader's shell might have that would change what a snippet prints.
_CLEARED_ENV = ("PYTHONASYNCIODEBUG", "PYTHONDEVMODE", "PYTHONWARNINGS", "PYTHONTRACEMALLOC", "PYTHONSTARTUP")


@dataclass(frozen=True)
class Interpreter:
    version: Version
    full_version: str
    executable: str

    @property
    def name(self) -> str:
        return f"CPython {self.full_version}"


def _probe(executable: str) -> Interpreter | None:
    try:
        out = subprocess.run(
            [executable, "-c", "import sys, platform; print(*sys.version_info[:3], platform.python_implementation())"],
            capture_output=True, text=True, timeout=20, check=True,
        ).stdout.split()
    except (OSError, subprocess.SubprocessError):
        return None
    if len(out) != 4 or out[3] != "CPython":
        return None
    major, minor, micro = map(int, out[:3])
    return Interpreter((major, minor), f"{major}.{minor}.{micro}", executable)


def _candidates() -> list[str]:
    """Executables that may be CPython 3.11+: SNIPPET_PYTHONS (os.pathsep-separated) when set, else a search."""
    if os.environ.get("SNIPPET_PYTHONS"):
        return os.environ["SNIPPET_PYTHONS"].split(os.pathsep)
    found = [sys.executable]
    for major, minor in SUPPORTED:
        found += filter(None, [shutil.which(f"python{major}.{minor}")])
    pyenv_root = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
    for major, minor in SUPPORTED:  # pyenv's shims answer "command not found" for versions not made global
        found += sorted(str(p) for p in Path(pyenv_root, "versions").glob(f"{major}.{minor}.*/bin/python3"))
    return found


def find_interpreters() -> list[Interpreter]:
    """The newest interpreter found for each supported minor version, oldest version first."""
    best: dict[Version, Interpreter] = {}
    for executable in dict.fromkeys(_candidates()):
        interpreter = _probe(executable)
        if interpreter is None or interpreter.version < OLDEST_SUPPORTED:
            continue
        current = best.get(interpreter.version)
        micro = lambda i: int(i.full_version.split(".")[2])  # noqa: E731
        if current is None or micro(interpreter) > micro(current):
            best[interpreter.version] = interpreter
    return [best[v] for v in sorted(best)]


def run(snippet: Snippet, interpreter: Interpreter) -> str:
    """What the snippet prints (stdout and stderr, interleaved), with machine-specific paths made short."""
    command = snippet.command
    env = {k: v for k, v in os.environ.items() if k not in _CLEARED_ENV}
    env.update(
        PYTHONPATH=str(snippet.root), PYTHONUNBUFFERED="1", PYTHONIOENCODING="utf-8",
        PYTHONDONTWRITEBYTECODE="1", **command.env,
    )
    try:
        result = subprocess.run(
            [interpreter.executable, *command.options, snippet.name],
            cwd=snippet.file.parent, env=env, stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=TIMEOUT_SECONDS,
        )
        output = result.stdout.decode("utf-8", errors="replace")
    except subprocess.TimeoutExpired as timeout:
        output = (timeout.stdout or b"").decode("utf-8", errors="replace")
        output += f"\n[the test stopped this snippet after {TIMEOUT_SECONDS} s]\n"
    return shorten_paths(output, snippet.root)


def run_everywhere(snippet: Snippet, interpreters: list[Interpreter]) -> dict[Interpreter, str]:
    """Run under every interpreter at once: snippets mostly wait, so this costs the time of one run."""
    with ThreadPoolExecutor(max_workers=len(interpreters) or 1) as pool:
        outputs = pool.map(lambda interpreter: run(snippet, interpreter), interpreters)
        return dict(zip(interpreters, outputs))


def shorten_paths(output: str, root: Path) -> str:
    """Snippet files by their name (as the page titles them); the standard library as `.../asyncio/tasks.py`."""
    output = output.replace("\r\n", "\n")
    for folder in sorted({p.parent for p in Path(root).rglob("*.py")}, key=lambda p: -len(str(p))):
        output = output.replace(f"{folder.resolve()}{os.sep}", "")
    # quoted in traceback frames; unquoted in task reprs ("created at /usr/lib/python3.12/asyncio/...")
    return re.sub(r'(?<=")/[^"\n]*?/lib/python3\.\d+t?/|(?<= )/[^\s"]*?/lib/python3\.\d+t?/', ".../", output)


# --- comparing ---------------------------------------------------------------------------------------------

_ADDRESS = re.compile(r"0x[0-9a-fA-F]+")
_CARETS = re.compile(r"^\s*[~^]+\s*$")  # 3.11+ error-location markers; they vary between versions
_FRAME = re.compile(r'^  File "(?P<file>[^"]+)", line \d+')
_NUMBER = re.compile(r"\d+\.\d+")
# A standard-library location in a repr ("created at .../asyncio/runners.py:100"): its line differs by version.
_LIBRARY_LINE = re.compile(r"(\.\.\./[^\s\"]+?\.py):\d+")
# Two timings match when within this much of each other: snippets sleep in whole tenths of seconds or more,
# so a real difference in concurrency is far larger than a loaded machine's delay.
TIMING_TOLERANCE_SECONDS = 0.25
TIMING_TOLERANCE_RATIO = 0.1


def _is_snippet_frame(file: str) -> bool:
    return not file.startswith((".../", "/", "<"))


def normalize(output: str) -> list[str]:
    """The lines that must match: addresses masked, error-location markers and library frames dropped,
    line numbers in library locations masked."""
    lines = []
    skipping_frame = False
    for line in output.replace("\r\n", "\n").splitlines():
        frame = _FRAME.match(line)
        if frame:
            skipping_frame = not _is_snippet_frame(frame["file"])
            if skipping_frame:
                continue
        elif skipping_frame and line.startswith("    "):
            continue  # the source line of a library frame
        else:
            skipping_frame = False
        if _CARETS.match(line):
            continue
        lines.append(_LIBRARY_LINE.sub(r"\1:…", _ADDRESS.sub("0x…", line.rstrip())))
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _numbers_close(expected: str, actual: str) -> bool:
    a, b = float(expected), float(actual)
    return abs(a - b) <= max(TIMING_TOLERANCE_SECONDS, TIMING_TOLERANCE_RATIO * abs(a))


def lines_match(expected: str, actual: str) -> bool:
    if expected == actual:
        return True
    if _NUMBER.sub("#", expected) != _NUMBER.sub("#", actual):
        return False
    return all(map(_numbers_close, _NUMBER.findall(expected), _NUMBER.findall(actual)))


def outputs_match(expected: str, actual: str) -> bool:
    want, got = normalize(expected), normalize(actual)
    return len(want) == len(got) and all(map(lines_match, want, got))


def diff(expected: str, actual: str, expected_name: str, actual_name: str) -> str:
    return "\n".join(
        difflib.unified_diff(expected.splitlines(), actual.splitlines(), expected_name, actual_name, lineterm="")
    )
