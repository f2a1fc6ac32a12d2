"""Running snippets under CPython, and comparing what they print with what was recorded.

A snippet runs as a reader would run it: ``python FILE`` in its own folder, as a separate process, with stdout and
stderr in one pipe so that their order is kept. The snippets folder is on ``PYTHONPATH`` for the shared helpers.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
import shutil
import signal
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


@dataclass(frozen=True)
class Output:
    """What a run printed, and which of its lines (indexes into text.split("\\n")) were written to stderr."""

    text: str
    stderr: frozenset[int] = frozenset()
    complete: bool = True  # False: the run was stopped (a timeout), so it is no recording of the snippet

    @classmethod
    def from_lines(cls, lines) -> Output:
        """From (stream, text) pairs, stream "stdout" or "stderr" (as the browser's output view shows them)."""
        lines = list(lines)
        return cls("\n".join(text for _, text in lines), frozenset(i for i, (s, _) in enumerate(lines) if s == "stderr"))


MARKS = Path(__file__).with_name("stream_marks")  # its sitecustomize marks what a snippet writes to stderr
TIMELINE_BOOT = Path(__file__).with_name("timeline_boot")  # its sitecustomize marks stderr and records a timeline
_STDERR_START, _STDERR_END = b"\x0e", b"\x0f"
_MARKS_ON = _STDERR_START + _STDERR_END  # what the sitecustomize writes first


class StreamsUnknown(Exception):
    """The run's command skipped the start-up file that marks stderr, so its lines' streams cannot be told."""


def _as_from_a_terminal() -> None:
    """Ctrl+C as `python FILE` typed in a terminal gets it: a process started in the background by a script (as CI
    may start the tests) inherits SIGINT ignored, and Python then installs no KeyboardInterrupt handler."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def run(snippet: Snippet, interpreter: Interpreter, timeline_file: Path | None = None) -> Output:
    """What the snippet prints (stdout and stderr, interleaved), with machine-specific paths made short.
    timeline_file: also record the run's task timeline there (assets/timeline.py, started by TIMELINE_BOOT)."""
    command = snippet.command
    env = {k: v for k, v in os.environ.items() if k not in _CLEARED_ENV}
    start_up = [str(TIMELINE_BOOT), str(MARKS)] if timeline_file else [str(MARKS)]
    env.update(
        PYTHONPATH=os.pathsep.join([str(snippet.root), *start_up]), PYTHONUNBUFFERED="1", PYTHONIOENCODING="utf-8",
        PYTHONDONTWRITEBYTECODE="1", **command.env,
    )
    if timeline_file:
        env["LIVE_SNIPPETS_TIMELINE"] = str(timeline_file)
        _compile_timeline(interpreter.executable)
    complete = True
    try:
        result = subprocess.run(
            [interpreter.executable, *command.options, snippet.name],
            cwd=snippet.file.parent, env=env, stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=TIMEOUT_SECONDS,
            preexec_fn=_as_from_a_terminal if os.name == "posix" else None,
        )
        raw = result.stdout
    except subprocess.TimeoutExpired as timeout:
        raw = (timeout.stdout or b"") + f"\n[the test stopped this snippet after {TIMEOUT_SECONDS} s]\n".encode()
        complete = False
    if not raw.startswith(_MARKS_ON):
        raise StreamsUnknown(
            f"{snippet.path}: `{' '.join(['python', *command.options, snippet.name])}` did not load"
            f" {MARKS.name}/sitecustomize.py (options such as -I, -S or -E skip it), so what it printed to stderr"
            " cannot be told from stdout; run it without those options"
        )
    return _split_streams(raw[len(_MARKS_ON):], snippet.root, complete)


@functools.cache
def _compile_timeline(executable: str) -> None:
    """Leave the timeline's bytecode in assets/__pycache__ for that version (a snippet runs with
    PYTHONDONTWRITEBYTECODE, so it would compile the module at every start: 7 ms)."""
    source = TIMELINE_BOOT.parent / "assets" / "timeline.py"
    subprocess.run([executable, "-c", "import py_compile, sys; py_compile.compile(sys.argv[1])", str(source)],
                   capture_output=True, timeout=TIMEOUT_SECONDS, check=False)


def _split_streams(raw: bytes, root: Path, complete: bool = True) -> Output:
    """Output from the bytes of one pipe, stderr's writes marked; a line is stderr's when its first write is."""
    text, stderr, line, line_started = [], set(), 0, False
    for index, chunk in enumerate(re.split(b"\x0e|\x0f", raw)):
        piece = shorten_paths(chunk.decode("utf-8", errors="replace"), root)
        parts = piece.split("\n")
        for part_index, part in enumerate(parts):
            ends_line = part_index < len(parts) - 1
            if (part or ends_line) and not line_started:
                line_started = True
                if index % 2:
                    stderr.add(line)
            if ends_line:
                line, line_started = line + 1, False
        text.append(piece)
    return Output("".join(text), frozenset(stderr), complete)


def run_everywhere(snippet: Snippet, interpreters: list[Interpreter]) -> dict[Interpreter, Output]:
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
# A time: a number followed by s, ms or second(s). Only times may differ, and only within the tolerance.
_TIME = re.compile(r"(?<![\w.])(?P<number>\d+(?:\.\d+)?)(?=\s?(?P<unit>ms|s|seconds?)\b)")
# A standard-library location in a repr ("created at .../asyncio/runners.py:100"): its line differs by version.
_LIBRARY_LINE = re.compile(r"(\.\.\./[^\s\"]+?\.py):\d+")
# A measured time may be this much longer than recorded (a loaded machine is slower, never faster): snippets sleep
# in whole tenths of seconds or more, so a real difference in concurrency is far larger.
TIMING_TOLERANCE_SECONDS = 0.25
TIMING_TOLERANCE_RATIO = 0.1
EARLY_TOLERANCE_SECONDS = 0.05  # ... and at most this much shorter (timer granularity)
# Frames and paths of the in-browser runner or of Pyodide, which no reader's output may show.
_INTERNAL = re.compile(
    r"live_snippets_runtime|/\.live_snippets/"  # the runner's own module and folder
    r"|(?:\.\.\.|/lib/python[\d.]*(?:\.zip)?|site-packages)/_?pyodide/"  # Pyodide's Python package, path shortened or not
    r"|\b_?pyodide\.(?:ffi|webloop|code|console|_core|_base)\b"  # ... named as modules (pyodide.ffi.JsException)
)

Line = tuple[str, str]  # (stream, text)


def _is_snippet_frame(file: str) -> bool:
    return not file.startswith((".../", "/", "<"))


def _streamed_lines(output) -> list[Line]:
    """(stream, text) of every line; output is an Output or RecordedOutput, or a str (all stdout)."""
    text, stderr = (output, frozenset()) if isinstance(output, str) else (output.text, output.stderr)
    return [("stderr" if i in stderr else "stdout", line) for i, line in enumerate(text.replace("\r\n", "\n").split("\n"))]


def normalize(output) -> list[Line]:
    """The lines that must match, with their streams: addresses masked, error-location markers and library frames
    dropped, line numbers in library locations masked."""
    lines = []
    skipping_frame = False
    for stream, line in _streamed_lines(output):
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
        lines.append((stream, _LIBRARY_LINE.sub(r"\1:…", _ADDRESS.sub("0x…", line.rstrip()))))
    while lines and not lines[-1][1]:
        lines.pop()
    return lines


def internal_lines(output) -> list[str]:
    """Lines of a raw browser output that show the runner's or Pyodide's own files (checked before normalizing,
    which would drop such frames)."""
    return [line for _, line in _streamed_lines(output) if _INTERNAL.search(line)]


def _seconds(match: re.Match) -> float:
    return float(match["number"]) / (1000 if match["unit"] == "ms" else 1)


def _times_close(expected: float, actual: float) -> bool:
    late = max(TIMING_TOLERANCE_SECONDS, TIMING_TOLERANCE_RATIO * expected)
    return expected - EARLY_TOLERANCE_SECONDS <= actual <= expected + late


def times_within(seconds: float):
    """A symmetric time comparison, for outputs of which neither is the reference (see record.py)."""
    return lambda a, b: abs(a - b) <= seconds


def lines_match(expected: str, actual: str, close=_times_close) -> bool:
    """Equal, but for times, which may be measured a little later than recorded. Every other number is exact."""
    if expected == actual:
        return True
    if _TIME.sub("#", expected) != _TIME.sub("#", actual):
        return False
    want, got = list(_TIME.finditer(expected)), list(_TIME.finditer(actual))
    return all(close(_seconds(w), _seconds(g)) for w, g in zip(want, got))


def outputs_match(expected, actual, close=_times_close) -> bool:
    """expected and actual: Output, RecordedOutput or str (all stdout). Streams must match line by line."""
    want, got = normalize(expected), normalize(actual)
    return len(want) == len(got) and all(
        w_stream == g_stream and lines_match(w, g, close) for (w_stream, w), (g_stream, g) in zip(want, got)
    )


def _shown(output) -> list[str]:
    """Lines for a diff: stderr lines marked."""
    return [f"[stderr] {line}" if stream == "stderr" else line for stream, line in _streamed_lines(output)]


def diff(expected, actual, expected_name: str, actual_name: str) -> str:
    return "\n".join(difflib.unified_diff(_shown(expected), _shown(actual), expected_name, actual_name, lineterm=""))
