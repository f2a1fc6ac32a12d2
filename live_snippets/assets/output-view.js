// The output panel of one snippet: pieces from the worker (worker-output.js) drawn as a terminal draws them,
// batched per animation frame, always inserted as text. One div.snippet-line per line (see ../DOM-CONTRACT.md).
import contract from "./contract.json" with { type: "json" };

const { maxLines, maxChars } = contract.output;

export function capNote(reason, dropped = 0, droppedChars = 0) {
  const limit = reason === "chars" ? `${maxChars.toLocaleString("en")} characters` : `${maxLines} lines`;
  if (!dropped && !droppedChars) return `The page shows the first ${limit}; the rest is not shown.`;
  const what = dropped ? `${dropped.toLocaleString("en")} more lines` : `${droppedChars.toLocaleString("en")} more characters`;
  return `${what} were not shown (the page shows the first ${limit}).`;
}

export class OutputView {
  constructor(panel, { frame = (f) => requestAnimationFrame(f), cancelFrame = (id) => cancelAnimationFrame(id) } = {}) {
    Object.assign(this, { panel, frame: 0, schedule: frame, cancelFrame });
    this.document = panel.ownerDocument;
    this.reset();
  }

  reset() {
    this.queue = [];
    this.openLine = null; // the line still being written: {element, stream, textSpan, text, cursor}
    this.note = null;
    this.capped = null;
  }

  start() {
    this.panel.replaceChildren();
    this.panel.hidden = false;
    this.reset();
  }

  add(lines, capped) {
    this.queue.push(...lines);
    if (capped) {
      this.capped = capped;
      this.queue.push(["note", capNote(capped), true, null]);
    }
    if (!this.frame) this.frame = this.schedule(() => this.render());
  }

  render() {
    this.frame = 0;
    const { panel } = this;
    const atBottom = panel.scrollHeight - panel.scrollTop - panel.clientHeight < 8;
    const fragment = this.document.createDocumentFragment();
    for (const [stream, text, ended, seconds] of this.queue) {
      if (stream === "note") {
        this.note = this.line("note", null);
        this.note.textSpan.textContent = text;
        fragment.append(this.note.element);
        this.openLine = null;
        continue;
      }
      if (!this.openLine) {
        this.openLine = this.line(stream, seconds);
        fragment.append(this.openLine.element);
      }
      this.write(this.openLine, stream, text);
      if (ended) this.openLine = null;
    }
    this.queue = [];
    panel.append(fragment);
    if (atBottom) panel.scrollTop = panel.scrollHeight;
  }

  // Text on the open line, from either stream, as a terminal draws it: "\r" moves back to the start of the line
  // and what follows overwrites what is there.
  write(line, stream, text) {
    text.split("\r").forEach((part, index) => {
      if (index) line.cursor = 0;
      if (!part) return;
      if (line.cursor === line.text.length) {
        if (stream === line.stream) line.textSpan.append(part);
        else line.textSpan.append(this.span(`snippet-${stream}-part`, part));
      } else {
        // Overwriting: the line becomes plain text of its first stream.
        line.textSpan.textContent = line.text.slice(0, line.cursor) + part + line.text.slice(line.cursor + part.length);
      }
      line.text = line.text.slice(0, line.cursor) + part + line.text.slice(line.cursor + part.length);
      line.cursor += part.length;
    });
  }

  line(stream, seconds) {
    const element = this.document.createElement("div");
    element.className = `snippet-line snippet-${stream}`;
    if (seconds !== null && seconds !== undefined) element.append(this.span("snippet-time", seconds.toFixed(2)));
    const textSpan = this.span("snippet-text", "");
    element.append(textSpan);
    return { element, stream, textSpan, text: "", cursor: 0 };
  }

  span(className, text) {
    const span = this.document.createElement("span");
    span.className = className;
    span.textContent = text;
    return span;
  }

  end({ dropped = 0, droppedChars = 0, note } = {}) {
    if (this.frame) this.cancelFrame(this.frame);
    this.render();
    if (this.note && (dropped || droppedChars)) this.note.textSpan.textContent = capNote(this.capped, dropped, droppedChars);
    if (note) {
      const extra = this.line("note", null);
      extra.textSpan.textContent = note;
      this.panel.append(extra.element);
    }
  }

  clear() {
    this.panel.replaceChildren();
    this.panel.hidden = true;
  }

  // The texts of the stderr lines shown, with their elements.
  stderrLines() {
    return [...this.panel.querySelectorAll(".snippet-line.snippet-stderr")].map((element) => ({
      element,
      text: element.querySelector(".snippet-text").textContent,
    }));
  }

  // The exception that ended the run, from its traceback: {type, line} (line: in the snippet's own file, or null).
  failure(filename) {
    return lastTraceback(this.stderrLines().map((line) => line.text), filename);
  }

  // Folds the tracebacks the run ended with (a chain of them: "During handling of the above exception, ...") into a
  // closed details element; the lines stay in the panel, in order.
  foldTraceback(summaryText) {
    const lines = [];
    for (let element = this.panel.lastElementChild; element?.classList.contains("snippet-stderr"); element = element.previousElementSibling) {
      lines.unshift({ element, text: element.querySelector(".snippet-text").textContent });
    }
    const start = lines.findIndex((line) => TRACEBACK.test(line.text));
    if (start === -1) return null;
    const details = this.document.createElement("details");
    details.className = "snippet-fold";
    const summary = this.document.createElement("summary");
    summary.textContent = summaryText;
    lines[start].element.before(details);
    details.append(summary);
    let element = lines[start].element;
    while (element) {
      const next = element.nextElementSibling;
      details.append(element);
      element = next && next.classList.contains("snippet-stderr") ? next : null;
    }
    return details;
  }

  // A note with a link (to where the site explains something), after the output.
  linkNote(text, linkText, href) {
    const note = this.line("note", null);
    const link = this.document.createElement("a");
    link.href = href;
    link.textContent = linkText;
    note.textSpan.append(text, link, ".");
    this.panel.append(note.element);
    return note.element;
  }
}

const TRACEBACK = /^(\s*\+ )?(Exception Group )?Traceback \(most recent call last\):$/;
const FRAME = /^[\s|]*File "([^"]*)", line (\d+)/;
const EXCEPTION = /^((?: {2}\| )?)([A-Za-z_][\w.]*)(?::\s|:?$)/; // "  | " in an exception group's own lines

// The index of the first line of the last traceback at the top level (not one inside an exception group).
export function tracebackStart(lines) {
  for (let index = lines.length - 1; index >= 0; index--) {
    const match = TRACEBACK.exec(lines[index]);
    if (match && (!match[1] || match[1] === "  + ")) return index;
  }
  return -1;
}

// {type, line} of the exception that a traceback ends with; null without a traceback.
export function lastTraceback(lines, filename) {
  let start = tracebackStart(lines);
  // A syntax error in the script itself is reported without the header: its frame line, then the error.
  if (start === -1) start = lines.findLastIndex((text) => /^ {2}File "/.test(text)) - 1;
  if (start < -1) return null;
  let line = null;
  for (const text of lines.slice(start + 1)) {
    const frame = FRAME.exec(text);
    if (frame) {
      const file = frame[1].split("/").pop();
      if (file === filename) line = Number(frame[2]);
      continue;
    }
    const exception = EXCEPTION.exec(text);
    if (exception) {
      return { type: exception[2].split(".").pop(), line };
    }
  }
  return null;
}
