"""Runs a program under CPython with live_snippets/assets/sockets.py in place of the socket module's sockets, as the
worker installs it (for test_sockets.py). Usage: python sockets_harness.py FILE. One thread: a wait is a sleep."""

import importlib.util
import runpy
import sys
import time
from pathlib import Path

SOCKETS = Path(__file__).resolve().parents[2] / "live_snippets" / "assets" / "sockets.py"


def main() -> None:
    spec = importlib.util.spec_from_file_location("live_snippets_sockets", SOCKETS)
    sockets = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = sockets
    spec.loader.exec_module(sockets)
    # Waits in slices: asyncio's getaddrinfo answers from an OS thread here, which cannot wake a wait.
    sockets.configure(lambda seconds: time.sleep(0.01 if seconds is None else min(seconds, 0.01)), None)
    sockets.install()
    sys.argv = sys.argv[1:]
    runpy.run_path(sys.argv[0], run_name="__main__")


if __name__ == "__main__":
    main()
