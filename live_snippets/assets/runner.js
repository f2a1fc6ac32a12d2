// live-snippets: makes every runnable div.snippet editable and runnable in the browser (Pyodide in a Web Worker).
// The DOM it builds is a contract with the tests: see ../README.md.
const PYODIDE_URL = "../pyodide/";
const HERE = new URL(".", import.meta.url);
const STOP_GRACE_MS = 500; // a worker that has not answered Stop by then is stuck in Python code: replace it
const STOP_AGAIN_MS = 1000; // still running: a second Stop, like a second Ctrl+C (KeyboardInterrupt)
const SIGNAL_AFTER_MS = 200; // cross-origin isolated pages: send SIGINT through the interrupt buffer if needed
const STOP_LIMIT_MS = 2500; // still running: replace the worker
const RETRY_LABEL = "Retry";

// --- the worker: one per page lifetime, shared by every snippet and kept across instant navigation -----------

const engine = {
  worker: null,
  ready: null,
  resolveReady: null,
  loaded: false,
  interruptBuffer: null,
  stackSwitching: null,
  run: null, // the current run: {id, snippet, ...}
  runIds: 0,
};

function newReadyPromise() {
  engine.ready = new Promise((resolve, reject) => {
    engine.resolveReady = resolve;
    engine.rejectReady = reject;
  });
  engine.ready.catch(() => {}); // a failed load is reported on the snippet; nobody else must see it unhandled
}
newReadyPromise();

function startWorker() {
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
  engine.interruptBuffer = self.crossOriginIsolated ? new Int32Array(new SharedArrayBuffer(8)) : null;
  worker.postMessage({
    type: "load",
    pyodideUrl: new URL(PYODIDE_URL, HERE).href,
    runtimeUrl: new URL("runtime.py", HERE).href,
    helpersUrl: new URL("helpers.json", HERE).href,
    stackSwitching: api.options.stackSwitching !== false,
    interruptBuffer: engine.interruptBuffer,
  });
  return engine.ready;
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
    engine.resolveReady();
  } else if (data.type === "load-error") {
    loadFailed(worker, data.message);
  } else if (engine.run && data.runId === engine.run.id) {
    const run = engine.run;
    if (data.type === "output") run.view.add(data.lines, data.capped);
    else if (data.type === "stopping") run.answered = true;
    else if (data.type === "done") endRun(run, run.stopRequested ? "stopped" : "finished", data);
    else if (data.type === "crash") {
      endRun(run, "failed", { message: `the Python runtime crashed (${data.message}); it is being restarted` });
      replaceWorker();
    }
  }
}

async function runSnippet(snippet) {
  if (engine.run) await stopRun(engine.run);
  const id = ++engine.runIds;
  const run = { id, snippet, view: snippet.view, stopRequested: false, stopRequests: 0, answered: false, timers: [] };
  engine.run = run;
  snippet.setState(engine.loaded ? "running" : "loading", engine.loaded ? "Running…" : "Loading Python…");
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
  const { name, folder } = snippet;
  engine.worker.postMessage({ type: "run", runId: id, code: snippet.code, filename: name, folder, env: snippet.env });
}

function stopRun(run) {
  if (run !== engine.run) return Promise.resolve();
  if (!run.stopRequested) {
    run.stopRequested = true;
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
  engine.worker.postMessage({ type: "stop", runId: run.id, request }); // a waiting snippet reads it at once
  const shared = engine.interruptBuffer;
  if (!shared) return;
  setTimeout(() => {
    // No answer: the snippet is busy in Python code, which sees SIGINT written into the interrupt buffer.
    // shared[1] is the last Stop request delivered: the worker or this page claims each one, never both.
    if (run === engine.run && Atomics.compareExchange(shared, 1, request - 1, request) === request - 1) {
      Atomics.store(shared, 0, 2);
    }
  }, SIGNAL_AFTER_MS);
}

function forceStop(run) {
  if (run !== engine.run) return;
  endRun(run, "stopped", { note: "Python was restarted to stop this snippet." });
  replaceWorker();
}

function endRun(run, state, result) {
  if (run !== engine.run) return;
  engine.run = null;
  run.timers.forEach(clearTimeout);
  run.view.end(result);
  const seconds = result.seconds ?? (performance.now() - (run.startedAt ?? performance.now())) / 1000;
  const text = {
    finished: `Finished in ${seconds.toFixed(2)} s` + (result.exitStatus ? ` (exit status ${result.exitStatus})` : ""),
    stopped: `Stopped after ${seconds.toFixed(2)} s`,
    failed: `Failed: ${result.message}`,
  }[state];
  run.snippet.setState(state, text);
  run.snippet.focusAfterRun();
  if (run.resolveStopped) run.resolveStopped();
}

// --- output: lines batched per animation frame, always inserted as text ----------------------------------------

class OutputView {
  constructor(panel) {
    this.panel = panel;
    this.queue = [];
    this.openLine = null;
    this.note = null;
    this.frame = 0;
  }

  start() {
    this.panel.replaceChildren();
    this.panel.hidden = false;
    this.queue = [];
    this.openLine = null;
    this.note = null;
  }

  add(lines, capped) {
    this.queue.push(...lines);
    if (capped) this.queue.push(["note", "The page shows the first 2000 lines; the rest is not shown.", true, 0]);
    if (!this.frame) this.frame = requestAnimationFrame(() => this.render());
  }

  render() {
    this.frame = 0;
    const atBottom = this.panel.scrollHeight - this.panel.scrollTop - this.panel.clientHeight < 8;
    const fragment = document.createDocumentFragment();
    for (const [stream, text, ended, seconds] of this.queue) {
      if (stream === "note") {
        this.note = this.line("note", text, null);
        fragment.append(this.note.element);
        this.openLine = null;
        continue;
      }
      if (this.openLine) {
        // The rest of an unfinished line (print(..., end="")), even from the other stream, as in a terminal.
        if (stream === this.openLine.stream) this.openLine.text.append(text);
        else this.openLine.text.append(Object.assign(document.createElement("span"), { className: `snippet-${stream}-part`, textContent: text }));
      } else {
        this.openLine = this.line(stream, text, seconds);
        fragment.append(this.openLine.element);
      }
      if (ended) this.openLine = null;
    }
    this.queue = [];
    this.panel.append(fragment);
    if (atBottom) this.panel.scrollTop = this.panel.scrollHeight;
  }

  line(stream, text, seconds) {
    const element = document.createElement("div");
    element.className = `snippet-line snippet-${stream}`;
    const textSpan = document.createElement("span");
    textSpan.className = "snippet-text";
    textSpan.textContent = text;
    if (seconds !== null) {
      const time = document.createElement("span");
      time.className = "snippet-time";
      time.textContent = seconds.toFixed(2);
      element.append(time);
    }
    element.append(textSpan);
    return { element, stream, text: textSpan };
  }

  end({ dropped, note }) {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.render();
    if (dropped) this.note.text.textContent = `${dropped.toLocaleString("en")} more lines were not shown (the page shows the first 2000).`;
    if (note) this.panel.append(this.line("note", note, null).element);
  }

  clear() {
    this.panel.replaceChildren();
    this.panel.hidden = true;
  }
}

// --- syntax highlighting for the editor: Pygments' class names, so Material's colours apply ------------------------

const KEYWORDS = new Set(
  "and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield".split(" "),
);
const WORD_OPERATORS = new Set(["and", "in", "is", "not", "or"]);
const CONSTANTS = new Set(["True", "False", "None"]);
const BUILTINS = new Set(
  "abs aiter all anext any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile complex dict dir divmod enumerate eval exec filter float format frozenset getattr globals hasattr hash help hex id input int isinstance issubclass iter len list locals map max memoryview min next object oct open ord pow print property range repr reversed round set setattr slice sorted staticmethod str sum super tuple type vars zip __import__ BaseException Exception ArithmeticError AssertionError AttributeError BaseExceptionGroup ExceptionGroup EOFError ImportError IndexError KeyError KeyboardInterrupt LookupError MemoryError NameError NotImplementedError OSError RecursionError RuntimeError StopIteration StopAsyncIteration SyntaxError SystemExit TimeoutError TypeError ValueError ZeroDivisionError DeprecationWarning RuntimeWarning UserWarning Warning".split(" "),
);
const TOKENS = new RegExp(
  [
    /(?<comment>#.*)/,
    /(?<string>(?:(?<![\p{L}\p{N}_])[rRbBuUfFtT]{1,2})?(?:"""[\s\S]*?(?:"""|$(?![\s\S]))|'''[\s\S]*?(?:'''|$(?![\s\S]))|"(?:\\.|[^"\\\n])*"?|'(?:\\.|[^'\\\n])*'?))/,
    /(?<decorator>^[ \t]*@[\p{L}_][\p{L}\p{N}_.]*)/,
    /(?<name>[\p{L}_][\p{L}\p{N}_]*)/,
    /(?<number>\b(?:0[xXoObB][\da-fA-F_]+|\d[\d_]*\.?[\d_]*(?:[eE][+-]?\d+)?j?|\.\d[\d_]*(?:[eE][+-]?\d+)?j?))/,
    /(?<operator>[-+*/%=<>!&|^~@:.]+)/,
    /(?<punctuation>[()[\]{},;])/,
  ]
    .map((part) => part.source)
    .join("|"),
  "gmu",
);

function escapeHtml(text) {
  return text.replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]);
}

function highlight(code) {
  // One span per line, as Pygments' line spans (Material lays code out as a grid of lines).
  const lines = [""];
  const add = (text, css) => {
    text.split("\n").forEach((piece, index) => {
      if (index) lines.push("");
      if (piece) lines[lines.length - 1] += css ? `<span class="${css}">${escapeHtml(piece)}</span>` : escapeHtml(piece);
    });
  };
  let last = 0;
  let previous = "";
  for (const match of code.matchAll(TOKENS)) {
    const [text] = match;
    const kind = Object.keys(match.groups).find((key) => match.groups[key] !== undefined);
    let css = { comment: "c1", string: "s2", decorator: "nd", number: "mi", operator: "o", punctuation: "p" }[kind];
    if (kind === "name") {
      if (previous === "def") css = "nf";
      else if (previous === "class") css = "nc";
      else if (CONSTANTS.has(text)) css = "kc";
      else if (WORD_OPERATORS.has(text)) css = "ow";
      else if (text === "import" || text === "from") css = "kn";
      else if (KEYWORDS.has(text)) css = "k";
      else if (BUILTINS.has(text)) css = "nb";
      else if (text === "self" || text === "cls") css = "bp";
      else css = "n";
      previous = text;
    } else {
      previous = "";
    }
    add(code.slice(last, match.index), null);
    add(text, css);
    last = match.index + text.length;
  }
  add(code.slice(last), null);
  return lines.map((line) => `<span>${line}\n</span>`).join("");
}

// --- one snippet on the page ------------------------------------------------------------------------------------

function button(className, label, onClick) {
  const element = document.createElement("button");
  element.type = "button";
  element.className = `snippet-button ${className}`;
  element.textContent = label;
  element.addEventListener("click", onClick);
  return element;
}

class LiveSnippet {
  constructor(root) {
    this.root = root;
    const path = root.dataset.snippet;
    this.name = path.split("/").pop();
    this.folder = path.split("/").slice(0, -1).join("/");
    this.env = parseEnv(root.dataset.command || "");
    this.codeBlock = root.querySelector(".highlight");
    this.recorded = [...root.children].filter((child) => child !== this.codeBlock);
    if (root.dataset.localOnly !== undefined) {
      this.showLocalOnly();
      return;
    }
    this.buildEditor();
    this.buildControls();
    this.setState("idle", "");
  }

  showLocalOnly() {
    const label = document.createElement("p");
    label.className = "snippet-local-only";
    const command = document.createElement("code");
    command.textContent = this.root.dataset.command;
    label.append("Runs on your machine, not in the browser: ", command);
    if (this.root.dataset.localOnly) label.append(` (${this.root.dataset.localOnly})`);
    this.codeBlock.after(label);
    this.root.dataset.state = "local-only";
  }

  buildEditor() {
    this.pre = this.codeBlock.querySelector("pre");
    this.codeElement = this.pre.querySelector("code");
    this.originalHtml = this.codeElement.innerHTML;
    this.original = this.codeElement.textContent.replace(/\n$/, "");
    const editor = document.createElement("textarea");
    editor.className = "snippet-editor";
    editor.value = this.original;
    editor.spellcheck = false;
    editor.setAttribute("autocapitalize", "off");
    editor.setAttribute("autocomplete", "off");
    editor.setAttribute("autocorrect", "off");
    editor.setAttribute("wrap", "off");
    editor.setAttribute("aria-label", `Code of ${this.name}, editable; Ctrl+Enter runs it`);
    editor.addEventListener("input", () => this.showCode(editor.value));
    editor.addEventListener("focus", () => this.matchCodeStyle());
    editor.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        this.run({ keepFocus: true });
      }
    });
    this.pre.classList.add("snippet-editable");
    this.pre.append(editor);
    this.editor = editor;
    new ResizeObserver(() => this.matchCodeBox()).observe(this.codeElement);
  }

  matchCodeBox() {
    // The code is as wide as its longest line and the pre scrolls: the editor covers the code exactly.
    const { offsetTop, offsetLeft, offsetWidth, offsetHeight } = this.codeElement;
    Object.assign(this.editor.style, {
      top: `${offsetTop}px`,
      left: `${offsetLeft}px`,
      width: `${offsetWidth}px`,
      height: `${offsetHeight}px`,
    });
  }

  matchCodeStyle() {
    // The caret and selection must sit on the highlighted text: same font and box as the code element.
    const style = getComputedStyle(this.codeElement);
    for (const property of ["fontFamily", "fontSize", "lineHeight", "letterSpacing", "tabSize", "padding"]) {
      this.editor.style[property] = style[property];
    }
  }

  showCode(code) {
    this.codeElement.innerHTML = highlight(code);
  }

  buildControls() {
    const bar = document.createElement("div");
    bar.className = "snippet-controls";
    this.runButton = button("snippet-run", "Run", () => this.run({}));
    this.runButton.setAttribute("aria-label", `Run ${this.name}`);
    for (const prefetch of ["pointerenter", "focus"]) this.runButton.addEventListener(prefetch, prefetchPython);
    this.stopButton = button("snippet-stop", "Stop", () => engine.run && engine.run.snippet === this && stopRun(engine.run));
    this.stopButton.setAttribute("aria-label", `Stop ${this.name}`);
    this.resetButton = button("snippet-reset", "Reset", () => this.reset());
    this.resetButton.setAttribute("aria-label", `Reset ${this.name} to its original code`);
    this.status = document.createElement("span");
    this.status.className = "snippet-status";
    this.status.setAttribute("role", "status");
    bar.append(this.runButton, this.stopButton, this.resetButton, this.status);
    const panel = document.createElement("div");
    panel.className = "snippet-live-output";
    panel.setAttribute("role", "log");
    panel.setAttribute("aria-live", "polite");
    panel.setAttribute("aria-label", `Output of ${this.name}`);
    panel.tabIndex = 0; // scrollable: reachable by keyboard
    panel.hidden = true;
    this.codeBlock.after(bar, panel);
    this.view = new OutputView(panel);
  }

  get code() {
    return this.editor.value;
  }

  setState(state, status) {
    this.root.dataset.state = state;
    const busy = state === "loading" || state === "running";
    this.runButton.disabled = busy;
    this.stopButton.disabled = !busy;
    this.setStatus(status);
    this.root.querySelector(".snippet-retry")?.remove();
  }

  setStatus(text) {
    this.status.textContent = text;
  }

  run({ keepFocus }) {
    if (this.root.dataset.state === "loading" || this.root.dataset.state === "running") return;
    this.recorded.forEach((element) => (element.hidden = true));
    this.focusStop = !keepFocus;
    runSnippet(this);
    if (this.focusStop) this.stopButton.focus({ preventScroll: true });
  }

  focusAfterRun() {
    const focus = document.activeElement;
    if (focus === this.stopButton || focus === document.body || focus === null) this.runButton.focus({ preventScroll: true });
  }

  loadFailed(message) {
    this.recorded.forEach((element) => (element.hidden = false));
    this.setState("failed", `Failed: Python could not be loaded (${message}). Check your connection, then retry.`);
    const retry = button("snippet-retry", RETRY_LABEL, () => this.run({}));
    retry.setAttribute("aria-label", `Retry loading Python and run ${this.name}`);
    this.status.before(retry);
    retry.focus();
  }

  async reset() {
    if (engine.run && engine.run.snippet === this) await stopRun(engine.run);
    this.editor.value = this.original;
    this.codeElement.innerHTML = this.originalHtml;
    this.view.clear();
    this.recorded.forEach((element) => (element.hidden = false));
    this.setState("idle", "");
  }
}

function parseEnv(command) {
  const env = {};
  for (const word of command.split(/\s+/)) {
    const match = /^([A-Za-z_]\w*)=(.*)$/.exec(word);
    if (!match) break;
    env[match[1]] = match[2];
  }
  return env;
}

function prefetchPython() {
  startWorker().catch(() => {}); // a failure is shown when the reader presses Run
}

// --- the page: enhanced on load and after each instant navigation (Material's document$) ------------------------------

function enhance() {
  for (const root of document.querySelectorAll("div.snippet:not([data-state])")) root.snippet = new LiveSnippet(root);
  const run = engine.run;
  if (run && !run.snippet.root.isConnected) stopRun(run); // its page is gone
}

const api = {
  options: { stackSwitching: true }, // set to false before the first Run to test the path without stack switching
  get worker() {
    return engine.worker;
  },
  get ready() {
    return engine.ready;
  },
  get stackSwitching() {
    return engine.stackSwitching;
  },
  pyodideUrl: new URL(PYODIDE_URL, HERE).href,
};
window.liveSnippets = api;

if (window.document$) window.document$.subscribe(enhance);
else enhance();
