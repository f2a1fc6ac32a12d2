"""Imported at start-up, in place of stream_marks' sitecustomize, by a snippet run that records its timeline
(live_snippets.cpython.run with timeline_file): marks stderr as stream_marks does, then starts assets/timeline.py,
which writes the timeline to the file named by LIVE_SNIPPETS_TIMELINE at exit.

The snippet itself runs as `python FILE`: its module is the outermost frame, as without the timeline.
"""

import importlib.util
import os
import sys

_LIVE_SNIPPETS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # no pathlib: it slows the start


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


_load("_stream_marks", os.path.join(_LIVE_SNIPPETS, "stream_marks", "sitecustomize.py"))
_path = os.environ.pop("LIVE_SNIPPETS_TIMELINE", None)
if _path:
    _load("_live_snippets_timeline", os.path.join(_LIVE_SNIPPETS, "assets", "timeline.py")).record_to(_path)
