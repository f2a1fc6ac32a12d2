// The worker's output batching and capping (live_snippets/assets/worker-output.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import contract from "../../live_snippets/assets/contract.json" with { type: "json" };
import { BURST, CUT_MARK, RunOutput, WINDOW_MS } from "../../live_snippets/assets/worker-output.js";

const { maxLines, maxLineChars, maxChars } = contract.output;

function runOutput() {
  const posts = [];
  const clock = { now: 0 };
  const output = new RunOutput({ runId: 7, post: (message) => posts.push(message), clock: () => clock.now });
  const pieces = () => posts.flatMap((message) => message.lines);
  const text = () => pieces().map(([, piece, ended]) => piece + (ended ? "\n" : "")).join("");
  return { output, posts, clock, pieces, text };
}

test("a write becomes pieces: stream, text, whether it ends its line, seconds since the start", () => {
  const { output, posts, clock } = runOutput();
  clock.now = 1500;
  output.write("stdout", "one\ntwo");
  output.write("stderr", "\n");
  assert.deepEqual(posts, [
    { type: "output", runId: 7, lines: [["stdout", "one", true, 1.5], ["stdout", "two", false, 1.5]], capped: null },
    { type: "output", runId: 7, lines: [["stderr", "", true, 1.5]], capped: null },
  ]);
});

test("exactly maxLines lines are all sent, with no cap", () => {
  const { output, posts, pieces } = runOutput();
  for (let i = 0; i < maxLines; i++) output.write("stdout", `${i}\n`);
  output.flush();
  assert.equal(pieces().length, maxLines);
  assert.ok(posts.every((message) => message.capped === null));
  assert.deepEqual(output.summary(), { dropped: 0, droppedChars: 0 });
});

test("one line more than maxLines is dropped, counted, and the cap is said once", () => {
  const { output, posts, pieces } = runOutput();
  for (let i = 0; i < maxLines + 3; i++) output.write("stdout", `${i}\n`);
  output.write("stdout", "unfinished");
  output.flush();
  assert.equal(pieces().length, maxLines);
  assert.equal(posts.filter((message) => message.capped).length, 1);
  assert.equal(posts.find((message) => message.capped).capped, "lines");
  const droppedChars = [maxLines, maxLines + 1, maxLines + 2].join("").length + "unfinished".length;
  assert.deepEqual(output.summary(), { dropped: 4, droppedChars });
});

test("a long line is shown in full up to maxLineChars, then cut with a mark", () => {
  const { output, text } = runOutput();
  output.write("stdout", "x".repeat(20_000) + "\n");
  output.write("stdout", "y".repeat(maxLineChars + 10) + "\n");
  output.write("stdout", "next\n");
  output.flush();
  assert.equal(text(), "x".repeat(20_000) + "\n" + "y".repeat(maxLineChars) + CUT_MARK + "\nnext\n");
  assert.equal(output.summary().droppedChars, 10);
});

test('print(".", end="") in a loop is cut like a long line, and the next line is shown', () => {
  const { output, text, pieces } = runOutput();
  for (let i = 0; i < maxLineChars + 100; i++) output.write("stdout", ".");
  output.write("stdout", "\nafter\n");
  output.flush();
  assert.equal(text(), ".".repeat(maxLineChars) + CUT_MARK + "\nafter\n");
  assert.ok(pieces().length < maxLineChars + 10, "the dropped dots are not sent");
});

test("all lines together show at most maxChars characters", () => {
  const { output, text, posts } = runOutput();
  const written = maxChars / 1000 + 5;
  for (let i = 0; i < written; i++) output.write("stdout", "z".repeat(999) + "\n");
  output.flush();
  const shown = text().split("\n").slice(0, -1);
  assert.equal(shown.join("").replace(CUT_MARK, "").length, maxChars, "characters shown, newlines aside");
  assert.ok(shown.at(-1).endsWith(CUT_MARK));
  assert.equal(posts.find((message) => message.capped).capped, "chars");
  assert.equal(output.summary().dropped, written - shown.length);
});

test('"\\r" progress redraws are measured by what a terminal shows, not cut as one long line', () => {
  const { output, text } = runOutput();
  const redraws = maxLineChars / 5 + 1000; // together longer than maxLineChars
  for (let i = 1; i <= redraws; i++) output.write("stdout", `\r${i}%`);
  output.write("stdout", "\n");
  output.flush();
  assert.ok(text().length > maxLineChars);
  assert.ok(!text().includes(CUT_MARK), "a redrawn line was cut");
  assert.ok(text().endsWith(`\r${redraws}%\n`));
});

test(`at most ${BURST} messages per ${WINDOW_MS} ms; the rest waits for the window's end or a flush`, () => {
  const { output, posts, pieces, clock } = runOutput();
  for (let i = 0; i < BURST + 20; i++) output.write("stdout", `${i}\n`);
  assert.equal(posts.length, BURST);
  output.flush(); // print(..., flush=True), sys.stdout.flush(), a wait, the end of the run
  assert.equal(posts.length, BURST + 1);
  assert.equal(pieces().length, BURST + 20);
  clock.now += WINDOW_MS;
  output.write("stdout", "later\n");
  assert.equal(posts.length, BURST + 2, "a new window sends at once");
});

test("a flush with nothing pending sends nothing", () => {
  const { output, posts } = runOutput();
  output.flush();
  assert.equal(posts.length, 0);
});
