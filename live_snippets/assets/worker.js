// The live-snippets worker: loads Pyodide once, then runs one snippet at a time, streaming what it prints.
// Messages in:  load {pyodideUrl, runtimeUrl, helpersUrl, stackSwitching, interruptBuffer?, warmProcesses}
//               run {runId, code, filename, folder, env, options}, stop {runId, request}, warm {count}
//               (inputBuffer?: where the page hands input() its lines, input-channel.js)
//               As a child process (process-pool.js): child {pid, ppid, program, payload}, message {payload}
// Messages out: progress {loaded, total, files} (bytes fetched while loading; total null: not known yet),
//               ready {stackSwitching, pythonVersion, loadTimes (load-times.js)}, load-error {message},
//               output {runId, lines: [[stream, text, ended, seconds], ...], capped: null | "lines" | "chars"},
//               stopping {runId}, done {runId, exitStatus, seconds, dropped, droppedChars}, crash {runId, message}
// The host object runtime.py calls (setup(host)):
//   output(stream, text)  text written to "stdout" or "stderr" (worker-output.js caps and batches it);
//   flush()               send what is pending now;
//   park(ms, stoppable, untilMessage)  a promise resolved after ms milliseconds (-1: never), when host.lastWake (set
//                         by each park) is called, at once on Stop if stoppable (the main thread's waits; JSPI;
//                         threads.py), or when a message from another process comes if untilMessage;
//                         not {promise, wake}: Python's run_sync on a promise read from an object's property crashed
//                         the runtime at the 25th run (measured: "function signature mismatch");
//   startThread(entry)    call the Python function entry with stack switching once the running stack waits, then
//                         destroy it (threads.py);
//   preempt(ms, signal, mainRunning)  while ms > 0: answer Pyodide's check of its interrupt buffer with `signal`
//                         once every ms of a thread's turn (threads.py switches threads on it);
//   sleep(ms)             block for ms milliseconds (-1: until stopped), returning early on Stop; returns false,
//                         without waiting, where the page is not cross-origin isolated (no shared memory);
//   takeStopRequest()     true once after each Stop request this run received by message;
//   startProcess(payload) a child process (processes.py's Popen: its pickled Process, as base64 text) for the run;
//                         its pid;
//   queue(op, id, item, request)  multiprocessing's queues (see below);
//   sendProcessMessage(pid, payload), stopProcess(pid, signal), takeProcessMessages() (JSON: [pid, "message",
//                         base64 text] and [pid, "exit", status], from children; in a child, the parent's messages);
//   runningProcesses()    how many children of this run still run;
//   readLine(prompt)      the line input() reads, typed in the page (posts input {runId, prompt}, blocks until the
//                         page answers); null where the page is not cross-origin isolated; else a number of
//                         contract.json's "input" (ended, stopped, interrupted).
import contract from "./contract.json" with { type: "json" };
import { RunOutput } from "./worker-output.js";
import { loadTimes, mark, markCompiled, markFetched } from "./load-times.js";
import { countingFetch } from "./fetch-progress.js";
import { blockingSleep, claim, resetStops, SIGINT, SIGNAL, WAKE } from "./stop-claim.js";
import { END, expectInput, INTERRUPTED, LINE, resetInput, STOPPED, waitForInput } from "./input-channel.js";
import { ProcessPool } from "./process-pool.js";

const SLICE_MS = 20;

let pyodide = null;
let runSnippet = null;
let useStackSwitching = false;
let interrupts = null; // shared with the page when it is cross-origin isolated (stop-claim.js)
let inputs = null; // the same: where the page hands input() its lines (input-channel.js)
let pythonVersion = null; // "3.14.2", for the page's label of a run
let run = null; // the current run: {id, output, stopRequested, wake, program}
let processes = null; // this worker's children (process-pool.js); in a child, null
let parent = null; // in a child process: {pid, ppid, queued: the parent's messages}
const messageWaits = new Set(); // the parks that a message from another process ends
const onProcessMessage = () => [...messageWaits].forEach((wake) => wake());

// A zero-delay task: faster than setTimeout(0), which browsers clamp to 4 ms when nested.
const channel = new MessageChannel();
const waiting = [];
channel.port1.onmessage = () => waiting.shift()();
function nextTask(callback) {
  waiting.push(callback);
  channel.port2.postMessage(null);
}

// While threads exist: Pyodide reads element 0 of its interrupt buffer every 50 checks of the interpreter's eval
// breaker, and raises that signal in Python. This one answers the thread-switch signal once a turn has lasted its
// interval, and passes the page's SIGINT (Stop) through only while the main thread runs, as CPython delivers
// signals to the main thread; meanwhile it wakes the main thread and keeps the signal.
const turns = { ms: 0, signal: 0, due: Infinity, mainRunning: true, stopRead: false };
const switchingBuffer = {
  get 0() {
    const pending = interrupts ? interrupts[SIGNAL] : 0;
    if (pending && (pending !== SIGINT || turns.mainRunning)) {
      turns.stopRead = true;
      return pending;
    }
    if (pending && run && run.wake) run.wake();
    const now = performance.now();
    if (now < turns.due) return 0;
    turns.due = now + turns.ms;
    return turns.signal;
  },
  set 0(value) {
    if (turns.stopRead) interrupts[SIGNAL] = value;
    turns.stopRead = false;
  },
};

const host = {
  output(stream, text) {
    run?.output.write(stream, text);
  },
  flush() {
    run?.output.flush();
  },
  lastWake: null,
  park(ms, stoppable, untilMessage) {
    let wake;
    const promise = new Promise((resolve) => {
      const timer = ms > 0 ? setTimeout(done, ms) : null;
      if (ms === 0) nextTask(done);
      function done() {
        clearTimeout(timer);
        if (run && run.wake === done) run.wake = null;
        messageWaits.delete(done);
        resolve();
      }
      if (run && stoppable) run.wake = done;
      if (untilMessage) messageWaits.add(done);
      wake = done;
    });
    host.lastWake = wake;
    return promise;
  },
  startThread(entry) {
    const current = run;
    queueMicrotask(() =>
      entry
        .callPromising()
        .catch((error) => current && post({ type: "crash", runId: current.id, message: errorMessage(error) }))
        .finally(() => entry.destroy()),
    );
  },
  preempt(ms, signal, mainRunning) {
    const on = ms > 0;
    Object.assign(turns, { ms, signal, mainRunning, due: on ? performance.now() + ms : Infinity });
    if (on !== (turns.buffer === switchingBuffer)) {
      turns.buffer = on ? switchingBuffer : interrupts;
      pyodide.setInterruptBuffer(turns.buffer ?? undefined);
    }
  },
  sleep(ms) {
    if (!interrupts) return false;
    // Once a Stop was signalled, sleep in short slices: Pyodide may have taken the signal from the buffer without
    // Python having run its handler yet, which it does between two slices.
    const signalled = run && Atomics.load(interrupts, WAKE) !== run.wakes;
    blockingSleep(interrupts, signalled ? Math.min(ms < 0 ? SLICE_MS : ms, SLICE_MS) : ms);
    return true;
  },
  startProcess(payload) {
    if (!processes || !run) throw new Error("no run to start a process for");
    return processes.start(run.program, payload);
  },
  sendProcessMessage(pid, payload) {
    if (parent) post({ type: "message", payload });
    else processes?.send(pid, payload);
  },
  stopProcess(pid, signal) {
    processes?.stop(pid, signal);
  },
  // multiprocessing's queues (processes.py, process-queues.js): op put, take (an item or null), size, unget; in a
  // child, put, unget, get, size and cancel are asked of the parent, whose answers come as ["queue", [request, item]].
  queue(op, id, item, request) {
    // (undefined, not null, for "nothing": Python sees JavaScript's null as pyodide.ffi.jsnull, not None)
    if (parent) return void post({ type: "queue", op, id, item, request });
    const queues = processes?.queues;
    if (!queues) return undefined;
    if (op === "put") queues.put(id, item);
    else if (op === "unget") queues.unget(id, item);
    else if (op === "take") return queues.take(id) ?? undefined;
    else if (op === "size") return queues.size(id);
    return undefined;
  },
  runningProcesses() {
    return processes ? processes.children.size : 0; // the children of this run still running (for the tests)
  },
  takeProcessMessages() {
    // As JSON, the bytes as base64 text: a JavaScript array of arrays or a Uint8Array handed to Python corrupted
    // Pyodide's memory, seen as a crash in its garbage collector every 7 or 8 runs that start a process.
    return JSON.stringify(parent ? parent.queued.splice(0) : (processes?.takeMessages() ?? []));
  },
  readLine(prompt) {
    if (!inputs || !interrupts || !run) return null;
    const current = run;
    current.output.flush(); // the prompt shows before the field
    expectInput(inputs);
    post({ type: "input", runId: current.id, prompt: String(prompt) });
    // A SIGINT (Stop, when the field was not shown yet) ends the wait; Python then raises KeyboardInterrupt.
    const interrupted = () => Atomics.load(interrupts, SIGNAL) !== 0 || Atomics.load(interrupts, WAKE) !== current.wakes;
    const { state, text } = waitForInput(inputs, { interrupted, sliceMs: SLICE_MS });
    if (state === LINE) {
      current.output.write("stdin", text + "\n"); // as a terminal echoes what is typed
      return text;
    }
    if (state === STOPPED) current.output.write("stdin", "^C\n");
    return { [END]: contract.input.ended, [STOPPED]: contract.input.stopped, [INTERRUPTED]: contract.input.interrupted }[
      state
    ];
  },
  takeStopRequest() {
    const requested = Boolean(run && run.stopRequested);
    if (run) run.stopRequested = false;
    return requested;
  },
};

async function load(options) {
  // While Pyodide loads, every fetch counts its bytes for the page's progress bar (fetch-progress.js).
  const realFetch = self.fetch;
  self.fetch = countingFetch(realFetch.bind(self), (progress) => post({ type: "progress", ...progress }));
  try {
    await loadPython(options);
  } finally {
    self.fetch = realFetch;
  }
}

async function loadPython({ pyodideUrl, runtimeUrl, helpersUrl, stackSwitching, interruptBuffer, inputBuffer, role }) {
  const fetchOk = async (url) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return response;
  };
  const [{ loadPyodide }, helpers, ...runtimeSources] = await Promise.all([
    import(new URL("pyodide.mjs", pyodideUrl).href),
    fetchOk(helpersUrl).then((response) => response.json()),
    ...contract.runtimeFiles.map((name) => fetchOk(new URL(name, runtimeUrl)).then((response) => response.text())),
  ]);
  mark("pyodideImported");
  markCompiled();
  pyodide = await loadPyodide({ indexURL: pyodideUrl });
  mark("interpreterStarted");
  markFetched("wasmFetched", "pyodide.asm.wasm");
  const decoder = new TextDecoder();
  pyodide.setStdin({ error: true });
  pyodide.setStdout({ write: (bytes) => (host.output("stdout", decoder.decode(bytes)), bytes.length) });
  pyodide.setStderr({ write: (bytes) => (host.output("stderr", decoder.decode(bytes)), bytes.length) });
  const { snippetsFolder, runtimeFolder, runtimeModule } = contract;
  pyodide.FS.mkdirTree(snippetsFolder);
  for (const [name, source] of Object.entries(helpers)) pyodide.FS.writeFile(`${snippetsFolder}/${name}`, source);
  pyodide.FS.mkdirTree(runtimeFolder);
  contract.runtimeFiles.forEach((name, index) =>
    // runtime.py under a name no snippet's module has; the others beside it, imported by path
    pyodide.FS.writeFile(`${runtimeFolder}/${index ? name : `${runtimeModule}.py`}`, runtimeSources[index]),
  );
  pyodide.FS.writeFile(`${runtimeFolder}/contract.json`, JSON.stringify(contract)); // beside runtime.py, as in assets/
  pyodide.runPython(`import sys; sys.path.append(${JSON.stringify(runtimeFolder)})`);
  const runtime = pyodide.pyimport(runtimeModule);
  runtime.setup(host);
  mark("runtimeReady");
  if (interruptBuffer) pyodide.setInterruptBuffer(interruptBuffer);
  interrupts = interruptBuffer;
  inputs = inputBuffer || null;
  useStackSwitching = stackSwitching && typeof WebAssembly.Suspending === "function";
  runSnippet = runtime.run;
  pythonVersion = pyodide.runPython("import sys; '%d.%d.%d' % sys.version_info[:3]");
  if (role !== "child" && useStackSwitching) {
    const childLoad = { type: "load", pyodideUrl, runtimeUrl, helpersUrl, stackSwitching, role: "child" };
    processes = new ProcessPool({
      load: childLoad,
      onOutput: (stream, text) => host.output(stream, text),
      onMessage: () => onProcessMessage(),
    });
  }
}

async function start({ runId, code, filename, folder, env, options }, child = null) {
  const program = { code, filename, folder, env, options };
  run = { id: runId, output: new RunOutput({ runId, post }), stopRequested: false, wake: null, program };
  if (interrupts) {
    resetStops(interrupts); // a Stop meant for the previous run
    if (inputs) resetInput(inputs);
    run.wakes = Atomics.load(interrupts, WAKE);
  }
  const args = [code, filename, folder, JSON.stringify(env || {}), JSON.stringify(options || [])];
  if (child) args.push(child);
  const { output } = run;
  try {
    const exitStatus = useStackSwitching ? await runSnippet.callPromising(...args) : runSnippet(...args);
    output.flush();
    post({ type: "done", runId, exitStatus, seconds: output.seconds(), ...output.summary() });
  } catch (error) {
    output.flush();
    post({ type: "crash", runId, message: errorMessage(error) });
  } finally {
    run = null;
    processes?.endRun(); // its children end with it
  }
}

function post(message) {
  self.postMessage(message);
}

function errorMessage(error) {
  return String(error && error.message ? error.message : error);
}

self.onmessage = async ({ data }) => {
  if (data.type === "load") {
    // Pyodide reports some failures (a wasm file that cannot be fetched) only as an unhandled rejection.
    const onRejection = (event) => {
      event.preventDefault();
      post({ type: "load-error", message: errorMessage(event.reason) });
    };
    self.addEventListener("unhandledrejection", onRejection);
    try {
      await load(data);
      post({ type: "ready", stackSwitching: useStackSwitching, pythonVersion, loadTimes });
      processes?.keepWarm(data.warmProcesses || 0);
    } catch (error) {
      post({ type: "load-error", message: errorMessage(error) });
    } finally {
      self.removeEventListener("unhandledrejection", onRejection);
    }
  } else if (data.type === "run") {
    await start(data);
  } else if (data.type === "warm") {
    processes?.keepWarm(data.count);
  } else if (data.type === "child") {
    // This worker is a child process: its run is the parent's program, as spawn and forkserver children import it.
    parent = { pid: data.pid, ppid: data.ppid, queued: [] };
    await start({ runId: data.pid, ...data.program }, JSON.stringify([data.payload, data.pid, data.ppid]));
  } else if (data.type === "message" && parent) {
    parent.queued.push([parent.ppid, "message", data.payload]);
    onProcessMessage();
  } else if (data.type === "queue-answer" && parent) {
    parent.queued.push([parent.ppid, "queue", [data.request, data.item]]);
    onProcessMessage();
  } else if (data.type === "stop" && run && run.id === data.runId) {
    processes?.stopAll(2); // Ctrl+C reaches a terminal's whole process group: the children stop too
    // Unless the page already delivered this Stop as SIGINT (stop-claim.js).
    if (!interrupts || claim(interrupts, data.request)) run.stopRequested = true;
    post({ type: "stopping", runId: run.id });
    if (run.wake) run.wake();
  }
};
