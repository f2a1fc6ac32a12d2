"""Imported at start-up by snippets run from the tests and the recorder (this folder is on their PYTHONPATH).

stdout and stderr share one pipe so that their order is kept; this marks every write to sys.stderr (SO ... SI
around it) so that `live_snippets.cpython` can tell which stream each line came from. The snippet still sees a
TextIOWrapper named <stderr> on file descriptor 2, with the same encoding and buffering.

Its first write is an empty marked chunk (SO SI), which tells `live_snippets.cpython` that the marks are on: a
command that skips this file (`python -I`, `-S` or `-E` skip `sitecustomize` or `PYTHONPATH`) is refused there
rather than recorded with every line as stdout's.
"""

import io
import os
import sys

START, END = b"\x0e", b"\x0f"


class _MarkedStderr(io.RawIOBase):
    name = "<stderr>"

    def writable(self):
        return True

    def fileno(self):
        return 2

    def write(self, data):
        chunk = bytes(data)
        marked = START + chunk + END
        while marked:
            marked = marked[os.write(2, marked):]
        return len(chunk)


if sys.stderr is not None and sys.stderr.fileno() == 2:
    sys.stderr = sys.__stderr__ = io.TextIOWrapper(
        _MarkedStderr(), encoding=sys.stderr.encoding, errors=sys.stderr.errors,
        line_buffering=sys.stderr.line_buffering, write_through=True,
    )
    os.write(2, START + END)  # the marks are on (see above)
