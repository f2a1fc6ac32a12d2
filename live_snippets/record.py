"""Re-record snippet outputs from CPython: ``python -m live_snippets.record [SNIPPET ...]``.

Each snippet runs under every CPython 3.11+ found (see ``cpython.find_interpreters``). The newest version's output
becomes ``NAME.out``; an older run of versions that print something else becomes ``NAME.<newest of them>.out``.
Lines written to stderr are listed in ``NAME.stderr`` beside it (see ``snippet.py``).
A version that is not found here, or whose run timed out, keeps what was recorded for it: its recording is never
overwritten or deleted (a new snippet's missing versions are assumed to print what the newest version found prints,
and the recorder says so). When the versions run here now print something new (the snippet or a Python changed) and
a version not run here has a recording that differs from the new output, nobody can tell whether that recording is
still right: the recorder refuses to record that snippet and names the version, unless ``--replace-unverified``
says to assume that the missing versions print what the newest version run prints (as for a new snippet).
A file is rewritten only when what it says changed (not for a new memory address),
so the diff of a recorded output shows real changes only.

Each snippet's task timeline (``assets/timeline.py``) is recorded from a second run of the newest version found, as
``NAME.timeline.json``; it is rewritten only when its structure changed or one of its times moved by more than the
outputs' timing tolerance. It is no output: a recording is never taken from that run.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from . import cpython
from .snippet import Snippet, Version, format_stderr_lines, read_stderr_lines, stderr_file

# Two versions run side by side print the same times within noise; a run matches a kept recording (a version not
# run here) only when its times are the same to a twentieth of a second, so that a changed sleep is not hidden.
SAME_RUN_TIMES = cpython.times_within(cpython.TIMING_TOLERANCE_SECONDS)
SAME_RECORDED_TIMES = cpython.times_within(cpython.EARLY_TOLERANCE_SECONDS)


def groups(outputs: list[tuple[Version, cpython.Output, bool]]) -> list[tuple[Version, cpython.Output]]:
    """Consecutive versions that print the same thing, as (newest version of the run, its output).
    outputs: (version, output, whether it was run here), oldest first."""
    runs: list[tuple[Version, cpython.Output, bool]] = []
    for version, output, was_run in outputs:
        if runs:
            _, previous, previous_was_run = runs[-1]
            both_run = previous_was_run and was_run
            if cpython.outputs_match(previous, output, SAME_RUN_TIMES if both_run else SAME_RECORDED_TIMES):
                # the newest run's output; but a kept recording is never rewritten
                runs[-1] = (version, previous if was_run and not previous_was_run else output, both_run)
                continue
        runs.append((version, output, was_run))
    return [(version, output) for version, output, _ in runs]


def _recorded(file: Path) -> cpython.Output | None:
    if not file.is_file():
        return None
    return cpython.Output(file.read_text(encoding="utf-8"), read_stderr_lines(file))


def write_if_changed(file: Path, output: cpython.Output) -> list[Path]:
    """Write a recording (its .out and .stderr files); returns the files written.
    Numbers count exactly here (no timing tolerance): a changed sleep must show in the recorded output."""
    old = _recorded(file)
    if old is not None and cpython.normalize(old) == cpython.normalize(output):
        return []
    same_text = old is not None and [line for _, line in cpython.normalize(old)] == [
        line for _, line in cpython.normalize(output)] and old.text.count("\n") == output.text.count("\n")
    written = []
    if not same_text:  # else only the streams changed (a recording older than the .stderr files)
        file.write_text(output.text, encoding="utf-8")
        written.append(file)
    streams = stderr_file(file)
    if output.stderr:
        streams.write_text(format_stderr_lines(output.stderr), encoding="utf-8")
        written.append(streams)
    elif streams.is_file():
        streams.unlink()
        written.append(streams)
    return written


class Unverified(Exception):
    """A recording of a version not run here may be stale: the versions run here print something new."""

    def __init__(self, snippet: Snippet, versions: list[Version], newest: Version):
        self.versions = versions
        names = ", ".join(f"{v[0]}.{v[1]}" for v in versions)
        super().__init__(
            f"{snippet.path}: not recorded. It now prints something new under {newest[0]}.{newest[1]}, and the "
            f"recording kept for {names} (not run here) differs from that, so it may be stale. Record with "
            f"{names} installed, or pass --replace-unverified to assume {names} print what "
            f"{newest[0]}.{newest[1]} prints (the browser parity test checks 3.14)."
        )


def record(snippet: Snippet, interpreters: list[cpython.Interpreter], replace_unverified: bool = False,
           notes: list[str] | None = None) -> list[str]:
    """Record one snippet; returns what changed on disk. Raises Unverified (and writes nothing) when a version not run
    here keeps a recording that the new output may have made stale; with replace_unverified, such a version is
    assumed to print what the newest version run prints. notes receives which versions were assumed, not run."""
    ran = {i.version: output for i, output in cpython.run_everywhere(snippet, interpreters).items() if output.complete}
    if not ran:
        return []
    newest = max(ran)
    newest_ran = ran[newest]
    recorded = snippet.default_output_file.is_file()
    kept = {}
    if recorded:
        kept = {v: snippet.expected_output(v) for v in set(cpython.SUPPORTED) | set(ran)}
    # exact, as write_if_changed compares: a changed sleep is a change
    changed_here = recorded and any(cpython.normalize(kept[v]) != cpython.normalize(output) for v, output in ran.items())
    unverified = [v for v in cpython.SUPPORTED if v not in ran and recorded and changed_here
                  and not cpython.outputs_match(kept[v], newest_ran, SAME_RECORDED_TIMES)]
    if unverified and not replace_unverified:
        raise Unverified(snippet, unverified, newest)
    versions = []
    assumed = []
    for version in sorted(set(cpython.SUPPORTED) | set(ran)):
        if version in ran:
            versions.append((version, ran[version], True))
        elif recorded and version not in unverified:  # not run here: what is recorded for it stays
            versions.append((version, cpython.Output(kept[version].text, kept[version].stderr), False))
        else:
            versions.append((version, newest_ran, True))
            assumed.append(version)
    if assumed and notes is not None:
        names = ", ".join(f"{v[0]}.{v[1]}" for v in assumed)
        notes.append(f"{snippet.path}: {names} not run here, assumed to print what {newest[0]}.{newest[1]} prints")
    runs = groups(versions)
    wanted = {snippet.default_output_file: runs[-1][1]}
    for version, output in runs[:-1]:
        wanted[snippet.file.with_name(f"{snippet.file.stem}.{version[0]}.{version[1]}.out")] = output
    changed = []
    for file, output in wanted.items():
        changed += [str(written.relative_to(snippet.root)) for written in write_if_changed(file, output)]
    for stale in set(snippet.override_files().values()) - set(wanted):
        for file in (stale, stderr_file(stale)):
            if file.is_file():
                file.unlink()
                changed.append(f"{file.relative_to(snippet.root)} (removed)")
    return changed


def timeline_file(snippet: Snippet) -> Path:
    return snippet.file.with_name(f"{snippet.file.stem}.timeline.json")


_DURATIONS = {"run": 2, "thread": 1, "blocked": 1}  # how many of an event's first details are times (ms)


def _events(timeline: dict) -> list[list]:
    """Its events but "blocked", which its step's duration says (a step near the threshold would flip it): the
    loop's in order, then the worker threads' by time and without their lane, since which thread of a pool takes
    which item, and how threads interleave with the loop, varies from run to run."""
    threads = {i for i, lane in enumerate(timeline["lanes"]) if lane["kind"] == "thread"}
    loop = [event for event in timeline["events"] if event[2] != "blocked" and event[1] not in threads]
    return loop + [[at, None, *rest] for at, lane, *rest in timeline["events"] if lane in threads]


def _shape(timeline: dict) -> tuple:
    """A timeline without its times: what must stay the same for a recorded timeline to be kept."""
    lanes = timeline["lanes"]
    is_thread = [lane["kind"] == "thread" for lane in lanes]
    return (
        {k: v for k, v in timeline.items() if k not in ("lanes", "events", "lines")},
        [lane for lane in lanes if lane["kind"] != "thread"], sorted(lane["name"] for lane in lanes if lane["kind"] == "thread"),
        [(lane, kind, *detail[_DURATIONS.get(kind, 0):]) for _, lane, kind, *detail in _events(timeline)],
        [(line, "thread" if is_thread[lane] else lane) for line, _, lane in timeline["lines"]],
    )


def _times(timeline: dict) -> list[int]:
    times = []
    for at, _, kind, *detail in _events(timeline):
        times += [at, *detail[:_DURATIONS.get(kind, 0)]]
    return times + [at for _, at, _ in timeline["lines"]]


def timelines_match(expected: dict, actual: dict, seconds: float = cpython.TIMING_TOLERANCE_SECONDS) -> bool:
    """The same lanes, events in the same order and lines by the same lanes; every time (ms) within seconds."""
    return _shape(expected) == _shape(actual) and all(
        abs(a - b) <= seconds * 1000 for a, b in zip(_times(expected), _times(actual)))


def format_timeline(timeline: dict) -> str:
    """JSON with one lane, event or line a line, so that a diff shows what moved."""
    parts = []
    for key, value in timeline.items():
        if isinstance(value, list) and value:
            items = ",\n".join(f"    {json.dumps(item, ensure_ascii=False)}" for item in value)
            parts.append(f"  {json.dumps(key)}: [\n{items}\n  ]")
        else:
            parts.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def record_timeline(snippet: Snippet, interpreter: cpython.Interpreter) -> list[str]:
    """Record the snippet's timeline from a run under interpreter; returns what changed on disk."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "timeline.json")
        output = cpython.run(snippet, interpreter, timeline_file=path)
        if not output.complete or not path.is_file():
            return []
        timeline = json.loads(path.read_text(encoding="utf-8"))
    file = timeline_file(snippet)
    if file.is_file() and timelines_match(json.loads(file.read_text(encoding="utf-8")), timeline):
        return []
    file.write_text(format_timeline(timeline), encoding="utf-8")
    return [str(file.relative_to(snippet.root))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("snippets", nargs="*", type=Path, help="snippet files (default: all under --root)")
    parser.add_argument("--root", type=Path, default=Path("snippets"), help="the snippets folder")
    parser.add_argument("--timelines-only", action="store_true",
                        help="record the task timelines only (NAME.timeline.json), not the outputs")
    parser.add_argument("--replace-unverified", action="store_true",
                        help="where a version not run here may have a stale recording, assume it prints what the "
                             "newest version run prints (default: refuse to record that snippet)")
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
        print(f"not found here: {', '.join(missing)} (what is recorded for them is kept)")
    refused = []
    notes: list[str] = []
    for file in files:
        snippet = Snippet(root, file.relative_to(root).as_posix())
        try:
            changes = [] if args.timelines_only else record(snippet, interpreters, args.replace_unverified, notes)
        except Unverified as error:
            print(f"  {error}", file=sys.stderr)
            refused.append(snippet.path)
            continue
        changes += record_timeline(snippet, interpreters[-1])
        for change in changes:
            print("  wrote", change)
    for note in notes:
        print("  unverified:", note)
    if refused:
        print(f"{len(refused)} snippet(s) not recorded: {' '.join(refused)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
