// The page's output view (live_snippets/assets/output-view.js), on a tiny DOM (dom-shim.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import contract from "../../live_snippets/assets/contract.json" with { type: "json" };
import { OutputView } from "../../live_snippets/assets/output-view.js";
import { panelWithFrames, shown } from "./dom-shim.js";

function view() {
  const { panel, options, runFrames } = panelWithFrames();
  const outputView = new OutputView(panel, options);
  outputView.start();
  return { view: outputView, panel, runFrames };
}

test("lines are added once per animation frame, each with its stream and time", () => {
  const { view: output, panel, runFrames } = view();
  output.add([["stdout", "one", true, 0.5], ["stderr", "two", true, 1.25]], null);
  assert.deepEqual(shown(panel), [], "nothing before the frame");
  runFrames();
  assert.deepEqual(shown(panel), [["snippet-stdout", "0.50", "one"], ["snippet-stderr", "1.25", "two"]]);
});

test('an unfinished line (print(..., end="")) is continued, even from the other stream', () => {
  const { view: output, panel } = view();
  output.add([["stdout", "waiting", false, 0]], null);
  output.add([["stderr", "!", false, 0.1], ["stdout", " done", true, 0.2], ["stdout", "next", true, 0.3]], null);
  output.end({});
  assert.deepEqual(shown(panel), [["snippet-stdout", "0.00", "waiting! done"], ["snippet-stdout", "0.30", "next"]]);
  assert.ok(panel.children[0].querySelectorAll(".snippet-stderr-part").length === 1);
});

test('"\\r" returns to the start of the line and what follows overwrites, as in a terminal', () => {
  const { view: output, panel } = view();
  output.add([["stdout", "10%", false, 0]], null);
  output.add([["stdout", "\r20%", false, 0.1], ["stdout", "\r100%", false, 0.2], ["stdout", "\rok", true, 0.3]], null);
  output.add([["stdout", "abcdef\rXY", true, 0.4]], null);
  output.end({});
  assert.deepEqual(shown(panel), [["snippet-stdout", "0.00", "ok0%"], ["snippet-stdout", "0.40", "XYcdef"]]);
});

test("text is inserted as text, never as HTML", () => {
  const { view: output, panel } = view();
  output.add([["stdout", "<b>bold</b> &amp;", true, 0]], null);
  output.end({});
  assert.equal(shown(panel)[0][2], "<b>bold</b> &amp;");
  assert.equal(panel.children[0].querySelectorAll(".snippet-text")[0].children.length, 0);
});

test("a cap is said in a note, which the end of the run completes with what was dropped", () => {
  const { maxLines } = contract.output;
  const { view: output, panel } = view();
  output.add([["stdout", "last shown", true, 0]], "lines");
  output.end({ dropped: 1234, droppedChars: 5000 });
  assert.deepEqual(shown(panel).at(-1), ["snippet-note", null, `1,234 more lines were not shown (the page shows the first ${maxLines} lines).`]);
});

test("a run without a cap shows no note", () => {
  const { view: output, panel } = view();
  output.add([["stdout", "a", true, 0]], null);
  output.end({ dropped: 0, droppedChars: 0 });
  assert.ok(shown(panel).every(([kind]) => kind !== "snippet-note"));
});

test("a note from the engine (a restarted worker) comes last", () => {
  const { view: output, panel } = view();
  output.add([["stdout", "a", false, 0]], null);
  output.end({ note: "Python was restarted to stop this snippet." });
  assert.deepEqual(shown(panel).at(-1), ["snippet-note", null, "Python was restarted to stop this snippet."]);
});

test("the panel follows new output only when the reader was at the bottom", () => {
  const { view: output, panel, runFrames } = view();
  output.add(Array.from({ length: 20 }, (_, i) => ["stdout", `${i}`, true, 0]), null);
  runFrames();
  assert.equal(panel.scrollTop, panel.scrollHeight, "at the bottom: follows");
  panel.scrollTop = 0; // the reader scrolled up
  output.add([["stdout", "more", true, 0]], null);
  runFrames();
  assert.equal(panel.scrollTop, 0, "scrolled up: stays");
});

test("start clears the previous run; clear hides the panel", () => {
  const { view: output, panel } = view();
  output.add([["stdout", "old", false, 0]], null);
  output.end({});
  output.start();
  assert.equal(panel.children.length, 0);
  output.add([["stdout", "new", true, 0]], null);
  output.end({});
  assert.deepEqual(shown(panel), [["snippet-stdout", "0.00", "new"]], "no open line left from the previous run");
  output.clear();
  assert.ok(panel.hidden);
});
