// The input() protocol shared by the page and the worker (live_snippets/assets/input-channel.js).
import assert from "node:assert/strict";
import { test } from "node:test";
import { Worker } from "node:worker_threads";

import {
  answer, CAPACITY, END, expectInput, INTERRUPTED, isWaiting, LINE, resetInput, sendLine, sharedInputBuffer, STOPPED,
  waitForInput,
} from "../../live_snippets/assets/input-channel.js";

const CHANNEL = new URL("../../live_snippets/assets/input-channel.js", import.meta.url).href;

// A second thread plays the page: it answers once the worker side waits, after `delayMs`.
function pageThread(buffer, script, delayMs = 100) {
  return new Worker(
    `const { workerData } = require("node:worker_threads");
     import(${JSON.stringify(CHANNEL)}).then((channel) => {
       setTimeout(() => { const buffer = workerData; ${script} }, ${delayMs});
     });`,
    { eval: true, workerData: buffer },
  );
}

test("without cross-origin isolation there is no buffer", () => {
  assert.equal(sharedInputBuffer(false), null);
  assert.ok(sharedInputBuffer(true) instanceof SharedArrayBuffer);
});

test("the page cannot answer when the worker does not wait", () => {
  const buffer = sharedInputBuffer(true);
  assert.equal(sendLine(buffer, "early"), false);
  assert.equal(answer(buffer, END), false);
  expectInput(buffer);
  assert.equal(isWaiting(buffer), true);
  assert.equal(sendLine(buffer, "now"), true);
  assert.equal(sendLine(buffer, "twice"), false, "one answer per question");
});

test("the worker blocks until the page hands it a line, then reads it whole (UTF-8)", async () => {
  const buffer = sharedInputBuffer(true);
  expectInput(buffer);
  const page = pageThread(buffer, `channel.sendLine(buffer, "héllo, 世界 🐍");`);
  const started = performance.now();
  const { state, text } = waitForInput(buffer, { sliceMs: 10_000 });
  const waited = performance.now() - started;
  await page.terminate();
  assert.equal(state, LINE);
  assert.equal(text, "héllo, 世界 🐍");
  assert.ok(waited >= 50, `returned after ${waited} ms, before the page answered`);
  assert.equal(isWaiting(buffer), false);
});

test("two lines in order, as two input() calls read them", async () => {
  const buffer = sharedInputBuffer(true);
  const read = [];
  for (const line of ["first", "second"]) {
    expectInput(buffer);
    const page = pageThread(buffer, `channel.sendLine(buffer, ${JSON.stringify(line)});`, 20);
    read.push(waitForInput(buffer, { sliceMs: 10_000 }).text);
    await page.terminate();
  }
  assert.deepEqual(read, ["first", "second"]);
});

test("Stop and Ctrl+D answer the wait with their state", () => {
  const buffer = sharedInputBuffer(true);
  for (const state of [STOPPED, END]) {
    expectInput(buffer);
    assert.equal(answer(buffer, state), true);
    assert.deepEqual(waitForInput(buffer), { state, text: null });
  }
});

test("a SIGINT ends the wait though the page never answers", () => {
  const buffer = sharedInputBuffer(true);
  expectInput(buffer);
  let asked = 0;
  const { state } = waitForInput(buffer, { interrupted: () => ++asked > 3, sliceMs: 5 });
  assert.equal(state, INTERRUPTED);
  assert.equal(isWaiting(buffer), false, "a late line is refused");
  assert.equal(sendLine(buffer, "late"), false);
});

test("a line longer than the buffer is cut at a character's end", () => {
  const buffer = sharedInputBuffer(true);
  expectInput(buffer);
  const long = "é".repeat(CAPACITY); // 2 bytes each: twice the capacity
  assert.equal(sendLine(buffer, long), true);
  const { text } = waitForInput(buffer);
  assert.equal(text, "é".repeat(CAPACITY / 2));
});

test("a new run forgets a question left unanswered", () => {
  const buffer = sharedInputBuffer(true);
  expectInput(buffer);
  resetInput(buffer);
  assert.equal(sendLine(buffer, "for the old run"), false);
});
