"""What a snippet directive stands for in a page: its code, then its recorded output(s), as Markdown with HTML."""

from __future__ import annotations

import html
import json
import re
import typing

if typing.TYPE_CHECKING:
    from .snippet import Snippet


def render(snippet: Snippet, local_only: str | None = None) -> str:
    """The Markdown a directive stands for: the code, then its recorded output(s).

    local_only: a reason, from elsewhere, not to run it in a browser (the snippet's own reasons come first)."""
    attributes = f'class="snippet" data-snippet="{escape_attribute(snippet.path)}"'
    local_only = snippet.local_only or local_only
    if local_only:
        attributes += f' data-local-only="{escape_attribute(local_only)}"'
    attributes += f' data-command="{escape_attribute(snippet.command.text)}"'
    attributes += f' data-env="{escape_attribute(json.dumps(snippet.command.env))}"'  # read by the page's runner
    parts = [f"<div {attributes} markdown>", "", fence(snippet.code, f'python title="{snippet.name}"'), ""]
    outputs = snippet.outputs
    if len(outputs) == 1:
        body = fence(outputs[0].text, 'text title="Output"' if "predict" not in snippet.flags else "text")
    else:
        tabs = [f'=== "{output.label}"\n\n{indent(fence(output.text, "text"))}' for output in reversed(outputs)]
        body = "\n\n".join(tabs)
    if "predict" in snippet.flags:
        parts += ['??? question "Predict the output, then open to check"', "", indent(body)]
    elif len(outputs) > 1:
        parts += ['<p class="snippet-output-title">Output</p>', "", body]
    else:
        parts.append(body)
    parts += ["", "</div>"]
    return "\n".join(parts)


def fence(text: str, info: str) -> str:
    ticks = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", text)), default=0))
    return f"{ticks}{info}\n{text.rstrip()}\n{ticks}"


def indent(text: str) -> str:
    return "\n".join(f"    {line}" if line else "" for line in text.splitlines())


def escape_attribute(text: str) -> str:
    """Text for a double-quoted HTML attribute value."""
    return html.escape(text, quote=True)
