// The live-snippets worker: loads Pyodide once, then runs one snippet at a time, streaming what it prints.
// Messages in:  load {pyodideUrl, runtimeUrl, helpersUrl, stackSwitching, interruptBuffer?}
//               run {runId, code, filename, folder, env}, stop {runId, request}
// Messages out: ready {stackSwitching}, load-error {message},
//               output {runId, lines: [[stream, text, ended, seconds], ...], capped}, stopping {runId},
//               done {runId, exitStatus, seconds, dropped}, crash {runId, message}
const MAX_LINES = 2000; // per run; the rest is counted, not sent
const MAX_LINE_CHARS = 10000;
const BURST = 50; // messages sent at once per window; more output waits for the window's end
const WINDOW_MS = 100;

let runSnippet = null;
let useStackSwitching = false;
let run = null; // the current run: {id, start, lines, pending, dropped, stopRequested, wake}
let posts = { windowStart: 0, count: 0 };

function now() {
  return (performance.now() - run.start) / 1000;
}

function post(message) {
  self.postMessage(message);
}

function sendPending() {
  if (!run.pending.length) return;
  post({ type: "output", runId: run.id, lines: run.pending, capped: run.capped });
  run.pending = [];
  run.capped = false;
}

function flush() {
  if (run) sendPending();
  posts = { windowStart: performance.now(), count: 0 };
}

function addPiece(stream, text, ended) {
  if (run.lines >= MAX_LINES) {
    run.dropped += ended ? 1 : 0;
    return;
  }
  if (ended && run.lines === MAX_LINES - 1) run.capped = true;
  if (text.length > MAX_LINE_CHARS) text = text.slice(0, MAX_LINE_CHARS) + " …";
  run.pending.push([stream, text, ended, now()]);
  if (ended) run.lines += 1;
}

// A zero-delay task: faster than setTimeout(0), which browsers clamp to 4 ms when nested.
const channel = new MessageChannel();
const waiting = [];
channel.port1.onmessage = () => waiting.shift()();
function nextTask(callback) {
  waiting.push(callback);
  channel.port2.postMessage(null);
}

// What the Python runtime calls (see runtime.py).
const host = {
  output(stream, text) {
    if (!run) return;
    const pieces = text.split("\n");
    pieces.forEach((piece, index) => {
      const ended = index < pieces.length - 1;
      if (piece || ended) addPiece(stream, piece, ended);
    });
    const time = performance.now();
    if (time - posts.windowStart >= WINDOW_MS) posts = { windowStart: time, count: 0 };
    if (posts.count < BURST) {
      posts.count += 1;
      sendPending();
    }
  },
  flush,
  wait(ms) {
    return new Promise((resolve) => {
      const timer = ms > 0 ? setTimeout(done, ms) : null;
      if (ms === 0) nextTask(done);
      function done() {
        clearTimeout(timer);
        if (run && run.wake === done) run.wake = null;
        resolve();
      }
      if (run) run.wake = done;
    });
  },
  takeStopRequest() {
    const requested = Boolean(run && run.stopRequested);
    if (run) run.stopRequested = false;
    return requested;
  },
};

let interrupts = null; // shared with the page when it is cross-origin isolated: it writes SIGINT (2) there

async function load({ pyodideUrl, runtimeUrl, helpersUrl, stackSwitching, interruptBuffer }) {
  const fetchOk = async (url) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return response;
  };
  const [{ loadPyodide }, runtimeSource, helpers] = await Promise.all([
    import(new URL("pyodide.mjs", pyodideUrl).href),
    fetchOk(runtimeUrl).then((response) => response.text()),
    fetchOk(helpersUrl).then((response) => response.json()),
  ]);
  const pyodide = await loadPyodide({ indexURL: pyodideUrl });
  pyodide.setStdin({ error: true });
  pyodide.setStdout({ write: (bytes) => (host.output("stdout", new TextDecoder().decode(bytes)), bytes.length) });
  pyodide.setStderr({ write: (bytes) => (host.output("stderr", new TextDecoder().decode(bytes)), bytes.length) });
  pyodide.FS.mkdirTree("/home/pyodide/snippets");
  for (const [name, source] of Object.entries(helpers)) pyodide.FS.writeFile(`/home/pyodide/snippets/${name}`, source);
  pyodide.FS.mkdirTree("/home/pyodide/.live_snippets");
  pyodide.FS.writeFile("/home/pyodide/.live_snippets/live_snippets_runtime.py", runtimeSource);
  pyodide.runPython("import sys; sys.path.append('/home/pyodide/.live_snippets')");
  const runtime = pyodide.pyimport("live_snippets_runtime");
  runtime.setup(host);
  if (interruptBuffer) pyodide.setInterruptBuffer(interruptBuffer);
  interrupts = interruptBuffer;
  useStackSwitching = stackSwitching && typeof WebAssembly.Suspending === "function";
  runSnippet = runtime.run;
}

async function start({ runId, code, filename, folder, env }) {
  run = { id: runId, start: performance.now(), lines: 0, pending: [], capped: false, dropped: 0, stopRequested: false, wake: null };
  posts = { windowStart: 0, count: 0 };
  if (interrupts) {
    Atomics.store(interrupts, 0, 0); // a Stop meant for the previous run
    Atomics.store(interrupts, 1, 0);
  }
  const args = [code, filename, folder, JSON.stringify(env || {})];
  try {
    const exitStatus = useStackSwitching ? await runSnippet.callPromising(...args) : runSnippet(...args);
    flush();
    post({ type: "done", runId, exitStatus, seconds: now(), dropped: run.dropped });
  } catch (error) {
    flush();
    post({ type: "crash", runId, message: String(error && error.message ? error.message : error) });
  } finally {
    run = null;
  }
}

function loadFailed(error) {
  post({ type: "load-error", message: String(error && error.message ? error.message : error) });
}

self.onmessage = async ({ data }) => {
  if (data.type === "load") {
    // Pyodide reports some failures (a wasm file that cannot be fetched) only as an unhandled rejection.
    const onRejection = (event) => {
      event.preventDefault();
      loadFailed(event.reason);
    };
    self.addEventListener("unhandledrejection", onRejection);
    try {
      await load(data);
      post({ type: "ready", stackSwitching: useStackSwitching });
    } catch (error) {
      loadFailed(error);
    } finally {
      self.removeEventListener("unhandledrejection", onRejection);
    }
  } else if (data.type === "run") {
    await start(data);
  } else if (data.type === "stop" && run && run.id === data.runId) {
    // Unless the page already delivered this Stop as SIGINT (interrupts[1], see runner.js).
    const request = data.request;
    if (!interrupts || Atomics.compareExchange(interrupts, 1, request - 1, request) === request - 1) {
      run.stopRequested = true;
    }
    post({ type: "stopping", runId: run.id });
    if (run.wake) run.wake();
  }
};
