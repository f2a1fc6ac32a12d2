// What a run prints, as the worker sends it to the page: cut into pieces [stream, text, ended, seconds] (`ended`:
// the piece ends its line), capped, and batched so that a flood of output cannot flood the page with messages.
// Caps (contract.json `output`): maxLines lines per run; a line is cut after maxLineChars characters ("…" marks the
// cut); all lines together show at most maxChars characters. What is cut is counted, and the page says so.
import contract from "./contract.json" with { type: "json" };

export const BURST = 50; // messages sent at once per window; more output waits for the window's end or a flush
export const WINDOW_MS = 100;
export const CUT_MARK = " …";

export class RunOutput {
  constructor({ runId, post, clock = () => performance.now(), limits = contract.output }) {
    Object.assign(this, { runId, post, clock, limits });
    this.start = clock();
    this.pending = [];
    this.capped = null; // "lines" or "chars" once output was dropped, until that is sent
    this.reason = null; // why output is dropped from now on
    this.lines = 0; // ended lines shown
    this.chars = 0; // characters shown
    this.lineChars = 0; // characters shown on the open line (after its last "\r": what a terminal draws)
    this.lineCut = false; // the open line was cut: drop the rest of it
    this.droppedLines = 0;
    this.droppedChars = 0;
    this.droppedTail = false; // dropped text after the last dropped newline
    this.window = { start: -Infinity, posts: 0 };
  }

  seconds() {
    return (this.clock() - this.start) / 1000;
  }

  // host.output: text written to stdout or stderr.
  write(stream, text) {
    const pieces = text.split("\n");
    pieces.forEach((piece, index) => {
      const ended = index < pieces.length - 1;
      if (piece || ended) this.add(stream, piece, ended);
    });
    const time = this.clock();
    if (time - this.window.start >= WINDOW_MS) this.window = { start: time, posts: 0 };
    if (this.window.posts < BURST) {
      this.window.posts += 1;
      this.send();
    }
  }

  // host.flush: send what is pending now (print(..., flush=True), before a blocking stretch, at the end).
  flush() {
    this.send();
    this.window = { start: this.clock(), posts: 0 };
  }

  // The counts the page needs at the end of the run: lines not shown (an unfinished one too), characters cut.
  summary() {
    return { dropped: this.droppedLines + (this.droppedTail ? 1 : 0), droppedChars: this.droppedChars };
  }

  add(stream, text, ended) {
    const { maxLines, maxLineChars, maxChars } = this.limits;
    if (!this.reason && this.lines >= maxLines) this.drop("lines");
    if (this.reason) {
      this.droppedChars += text.length;
      this.droppedLines += ended ? 1 : 0;
      this.droppedTail = !ended && (this.droppedTail || text.length > 0);
      return;
    }
    if (this.lineCut) {
      this.droppedChars += text.length;
      if (ended) this.push(stream, "", true);
      return;
    }
    const carriage = text.lastIndexOf("\r"); // a terminal draws what follows it from the start of the line
    const lineChars = carriage >= 0 ? text.length - carriage - 1 : this.lineChars + text.length;
    const keep = Math.min(text.length - Math.max(0, lineChars - maxLineChars), maxChars - this.chars);
    if (keep >= text.length) {
      this.chars += text.length;
      this.lineChars = lineChars;
      this.push(stream, text, ended);
      return;
    }
    this.droppedChars += text.length - keep;
    this.chars += keep;
    if (this.chars >= maxChars) this.drop("chars");
    else if (!ended) this.lineCut = true;
    this.push(stream, text.slice(0, keep) + CUT_MARK, ended);
  }

  push(stream, text, ended) {
    this.pending.push([stream, text, ended, this.seconds()]);
    if (ended) {
      this.lines += 1;
      this.lineChars = 0;
      this.lineCut = false;
    }
  }

  drop(reason) {
    this.reason = reason;
    this.capped = reason;
  }

  send() {
    if (!this.pending.length && !this.capped) return;
    this.post({ type: "output", runId: this.runId, lines: this.pending, capped: this.capped });
    this.pending = [];
    this.capped = null;
  }
}
