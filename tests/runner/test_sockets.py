"""Sockets in the page (live_snippets/assets/sockets.py): the programs of tests/live_snippets/test_sockets.py print in
the page what CPython prints on this machine, with and without stack switching; a thread blocked in recv() waits
while the others run; Stop ends a blocking recv(); a host elsewhere is unreachable, and the page says why.

Ad-hoc code goes into the first snippet of the shared test pages (tests/runner/conftest.py).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from tests.live_snippets.test_sockets import PROGRAMS
from tests.runner.conftest import snippet_named
from tests.runner.test_gaps import run


def cpython_prints(code: str, tmp_path) -> list[tuple[str, str]]:
    program = tmp_path / "program.py"
    program.write_text(textwrap.dedent(code), encoding="utf-8")
    done = subprocess.run([sys.executable, str(program)], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    return [("stdout", line) for line in done.stdout.splitlines()] + [("stderr", line) for line in done.stderr.splitlines()]


def by_stream(lines):
    return sorted(lines, key=lambda line: line[0] == "stderr")  # stdout first, each stream in its order


@pytest.mark.parametrize("setup", ["with JSPI", "without JSPI"])
@pytest.mark.parametrize("name", PROGRAMS)
def test_the_page_prints_what_cpythons_sockets_print(shared_pages, setup, name, tmp_path):
    greet = snippet_named(shared_pages.get(setup), "01_greet.py")
    assert by_stream(run(greet, PROGRAMS[name])) == cpython_prints(PROGRAMS[name], tmp_path)
    assert greet.state == "finished"


@pytest.fixture
def greet(shared_pages):
    return snippet_named(shared_pages.get("with JSPI"), "01_greet.py")


def test_a_thread_blocked_in_recv_waits_while_the_main_thread_runs_then_gets_the_bytes(greet):
    lines = run(greet, """
        import socket, threading, time

        a, b = socket.socketpair()
        got = []
        receiver = threading.Thread(target=lambda: got.append(b.recv(10)))
        receiver.start()
        time.sleep(0.1)
        print("main ran while it waited:", receiver.is_alive(), got)
        a.sendall(b"hello")
        receiver.join()
        print(got, threading.active_count())
    """)
    assert lines == [("stdout", "main ran while it waited: True []"), ("stdout", "[b'hello'] 1")]


@pytest.mark.parametrize("setup", ["with JSPI", "cross-origin isolated"])
def test_stop_ends_a_blocking_recv_with_keyboard_interrupt_at_the_readers_line(shared_pages, setup):
    greet = snippet_named(shared_pages.get(setup), "01_greet.py")
    greet.start("import socket\n\na, b = socket.socketpair()\nprint('waiting')\nb.recv(10)\n")
    greet.wait_for_output("waiting")
    greet.stop_button.click()
    assert greet.wait_until_done(timeout_ms=10_000) == "stopped"
    texts = [line.text for line in greet.lines()]
    assert texts[-1] == "KeyboardInterrupt" and texts.count("Traceback (most recent call last):") == 1
    frame = texts.index('  File "01_greet.py", line 5, in <module>')  # the reader's line, then 3.14's carets
    assert texts[frame + 1] == "    b.recv(10)" and all("sockets" not in text for text in texts)
    assert run(greet, "import socket\nprint(len(socket.socketpair()))") == [("stdout", "2")]


def test_a_host_elsewhere_is_unreachable_and_the_page_says_why(greet):
    lines = run(greet, "import socket\n\nsocket.create_connection(('example.com', 80))\n")
    assert lines[-1] == ("stderr", "socket.gaierror: [Errno -3] Temporary failure in name resolution")
    assert "limit of the Python in your browser" in greet.panel.locator(".snippet-note").last.inner_text()
