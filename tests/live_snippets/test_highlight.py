"""The editor colours code as the page does: its tokenizer (live_snippets/assets/highlight.js) gives the tokens and
classes that Pygments gives (the page's code is coloured by Pygments at build time), for every snippet and for the
constructs below, so that an edit never changes a colour that the page showed."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from pygments.lexers.python import PythonLexer
from pygments.token import STANDARD_TYPES

ROOT = Path(__file__).resolve().parents[2]
CLI = ROOT / "tests" / "js" / "highlight-tokens.js"

CONSTRUCTS = {
    "match and case": 'match command.split():\n    case ["go", direction]:\n        print(direction)\n    case _:\n        pass\nmatch = 1\n',
    "type statement": "type Pair = tuple[int, int]\nprint(type(1))\n",
    "imports": "import asyncio, time as clock\nfrom collections.abc import Awaitable\nfrom . import util\nraise E from None\n",
    "f-strings": 'f"{name!r:>10} {value=} {{literal}} {d[\'k\']} {x:{width}}"\nrf"\\d{n}"\nt"{x}"\n',
    "strings": "'%s and %(name)d' % v\n'{0.attr} {}'.format(1)\nb'\\x00\\n'\nr'\\d'\n\"\\N{BULLET} \\u00e9\"\n",
    "docstrings": 'def f():\n    """A docstring\n    on two lines."""\n    \'\'\'another\'\'\'\n',
    "numbers": "1_000 0x_ff 0o17 0b1 1.5e-3 .5 2j 1e5j 10.\n",
    "names": "class C(Base):\n    def __init__(self, cls):\n        super().__init__()\n        self.__dict__\n\n@dataclass\n@app.route\ndef g(): ...\nx @ y\nValueError, asyncio.TimeoutError\n",
    "keywords": "async def main():\n    async for x in y:\n        await z\n    async with a as b: yield from c\n    lambda: not x is None or True and False\n",
    "unfinished code while typing": 'print("unclosed\nx = f"{1 +\n"""open\n',
    "hashbang and continuation": "#!/usr/bin/env python\nx = 1 + \\\n    2  # comment\n",
    "non-ASCII names": "café = 'crème'\nπ = 3.14\n",
}


def pygments_tokens(code: str) -> list[list[str]]:
    """Pygments' tokens as its HTML formatter writes them: short class names, neighbours of one class merged."""
    merged: list[list[str]] = []
    for token_type, text in PythonLexer(stripnl=False, ensurenl=False).get_tokens(code):
        cls = STANDARD_TYPES.get(token_type)
        while cls is None:
            token_type = token_type.parent
            cls = STANDARD_TYPES.get(token_type)
        if merged and merged[-1][0] == cls:
            merged[-1][1] += text
        else:
            merged.append([cls, text])
    return merged


def editor_tokens(codes: list[str]) -> list[list[list[str]]]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed")
    result = subprocess.run([node, str(CLI)], input=json.dumps(codes), capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def cases() -> dict[str, str]:
    found = {str(path.relative_to(ROOT)): path.read_text(encoding="utf-8") for path in sorted((ROOT / "snippets").rglob("*.py"))}
    return found | {f"construct: {name}": code for name, code in CONSTRUCTS.items()}


def test_the_editor_colours_code_as_pygments_does():
    codes = cases()
    ours = dict(zip(codes, editor_tokens(list(codes.values())), strict=True))
    differences = []
    for name, code in codes.items():
        expected = pygments_tokens(code)
        if ours[name] != expected:
            first = next(i for i, (a, b) in enumerate(zip(ours[name] + [None], expected + [None])) if a != b)
            differences.append(f"{name}: token {first}: editor {ours[name][first:first + 3]}, Pygments {expected[first:first + 3]}")
    assert len(codes) > 100 and not differences, "\n".join(differences)
