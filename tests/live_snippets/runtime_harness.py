"""Runs live_snippets/assets/runtime.py under CPython with a fake host, outside Pyodide (for test_runtime.py).

Usage: python runtime_harness.py < runs.json, where runs.json is a list of {"code", "filename"?, "env"?, "options"?}; prints one
JSON list of {"status", "lines": [[stream, text], ...], "flushes"} per run. A separate process, since setup() replaces
sys.stdout, time.sleep and asyncio.run as the worker needs.
"""

import json
import shutil
import sys
import tempfile
import time
import traceback
import types
from pathlib import Path

ASSETS = Path(__file__).resolve().parents[2] / "live_snippets" / "assets"


def fake_pyodide() -> None:
    """The few names runtime.py imports from Pyodide: no stack switching here, so waits are blocking sleeps."""
    pyodide, ffi, webloop = (types.ModuleType(name) for name in ("pyodide", "pyodide.ffi", "pyodide.webloop"))
    ffi.can_run_sync = lambda: False
    ffi.run_sync = None
    webloop._orig_sleep = time.sleep
    pyodide.ffi, pyodide.webloop = ffi, webloop
    sys.modules.update({"pyodide": pyodide, "pyodide.ffi": ffi, "pyodide.webloop": webloop})


class FakeHost:
    def __init__(self):
        self.pieces = []
        self.flushes = 0

    def output(self, stream, text):
        self.pieces.append((stream, text))

    def flush(self):
        self.flushes += 1

    def sleep(self, milliseconds):
        return False  # as on a page that is not cross-origin isolated: runtime.py sleeps itself

    def takeStopRequest(self):  # noqa: N802 - the worker's name
        return False

    def lines(self):
        """(stream, text) per line; a line is its first piece's stream."""
        lines, current = [], None
        for stream, text in self.pieces:
            for index, part in enumerate(text.split("\n")):
                if index:
                    lines.append(current)
                    current = None
                if current is None and (part or index < text.count("\n")):
                    current = [stream, ""]
                if current is not None:
                    current[1] += part
        if current is not None:
            lines.append(current)
        return lines


def main() -> None:
    runs = json.load(sys.stdin)
    out = sys.stdout
    fake_pyodide()
    sys.path.insert(0, str(ASSETS))
    import decimal  # noqa: F401 - imported before the snapshot, so that a run's change to its context must be undone

    import runtime

    home = Path(tempfile.mkdtemp(prefix="live-snippets-home-"))
    runtime.HOME, runtime.ROOT = str(home), str(home / "snippets")  # not the worker's /home/pyodide
    host = FakeHost()
    runtime.setup(host)
    results = []
    for run in runs:
        host.pieces.clear()
        host.flushes = 0
        status = runtime.run(run["code"], run.get("filename", "01_x.py"), run.get("folder", "page"),
                             json.dumps(run.get("env", {})), json.dumps(run.get("options", [])))
        results.append({"status": status, "lines": host.lines(), "flushes": host.flushes})
    out.write(json.dumps(results))
    shutil.rmtree(home)


if __name__ == "__main__":
    try:
        main()
    except BaseException:
        traceback.print_exc(file=sys.__stderr__)  # sys.stderr is the fake host's by now
        sys.exit(1)
