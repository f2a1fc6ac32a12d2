"""Snippets: standalone example scripts with their recorded outputs, and the page directive that names them.

A page includes a snippet with a line of its own (``extension.py`` finds the directives of a page; ``render.py``
says what one stands for)::

    ::: snippet coroutines/01_calling_makes_a_coroutine.py
    ::: snippet tasks/02_two_tasks.py predict

The path is relative to the snippets folder. Beside each script lie its recorded outputs:
``NAME.out`` is what the newest CPython prints; an optional ``NAME.3.12.out`` is what CPython 3.12 and older
print, back to the next older override (``NAME.3.11.out``, ...). When some of a recording's lines were written to
stderr, ``NAME.stderr`` (``NAME.3.12.stderr`` for ``NAME.3.12.out``) lists their line numbers (``4-9``, one
number or range per line); without it every line is stdout. Flags after the path: ``predict`` hides the
output behind a "predict the output" prompt.

A snippet file may carry two pragma comments, read by the tests and the runner:

``# run: python -X dev 05_debug.py``
    the command line that runs it (interpreter options, ``NAME=value`` environment settings);
``# local-only: <reason>``
    it cannot run in a browser (threads, processes, standard input); the page says so.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

DIRECTIVE = re.compile(r"^::: snippet (?P<path>\S+)(?P<flags>(?: [\w-]+)*) *$")
FLAGS = frozenset({"predict"})
OLDEST_SUPPORTED = (3, 11)
_OVERRIDE = re.compile(r"\.(?P<major>\d+)\.(?P<minor>\d+)\.out$")
_RUN = re.compile(r"^# run: (?P<command>.+)$", re.MULTILINE)
# Settings of a `# run:` line that Python reads while running, so that the browser applies them to the run; any other
# PYTHON* variable is read at start-up only (PYTHONWARNINGS, PYTHONDEVMODE, PYTHONTRACEMALLOC, ...).
RUN_TIME_ENV = frozenset({"PYTHONASYNCIODEBUG", "PYTHONUNBUFFERED", "PYTHONDONTWRITEBYTECODE"})
# Interpreter options the browser applies to the run with the same effect (runtime.py: development mode).
RUN_TIME_OPTIONS = (["-X", "dev"], ["-Xdev"])
_LOCAL_ONLY = re.compile(r"^# local-only: (?P<reason>.+)$", re.MULTILINE)


class SnippetError(ValueError):
    """A directive or snippet file that cannot be used as written."""


Version = tuple[int, int]


@dataclass(frozen=True)
class RecordedOutput:
    text: str
    newest: Version | None  # None: the default output, for every version newer than the overrides
    oldest: Version
    stderr: frozenset[int] = frozenset()  # indexes of the lines of text written to stderr

    def covers(self, version: Version) -> bool:
        return self.oldest <= version and (self.newest is None or version <= self.newest)

    @property
    def label(self) -> str:
        oldest = "%d.%d" % self.oldest
        if self.newest is None:
            return f"Python {oldest}+"
        newest = "%d.%d" % self.newest
        return f"Python {oldest}" if oldest == newest else f"Python {oldest}–{newest}"


@dataclass(frozen=True)
class Command:
    """How the snippet is run from a shell: ``[NAME=value ...] python [options] FILE``."""

    env: dict[str, str]
    options: list[str]
    text: str


@dataclass(frozen=True)
class Snippet:
    root: Path  # the snippets folder
    path: str  # relative to root, with forward slashes
    flags: frozenset[str] = frozenset()

    @classmethod
    def from_directive(cls, line: str, root: Path) -> Snippet | None:
        """The snippet a directive line names; None when the line is no directive."""
        match = DIRECTIVE.match(line.strip())
        if not match:
            return None
        flags = frozenset(match["flags"].split())
        if flags - FLAGS:
            raise SnippetError(f"{line.strip()!r}: unknown flag(s) {sorted(flags - FLAGS)}; known: {sorted(FLAGS)}")
        snippet = cls(root, match["path"], flags)
        snippet.check()
        return snippet

    @property
    def file(self) -> Path:
        return self.root / self.path

    @property
    def name(self) -> str:
        return self.file.name

    @property
    def code(self) -> str:
        return self.file.read_text(encoding="utf-8")

    def check(self) -> None:
        if not self.path.endswith(".py"):
            raise SnippetError(f"snippet {self.path!r}: a snippet is a .py file")
        if "\\" in self.path or not self.file.resolve().is_relative_to(self.root.resolve()):
            raise SnippetError(f"snippet {self.path!r}: the path must stay inside the snippets folder {self.root}")
        if not self.file.is_file():
            raise SnippetError(f"snippet {self.path!r}: no such file in {self.root}")
        if not self.default_output_file.is_file():
            raise SnippetError(
                f"snippet {self.path!r}: no recorded output {self.default_output_file.name}; run `make update-outputs`"
            )
        _ = self.command  # parses the pragma, raising on a malformed one

    @property
    def default_output_file(self) -> Path:
        return self.file.with_suffix(".out")

    def override_files(self) -> dict[Version, Path]:
        stem = self.file.stem
        found = {}
        for candidate in self.file.parent.glob(f"{glob_escape(stem)}.*.*.out"):
            match = _OVERRIDE.search(candidate.name)
            if match and candidate.name == f"{stem}.{match['major']}.{match['minor']}.out":
                found[(int(match["major"]), int(match["minor"]))] = candidate
        return dict(sorted(found.items()))

    @property
    def outputs(self) -> list[RecordedOutput]:
        """Recorded outputs, oldest versions first; the last is the default."""
        outputs = []
        oldest = OLDEST_SUPPORTED
        for version, file in self.override_files().items():
            outputs.append(RecordedOutput(file.read_text(encoding="utf-8"), version, oldest, read_stderr_lines(file)))
            oldest = (version[0], version[1] + 1)
        default = self.default_output_file
        outputs.append(RecordedOutput(default.read_text(encoding="utf-8"), None, oldest, read_stderr_lines(default)))
        return outputs

    def expected_output(self, version: Version) -> RecordedOutput:
        return next(output for output in self.outputs if output.covers(version))

    @property
    def command(self) -> Command:
        match = _RUN.search(self.code)
        if not match:
            return Command({}, [], f"python {self.name}")
        words = shlex.split(match["command"])
        env = {}
        while words and "=" in words[0] and not words[0].startswith("-"):
            key, value = words.pop(0).split("=", 1)
            env[key] = value
        if len(words) < 2 or words[0] not in ("python", "python3") or words[-1] != self.name:
            raise SnippetError(
                f"snippet {self.path!r}: '# run:' must read `[NAME=value ...] python [options] {self.name}`"
            )
        return Command(env, words[1:-1], match["command"].strip())

    @property
    def local_only(self) -> str | None:
        """Why the snippet cannot run in a browser (its pragma, or interpreter options), or None when it can."""
        match = _LOCAL_ONLY.search(self.code)
        if match:
            return match["reason"].strip()
        if self.command.options and self.command.options not in RUN_TIME_OPTIONS:
            return f"needs the interpreter options {' '.join(self.command.options)}"
        startup = [f"{k}={v}" for k, v in self.command.env.items() if k.startswith("PYTHON") and k not in RUN_TIME_ENV]
        if startup:
            return f"needs {' '.join(startup)} when Python starts, which a browser cannot set"
        return None


def stderr_file(output_file: Path) -> Path:
    """Where the stderr line numbers of a recorded output are kept: NAME.3.12.out -> NAME.3.12.stderr."""
    return output_file.with_suffix(".stderr")


def read_stderr_lines(output_file: Path) -> frozenset[int]:
    file = stderr_file(output_file)
    if not file.is_file():
        return frozenset()
    indexes = set()
    for line in file.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            first, _, last = line.partition("-")
            indexes.update(range(int(first) - 1, int(last or first)))
    return frozenset(indexes)


def format_stderr_lines(indexes: frozenset[int]) -> str:
    """The text of a .stderr file: 1-based line numbers, consecutive ones as ranges."""
    ranges: list[list[int]] = []
    for number in sorted(i + 1 for i in indexes):
        if ranges and ranges[-1][1] == number - 1:
            ranges[-1][1] = number
        else:
            ranges.append([number, number])
    lines = [str(a) if a == b else f"{a}-{b}" for a, b in ranges]
    return "# lines of the recorded output written to stderr\n" + "".join(f"{line}\n" for line in lines)


def glob_escape(text: str) -> str:
    return re.sub(r"([*?[])", r"[\1]", text)
