// The Stop claim protocol shared by the page and the worker (live_snippets/assets/stop-claim.js).
import assert from "node:assert/strict";
import { test } from "node:test";
import { Worker } from "node:worker_threads";

import { blockingSleep, claim, resetStops, SIGINT, SIGNAL, sharedStopBuffer } from "../../live_snippets/assets/stop-claim.js";

const STOP_CLAIM = new URL("../../live_snippets/assets/stop-claim.js", import.meta.url).href;

test("without cross-origin isolation there is no shared buffer", () => {
  assert.equal(sharedStopBuffer(false), null);
  assert.ok(sharedStopBuffer(true).buffer instanceof SharedArrayBuffer);
});

test("each Stop request is claimed once, by whichever side comes first, in order", () => {
  const shared = sharedStopBuffer(true);
  assert.equal(claim(shared, 1), true); // the worker read the message
  assert.equal(claim(shared, 1), false); // the page must not signal it too
  assert.equal(claim(shared, 3), false, "request 3 cannot be claimed before request 2");
  assert.equal(claim(shared, 2), true);
  resetStops(shared); // a new run
  assert.equal(claim(shared, 1), true);
});

test("a blocking sleep returns at once when SIGINT is pending", () => {
  const shared = sharedStopBuffer(true);
  Atomics.store(shared, SIGNAL, SIGINT);
  const started = performance.now();
  blockingSleep(shared, 5000);
  assert.ok(performance.now() - started < 100);
});

test("a blocking sleep ends when the other thread signals, long before its time", async () => {
  const shared = sharedStopBuffer(true);
  const page = new Worker(
    `import(${JSON.stringify(STOP_CLAIM)}).then(({ signal }) => {
       const { workerData } = require("node:worker_threads");
       setTimeout(() => signal(workerData), 100);
     });`,
    { eval: true, workerData: shared },
  );
  await new Promise((resolve) => page.once("online", resolve));
  const started = performance.now();
  blockingSleep(shared, 10_000);
  const elapsed = performance.now() - started;
  await page.terminate();
  assert.ok(elapsed < 2000, `slept ${elapsed} ms`);
  assert.equal(Atomics.load(shared, SIGNAL), SIGINT, "the signal is left for Python to handle");
});

test("a blocking sleep without a signal lasts its time", () => {
  const shared = sharedStopBuffer(true);
  const started = performance.now();
  blockingSleep(shared, 50);
  assert.ok(performance.now() - started >= 45);
});
