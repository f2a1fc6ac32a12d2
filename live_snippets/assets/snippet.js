// One snippet on the page: its controls, in the page from the start, wired at once; its editor when the reader nears
// it; what a run or an edit shows, at the first of them (snippet.js stays cheap per snippet: no DOM built, no layout
// reads, no observers of its own until then).
// What the reader is told: which output is which (the recorded one, from CPython, and the reader's run, in the
// browser), that the recorded output no longer matches edited code, why a run ended, and how the first Run loads.
import { Editor, originalCode } from "./editor.js";
import { engine, isRunning, prefetchPython, runSnippet, stopRun } from "./engine.js";
import { megabytes } from "./fetch-progress.js";
import { OutputView } from "./output-view.js";
import { storeEdit, storedEdit } from "./stored-edits.js";

const RETRY_LABEL = "Retry";
const RESTARTED = "Python was restarted to stop this code.";
// Where the site explains what the Python in a browser cannot do (the network; threads and processes without JSPI).
const LIMITS_URL = new URL("../../#running-and-editing-an-example", import.meta.url).href;
const BROWSER_LIMITS = [
  /can't (?:start|create) (?:new thread|a process)/,
  /\b(?:Errno 138|Errno 52|Errno 58)\b/,
  /\bnot supported on (?:Emscripten|WebAssembly|this platform)\b/i,
  /No module named '_?(?:multiprocessing|subprocess|threading|socket|ssl|tkinter)'/,
  /\[Errno -3\] Temporary failure in name resolution|\[Errno 101\] Network is unreachable/, // sockets.py: no network
];
// A snippet's children, as rendered, other than its code and its recorded output(s).
const NOT_RECORDED = [".snippet-command", ".snippet-local-only", ".snippet-controls", ".snippet-hint"].join(", ");

function element(tag, className, text) {
  const created = document.createElement(tag);
  if (className) created.className = className;
  if (text !== undefined) created.textContent = text;
  return created;
}

function button(className, label, ariaLabel, onClick) {
  const created = element("button", `snippet-button ${className}`, label);
  created.type = "button";
  if (ariaLabel) created.setAttribute("aria-label", ariaLabel);
  created.addEventListener("click", onClick);
  return created;
}

export class LiveSnippet {
  constructor(root) {
    this.root = root;
    const path = root.dataset.snippet;
    this.path = path;
    this.name = path.split("/").pop();
    this.folder = path.split("/").slice(0, -1).join("/");
    this.head = root.dataset.head || ""; // the pragma lines the page does not show, put back for the run
    this.codeBlock = root.querySelector(".highlight");
    this.recorded = [...root.children].filter((child) => child !== this.codeBlock && !child.matches(NOT_RECORDED));
    this.editor = null;
    this.view = null; // the live output, built at the first run or edit (buildRunParts)
    if (root.dataset.localOnly !== undefined) {
      this.showLocalOnly();
      return;
    }
    this.bindControls();
    this.setState("idle", "");
    // A press or focus in the code builds the editor at once. Not one on the buttons: building it moves what is under
    // the pointer between press and release, and the click on Run would be lost (Run builds it itself).
    const inCode = (event) => this.codeBlock.contains(event.target) && this.ensureEditor();
    for (const type of ["focusin", "pointerdown"]) root.addEventListener(type, inCode);
    if (this.storedCode() !== null) setTimeout(() => this.ensureEditor()); // the reader's edit, from before a reload
  }

  get env() {
    return JSON.parse(this.root.dataset.env || "{}"); // rendered by the plugin from the `# run:` line
  }

  get options() {
    return JSON.parse(this.root.dataset.options || "[]"); // the interpreter options of that line (`-X dev`)
  }

  get code() {
    return this.head + (this.editor ? this.editor.code : originalCode(this.codeBlock.querySelector("pre")));
  }

  get runnable() {
    return this.root.dataset.state !== "local-only";
  }

  storedCode() {
    return storedEdit(this.path);
  }

  storeCode(code) {
    storeEdit(this.path, code);
  }

  ensureEditor() {
    if (this.editor || !this.runnable) return;
    const stored = this.storedCode();
    this.editor = new Editor(this.codeBlock.querySelector("pre"), {
      label: `Code of ${this.name}, editable`,
      describedBy: this.hint.id,
      onRun: () => this.run({ keepFocus: true }),
      onChange: () => this.edited(),
      code: stored ?? undefined,
    });
    if (stored !== null) this.edited();
  }

  // The code changed: keep it for this tab's session, and mark the recorded output as the original code's.
  edited() {
    this.buildRunParts();
    const edited = this.editor.edited;
    this.storeCode(edited ? this.editor.code : null);
    this.root.toggleAttribute("data-edited", edited);
    this.updateStaleNote();
  }

  updateStaleNote() {
    if (!this.staleNote) return;
    this.staleNote.hidden = !(this.editor?.edited && this.recordedToggle.getAttribute("aria-expanded") !== "false");
  }

  showLocalOnly() {
    // The plugin renders the notice (live_snippets/render.py); older pages get one here.
    if (!this.root.querySelector(".snippet-local-only")) {
      const label = element("p", "snippet-local-only");
      label.setAttribute("role", "note");
      label.append("Runs on your machine, not in this page: ", element("code", "", this.root.dataset.command));
      if (this.root.dataset.localOnly) label.append(` (${this.root.dataset.localOnly})`);
      this.codeBlock.after(label);
    }
    this.root.dataset.state = "local-only";
  }

  // The controls are in the page (rendered by live_snippets/render.py): they are found and wired, not built, so that
  // the runner's start adds nothing to style or lay out.
  bindControls() {
    const controls = this.root.querySelector(":scope > .snippet-controls");
    this.runButton = controls.querySelector(":scope > .snippet-run");
    this.stopButton = controls.querySelector(":scope > .snippet-stop");
    this.resetButton = controls.querySelector(":scope > .snippet-reset");
    this.status = controls.querySelector(":scope > .snippet-status");
    this.hint = this.root.querySelector(":scope > .snippet-hint");
    this.runButton.addEventListener("click", () => this.run({}));
    for (const prefetch of ["pointerenter", "focus"]) this.runButton.addEventListener(prefetch, prefetchPython);
    this.stopButton.addEventListener("click", () => isRunning(this) && stopRun());
    this.resetButton.addEventListener("click", () => this.reset());
  }

  // What a run or an edit shows, hidden until needed, built at the first of them (DOM-CONTRACT.md): the recorded
  // output's toggle and the loading bar in the controls; the live output's heading, the output and the stale note.
  buildRunParts() {
    if (this.view) return;
    const hidden = (created) => Object.assign(created, { hidden: true });
    this.recordedToggle = hidden(
      button("snippet-recorded-toggle", "Show recorded output", null, () =>
        this.showRecorded(this.recordedToggle.getAttribute("aria-expanded") !== "true"),
      ),
    );
    this.progressBar = element("progress", "snippet-progress-bar");
    this.progressBar.setAttribute("aria-label", "Loading Python");
    this.progressText = element("span", "snippet-progress-text");
    this.progress = hidden(element("span", "snippet-progress"));
    this.progress.append(this.progressBar, this.progressText);
    this.status.before(this.recordedToggle);
    this.status.after(this.progress);
    this.liveTitle = element("span", "snippet-live-title", "Your run, in your browser");
    this.liveHead = hidden(element("div", "snippet-live-head"));
    const legend = element("span", "snippet-time-legend", "left column: seconds since the program started");
    this.liveHead.append(this.liveTitle, legend);
    const panel = hidden(element("div", "snippet-live-output"));
    panel.setAttribute("role", "log");
    panel.setAttribute("aria-live", "polite");
    panel.setAttribute("aria-label", `Output of ${this.name}, your run`);
    panel.tabIndex = 0;
    this.staleNote = hidden(element("p", "snippet-stale-note"));
    this.staleNote.append(
      element("strong", "", "Edited:"),
      " the recorded output below is of the original code, not of your edit. Reset puts the original back.",
    );
    this.hint.after(this.liveHead, panel, this.staleNote);
    this.view = new OutputView(panel);
  }

  setState(state, status) {
    this.root.dataset.state = state;
    const busy = state === "loading" || state === "running";
    this.runButton.disabled = busy;
    this.stopButton.disabled = !busy;
    if (state !== "loading" && this.progress) this.progress.hidden = true;
    if (state === "running") {
      const version = engine.pythonVersion?.split(".").slice(0, 2).join(".");
      this.liveTitle.textContent = version ? `Your run — CPython ${version} in your browser` : "Your run, in your browser";
      this.liveHead.hidden = false;
    }
    this.setStatus(status);
    this.root.querySelector(".snippet-retry")?.remove();
  }

  setStatus(text) {
    this.status.textContent = text;
  }

  // Bytes fetched while Python loads (the first Run of the tab): a bar and megabytes, not announced at every step.
  loadProgress({ loaded, total }) {
    if (this.root.dataset.state !== "loading") return;
    this.progress.hidden = false;
    if (total) {
      this.progressBar.max = total;
      this.progressBar.value = Math.min(loaded, total);
      this.progressText.textContent = `${megabytes(loaded)} of ${megabytes(total)} MB`;
    } else {
      this.progressBar.removeAttribute("value"); // indeterminate
      this.progressText.textContent = `${megabytes(loaded)} MB`;
    }
  }

  showRecorded(shown) {
    this.recorded.forEach((child) => (child.hidden = !shown));
    this.recordedToggle.setAttribute("aria-expanded", String(shown));
    this.recordedToggle.textContent = shown ? "Hide recorded output" : "Show recorded output";
    this.updateStaleNote();
  }

  run({ keepFocus }) {
    if (this.root.dataset.state === "loading" || this.root.dataset.state === "running") return;
    this.buildRunParts();
    this.ensureEditor();
    this.showRecorded(false); // one click away: the toggle
    this.recordedToggle.hidden = false;
    runSnippet(this);
    if (!keepFocus) this.stopButton.focus({ preventScroll: true });
  }

  // The engine's report of how a run ended (engine.js): tell the reader what happened.
  runEnded(state, { seconds, exitStatus, message, reason, restarted, started, dropped, droppedChars }) {
    const time = `${seconds.toFixed(2)} s`;
    this.view.end({ dropped, droppedChars, note: restarted ? RESTARTED : undefined });
    let status;
    // Line numbers: tracebacks count the file's lines, pragma lines included, and so does the page (render.py).
    if (state === "finished") {
      const failure = exitStatus ? this.view.failure(this.name) : null;
      if (failure) status = `Failed: ${failure.type}${failure.line ? `, line ${failure.line}` : ""} (after ${time})`;
      else status = `Finished in ${time}` + (exitStatus ? ` (exit status ${exitStatus})` : "");
      if (exitStatus) this.explainBrowserLimit();
    } else if (state === "stopped") {
      if (reason === "another") status = "Stopped because another example started";
      else if (reason === "reset") status = "Reset: the run was stopped";
      else if (restarted) status = `Stopped after ${time}: ${RESTARTED}`;
      else if (!started) status = "Stopped before Python had loaded";
      else status = `Stopped after ${time}, as if you pressed Ctrl+C`;
      if (!restarted) this.view.foldTraceback("Traceback of the stop (KeyboardInterrupt)");
    } else {
      status = `Failed: ${message}`;
    }
    this.setState(state, status);
    this.ended();
  }

  // After an error that a browser's Python gives where CPython would not: one line, linking to the explanation.
  explainBrowserLimit() {
    const text = this.view.stderrLines().map((line) => line.text).join("\n");
    if (!BROWSER_LIMITS.some((pattern) => pattern.test(text))) return;
    this.view.linkNote(
      "This is a limit of the Python in your browser, not of CPython: ",
      "what runs in the page",
      LIMITS_URL,
    );
  }

  // The run ended: Run takes the focus back from Stop (disabled now), so the keyboard stays where it was.
  ended() {
    const focus = document.activeElement;
    if (focus === this.stopButton || focus === document.body || focus === null) this.runButton.focus({ preventScroll: true });
  }

  loadFailed(message) {
    this.showRecorded(true);
    this.recordedToggle.hidden = true;
    this.setState("failed", `Failed: Python could not be loaded (${message}). Check your connection, then retry.`);
    const retry = button("snippet-retry", RETRY_LABEL, `Retry loading Python and run ${this.name}`, () => this.run({}));
    this.status.before(retry);
    retry.focus();
  }

  async reset() {
    const wasRunning = isRunning(this);
    if (wasRunning) await stopRun(undefined, "reset");
    this.editor?.reset();
    this.storeCode(null);
    this.root.removeAttribute("data-edited");
    if (this.view) {
      this.view.clear();
      this.liveHead.hidden = true;
      this.showRecorded(true);
      this.recordedToggle.hidden = true;
    }
    this.setState("idle", wasRunning ? "Reset: the run was stopped" : "");
  }
}
