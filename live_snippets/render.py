"""What a snippet directive stands for in a page: its code, then its recorded output(s), as Markdown with HTML.

What the page shows of a snippet (see DOM-CONTRACT.md):
- its code without the leading pragma lines (``# run:``, ``# local-only:``): their meaning is shown by a label
  instead (the command it runs with, or the local-only notice); the pragma lines ride along in ``data-head`` so
  that the runner runs the file as recorded, and the line numbers start after them, as tracebacks count;
- for a snippet that runs in the page, its controls (Run, Stop, Reset, the status, the hint), in the page from the
  start: the runner only wires them, so that its start adds nothing to style or lay out (what a run or an edit
  shows, hidden until then, the runner builds at the first of them);
- its recorded output(s), labelled with the CPython version(s) that printed them.
"""

from __future__ import annotations

import html
import json
import re
import typing

if typing.TYPE_CHECKING:
    from .snippet import RecordedOutput, Snippet

# The newest CPython the recordings are made with (`make update-outputs` runs every CPython 3.11+ that pyenv has:
# 3.11, 3.12, 3.13); NAME.out holds its output. The browser's Python (3.14) is checked against it, not recorded.
NEWEST_RECORDED = (3, 13)
PRAGMA = re.compile(r"# (run|local-only): ")


def split_pragmas(code: str) -> tuple[str, str]:
    """(the leading pragma lines, newline included; the code the reader is shown)."""
    lines = code.splitlines(keepends=True)
    count = 0
    while count < len(lines) and PRAGMA.match(lines[count]):
        count += 1
    return "".join(lines[:count]), "".join(lines[count:])


def version(v: tuple[int, int]) -> str:
    return "%d.%d" % v


def versions_label(output: RecordedOutput) -> str:
    """The CPython versions a recording is of: "CPython 3.13", "CPython 3.11–3.12"."""
    newest = output.newest or NEWEST_RECORDED
    if newest <= output.oldest:
        return f"CPython {version(output.oldest)}"
    return f"CPython {version(output.oldest)}–{version(newest)}"


def render(snippet: Snippet, local_only: str | None = None, controls_id: str | None = None) -> str:
    """The Markdown a directive stands for: the code, its controls, then its recorded output(s).

    local_only: a reason, from elsewhere, not to run it in a browser (the snippet's own reasons come first).
    controls_id: for a snippet the page's runner runs, an id unique in the page: its controls are rendered."""
    head, code = split_pragmas(snippet.code)
    hidden_lines = head.count("\n")
    attributes = f'class="snippet" data-snippet="{escape_attribute(snippet.path)}"'
    local_only = snippet.local_only or local_only
    if local_only:
        attributes += f' data-local-only="{escape_attribute(local_only)}"'
    attributes += f' data-command="{escape_attribute(snippet.command.text)}"'
    attributes += f' data-env="{escape_attribute(json.dumps(snippet.command.env))}"'  # read by the page's runner
    if snippet.command.options and not local_only:  # what the runner applies (development mode)
        attributes += f' data-options="{escape_attribute(json.dumps(snippet.command.options))}"'
    # The code's line count sizes its block while its rendering is skipped below the fold (extra.css).
    style = f"--snippet-code-lines: {len(code.rstrip().splitlines())}"
    if head:
        attributes += f' data-head="{escape_attribute(head)}"'
        style += f"; --snippet-hidden-lines: {hidden_lines}"
    attributes += f' style="{style}"'
    parts = [f"<div {attributes} markdown>", "", fence(code, f'python title="{snippet.name}"'), ""]
    if local_only:
        parts += [local_only_notice(snippet.command.text, local_only), ""]
    elif snippet.command.text != f"python {snippet.name}":
        parts += [f'<p class="snippet-command">Runs as <code>{html.escape(snippet.command.text)}</code></p>', ""]
    if controls_id and not local_only:
        parts += [*controls(snippet.name, controls_id), ""]
    outputs = snippet.outputs
    if len(outputs) == 1:
        body = fence(outputs[0].text, f'text title="Recorded with {versions_label(outputs[0])}"')
    else:
        tabs = [f'=== "{versions_label(output)}"\n\n{indent(fence(output.text, "text"))}' for output in reversed(outputs)]
        body = '<p class="snippet-output-title">Recorded with</p>\n\n' + "\n\n".join(tabs)
    if "predict" in snippet.flags:
        parts += ['??? question "Predict the output, then open to check"', "", indent(body)]
    else:
        parts.append(body)
    parts += ["", "</div>"]
    return "\n".join(parts)


def controls(name: str, controls_id: str) -> list[str]:
    """A runnable snippet's controls, one HTML block a line, as the runner expects them (DOM-CONTRACT.md): only what
    a reader sees before a first Run or edit (the runner builds the rest then). Until the runner has loaded, a click
    on Run is kept and the run starts then; without scripts, the CSS hides them."""
    name = html.escape(name)

    def button(kind: str, label: str, aria_label: str, extra: str = "") -> str:
        attributes = f'type="button" class="snippet-button snippet-{kind}" aria-label="{aria_label}"{extra}'
        return f"<button {attributes}>{label}</button>"

    bar = "".join([
        button("run", "Run", f"Run {name}"),
        button("stop", "Stop", f"Stop {name}", " disabled"),
        button("reset", "Reset", f"Reset {name} to its original code"),
        '<span class="snippet-status" role="status"></span>',
    ])
    return [
        f'<div class="snippet-controls">{bar}</div>',
        f'<p class="snippet-hint" id="{controls_id}-hint"><strong>Editable:</strong> click the code to change it; '
        "Ctrl+Enter (Cmd+Enter on a Mac) runs it. Once you type, Tab indents; Esc then Tab leaves the code.</p>",
    ]


def local_only_notice(command: str, reason: str) -> str:
    """The notice of a snippet that runs on the reader's machine only: an icon (Material's, through the emoji
    extension), the exact command, the reason."""
    return (
        '<p class="snippet-local-only" role="note" markdown="span">:material-laptop: <span><strong>Runs on your '
        f"machine, not in this page</strong> ({html.escape(reason)}). Save the code as shown, then run "
        f"<code>{html.escape(command)}</code></span></p>"
    )


def fence(text: str, info: str) -> str:
    ticks = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", text)), default=0))
    return f"{ticks}{info}\n{text.rstrip()}\n{ticks}"


def indent(text: str) -> str:
    return "\n".join(f"    {line}" if line else "" for line in text.splitlines())


def escape_attribute(text: str) -> str:
    """Text for a double-quoted HTML attribute value."""
    return html.escape(text, quote=True)
