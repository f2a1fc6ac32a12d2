// The engine: one worker per page lifetime, shared by every snippet and kept across instant navigation; runs one
// snippet at a time and stops it like Ctrl+C (see ../README.md, "Stop").
import { claim, sharedStopBuffer, signal } from "./stop-claim.js";
import { sharedInputBuffer } from "./input-channel.js";
import { askForInput, closeInput, stopInput } from "./input-field.js";

const HERE = new URL(".", import.meta.url);
const STOP_GRACE_MS = 500; // a worker that has not answered Stop by then is stuck in Python code: replace it
const STOP_AGAIN_MS = 1000; // still running: a second Stop, like a second Ctrl+C (KeyboardInterrupt)
const SIGNAL_AFTER_MS = 50; // cross-origin isolated pages: send SIGINT through the interrupt buffer if needed
// Busy code under asyncio.run takes the first SIGINT as CPython does (it cancels the main task, which cannot run):
// still running this long after a signal, the next Stop request goes too, as a second Ctrl+C (KeyboardInterrupt).
const SIGNAL_AGAIN_MS = 100;
const STOP_LIMIT_MS = 2500; // still running: replace the worker
const WARM_PROCESSES = 2; // child processes kept loaded on a page whose snippets start some (process-pool.js)

export const options = { stackSwitching: true }; // false before the first Run: the path for browsers without JSPI

export const engine = {
  pyodideUrl: new URL("../pyodide/", HERE).href, // the page entry sets the configured one
  worker: null,
  ready: null,
  loaded: false,
  interruptBuffer: null,
  inputBuffer: null, // where the page hands input() its lines (cross-origin isolated pages: input-channel.js)
  stackSwitching: null,
  pythonVersion: null, // the worker's Python ("3.14.2"), once loaded
  progress: null, // the last load progress: {loaded, total, files} bytes (fetch-progress.js)
  run: null, // the current run: {id, snippet, view, ...}
  runIds: 0,
  warmProcesses: 0,
};

function newReadyPromise() {
  engine.ready = new Promise((resolve, reject) => {
    engine.resolveReady = resolve;
    engine.rejectReady = reject;
  });
  engine.ready.catch(() => {}); // a failed load is reported on the snippet; nobody else must see it unhandled
}
newReadyPromise();

export function startWorker() {
  if (engine.worker) return engine.ready;
  if (engine.loaded) newReadyPromise();
  engine.loaded = false;
  const worker = new Worker(new URL("worker.js", HERE), { type: "module", name: "live-snippets" });
  engine.worker = worker;
  worker.onmessage = ({ data }) => onWorkerMessage(worker, data);
  worker.onerror = (event) => {
    event.preventDefault();
    if (!engine.loaded) loadFailed(worker, event.message || "the worker script did not start");
  };
  engine.interruptBuffer = sharedStopBuffer();
  engine.inputBuffer = engine.interruptBuffer && sharedInputBuffer();
  worker.postMessage({
    type: "load",
    pyodideUrl: engine.pyodideUrl,
    runtimeUrl: new URL("runtime.py", HERE).href,
    helpersUrl: new URL("helpers.json", HERE).href,
    stackSwitching: options.stackSwitching !== false,
    interruptBuffer: engine.interruptBuffer,
    inputBuffer: engine.inputBuffer,
    warmProcesses: engine.warmProcesses,
  });
  return engine.ready;
}

// wanted: the page's snippets start processes. Their children load once Python has (the worker starts them then).
export function keepProcessesWarm(wanted) {
  engine.warmProcesses = wanted ? WARM_PROCESSES : 0;
  engine.worker?.postMessage({ type: "warm", count: engine.warmProcesses });
}

export function prefetchPython() {
  startWorker().catch(() => {}); // a failure is shown when the reader presses Run
}

function loadFailed(worker, message) {
  if (worker !== engine.worker) return;
  worker.terminate();
  engine.worker = null;
  engine.rejectReady(new Error(message));
  newReadyPromise();
}

function replaceWorker() {
  if (engine.worker) engine.worker.terminate();
  engine.worker = null;
  newReadyPromise();
  engine.loaded = false;
  startWorker(); // the reader is using the runner: have the next one ready
}

function onWorkerMessage(worker, data) {
  if (worker !== engine.worker) return;
  if (data.type === "ready") {
    engine.loaded = true;
    engine.stackSwitching = data.stackSwitching;
    engine.pythonVersion = data.pythonVersion;
    engine.resolveReady();
  } else if (data.type === "progress") {
    engine.progress = data;
    engine.run?.snippet.loadProgress?.(data);
  } else if (data.type === "load-error") {
    loadFailed(worker, data.message);
  } else if (engine.run && data.runId === engine.run.id) {
    const run = engine.run;
    if (data.type === "output") run.view.add(data.lines, data.capped);
    else if (data.type === "stopping") run.answered = true;
    else if (data.type === "input") askForInput(run, data, engine.inputBuffer);
    else if (data.type === "done") endRun(run, run.stopRequested ? "stopped" : "finished", data);
    else if (data.type === "crash") {
      endRun(run, "failed", { message: `the Python runtime crashed (${data.message}); it is being restarted` });
      replaceWorker();
    }
  }
}

// snippet: {name, folder, code, env, options, view, setState, setStatus, loadFailed, loadProgress?, runEnded}
export async function runSnippet(snippet) {
  if (engine.run) await stopRun(engine.run, "another");
  const id = ++engine.runIds;
  const run = { id, snippet, view: snippet.view, stopRequested: false, stopRequests: 0, answered: false, timers: [] };
  engine.run = run;
  snippet.setState(engine.loaded ? "running" : "loading", engine.loaded ? "Running…" : "Loading Python…");
  if (!engine.loaded && engine.progress) snippet.loadProgress?.(engine.progress);
  try {
    await startWorker();
  } catch (error) {
    if (engine.run === run) {
      engine.run = null;
      snippet.loadFailed(error.message);
    }
    return;
  }
  if (engine.run !== run) return; // stopped or replaced while Python was loading
  snippet.setState("running", "Running…");
  snippet.view.start();
  run.startedAt = performance.now();
  const { name, folder, code, env, options } = snippet;
  engine.worker.postMessage({ type: "run", runId: id, code, filename: name, folder, env, options });
}

export function isRunning(snippet) {
  return Boolean(engine.run && engine.run.snippet === snippet);
}

// reason: why the run is stopped, for the snippet to tell: "stop" (the reader's Stop), "another" (another snippet
// started), "reset" (the snippet's Reset), "gone" (its page was left).
export function stopRun(run = engine.run, reason = "stop") {
  if (!run || run !== engine.run) return Promise.resolve();
  if (!run.stopRequested) {
    run.stopRequested = true;
    run.stopReason = reason;
    run.stopped = new Promise((resolve) => (run.resolveStopped = resolve));
    if (!engine.loaded) {
      endRun(run, "stopped", {});
      return run.stopped;
    }
    run.snippet.setStatus("Stopping…");
    interrupt(run);
    run.timers.push(
      // With an interrupt buffer even busy code gets the signal; without one, a worker that does not answer is busy.
      setTimeout(() => run.answered || engine.interruptBuffer || forceStop(run), STOP_GRACE_MS),
      setTimeout(() => interrupt(run), STOP_AGAIN_MS),
      setTimeout(() => forceStop(run), STOP_LIMIT_MS),
    );
  }
  return run.stopped;
}

function interrupt(run) {
  if (run !== engine.run) return;
  const request = ++run.stopRequests;
  run.answered = false;
  if (stopInput(run, engine.interruptBuffer, request)) return; // it waited for input(): KeyboardInterrupt there
  engine.worker.postMessage({ type: "stop", runId: run.id, request }); // a waiting snippet reads it at once
  const shared = engine.interruptBuffer;
  if (!shared) return;
  // Without stack switching the worker reads no message until the run ends, and after a signal the snippet is known
  // to be busy: signal at once.
  const delay = engine.stackSwitching && !run.signalled ? SIGNAL_AFTER_MS : 0;
  setTimeout(() => {
    // No answer: the snippet is busy in Python code or in a blocking sleep; SIGINT reaches both.
    if (run === engine.run && claim(shared, request)) {
      run.signalled = true;
      signal(shared);
      run.timers.push(setTimeout(() => interrupt(run), SIGNAL_AGAIN_MS));
    }
  }, delay);
}

function forceStop(run) {
  if (run !== engine.run) return;
  endRun(run, "stopped", { restarted: true });
  replaceWorker();
}

function endRun(run, state, result) {
  if (run !== engine.run) return;
  engine.run = null;
  closeInput(run);
  run.timers.forEach(clearTimeout);
  const seconds = result.seconds ?? (performance.now() - (run.startedAt ?? performance.now())) / 1000;
  // The snippet tells the reader what happened (snippet.js): here only the facts.
  run.snippet.runEnded(state, { ...result, seconds, reason: run.stopReason ?? null, started: run.startedAt !== undefined });
  if (run.resolveStopped) run.resolveStopped();
}
