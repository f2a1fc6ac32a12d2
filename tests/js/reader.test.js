// What the reader is told after a run (output-view.js: the exception that ended it, from its traceback) and while
// Python loads (fetch-progress.js: bytes counted as they arrive). Pure functions: no browser needed.
import assert from "node:assert/strict";
import { test } from "node:test";

import { countingFetch, megabytes } from "../../live_snippets/assets/fetch-progress.js";
import { lastTraceback, tracebackStart } from "../../live_snippets/assets/output-view.js";

const lines = (text) => text.split("\n");

test("a failed run names the exception and the line of the snippet's own file that raised it", () => {
  const traceback = lines(`before
Traceback (most recent call last):
  File "/home/pyodide/snippets/page/01_x.py", line 11, in <module>
    asyncio.run(main())
  File "/lib/python3.14/asyncio/runners.py", line 195, in run
    return runner.run(main)
  File "/home/pyodide/snippets/page/01_x.py", line 7, in main
    print(x.foo)
          ^^^^^
AttributeError: 'int' object has no attribute 'foo'`);
  assert.deepEqual(lastTraceback(traceback, "01_x.py"), { type: "AttributeError", line: 7 });
  assert.equal(tracebackStart(traceback), 1);
  assert.deepEqual(lastTraceback(traceback, "02_other.py"), { type: "AttributeError", line: null });
});

test("an exception group is named by its own line, not by one of its sub-exceptions", () => {
  const traceback = lines(`  + Exception Group Traceback (most recent call last):
  |   File "/x/01_x.py", line 12, in <module>
  |     asyncio.run(main())
  | ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception)
  +-+---------------- 1 ----------------
    | Traceback (most recent call last):
    |   File "/x/01_x.py", line 5, in boom
    | ValueError: boom
    +------------------------------------`);
  assert.deepEqual(lastTraceback(traceback, "01_x.py"), { type: "ExceptionGroup", line: 12 });
});

test("a syntax error, reported without a traceback header, and a qualified exception name", () => {
  assert.deepEqual(lastTraceback(lines(`  File "/x/01_x.py", line 3\n    def (\n        ^\nSyntaxError: invalid syntax`), "01_x.py"), {
    type: "SyntaxError",
    line: 3,
  });
  const timeout = lines(`Traceback (most recent call last):\n  File "/x/01_x.py", line 4, in <module>\nasyncio.exceptions.CancelledError`);
  assert.deepEqual(lastTraceback(timeout, "01_x.py"), { type: "CancelledError", line: 4 });
  assert.equal(lastTraceback(["no traceback here"], "01_x.py"), null);
});

test("the last of two tracebacks is the one that ended the run", () => {
  const two = lines(`Traceback (most recent call last):
  File "/x/01_x.py", line 2, in <module>
KeyError: 'a'

During handling of the above exception, another exception occurred:

Traceback (most recent call last):
  File "/x/01_x.py", line 4, in <module>
TypeError: nope`);
  assert.deepEqual(lastTraceback(two, "01_x.py"), { type: "TypeError", line: 4 });
});

const settled = () => new Promise((resolve) => setTimeout(resolve)); // the counting of a clone has run

function fakeFetch(chunks, headers, made = []) {
  return async () => {
    const body = new ReadableStream({
      start(controller) {
        chunks.forEach((chunk) => controller.enqueue(new Uint8Array(chunk)));
        controller.close();
      },
    });
    const response = new Response(body, { status: 200, headers });
    made.push(response);
    return response;
  };
}

test("progress counts the bytes as they arrive, with the total from Content-Length, and hands on the response itself", async () => {
  const reports = [];
  const made = [];
  const headers = { "content-length": "12", "content-type": "application/wasm" };
  const fetch = countingFetch(fakeFetch([3, 4, 5], headers, made), (p) => reports.push(p), {
    now: (() => {
      let t = 0;
      return () => (t += 1000);
    })(),
  });
  const response = await fetch("https://example.invalid/pyodide.asm.wasm");
  assert.equal(response, made[0], "not the fetched response: Chromium's compiled-code cache would not be used");
  assert.equal((await response.arrayBuffer()).byteLength, 12);
  await settled();
  assert.deepEqual(reports[0], { loaded: 0, total: 12, files: 1 });
  assert.deepEqual(reports.at(-1), { loaded: 12, total: 12, files: 1 });
  assert.deepEqual(reports.map((r) => r.loaded), [0, 3, 7, 12, 12]);
});

test("a compressed body's total is unknown until it has arrived", async () => {
  const reports = [];
  const fetch = countingFetch(fakeFetch([10, 10], { "content-length": "7", "content-encoding": "gzip" }), (p) => reports.push(p));
  const response = await fetch("x");
  await response.arrayBuffer();
  await settled();
  assert.equal(reports[0].total, null);
  assert.deepEqual(reports.at(-1), { loaded: 20, total: 20, files: 1 });
  assert.equal(megabytes(6_300_000), "6.3");
});
