// One snippet on the page: its controls at once (Run must be there and focusable at load), its editor when the
// reader nears it (snippet.js stays cheap per snippet: no layout reads, no observers of its own until then).
import { Editor, originalCode } from "./editor.js";
import { isRunning, prefetchPython, runSnippet, stopRun } from "./engine.js";
import { OutputView } from "./output-view.js";

const RETRY_LABEL = "Retry";

function button(className, label, ariaLabel, onClick) {
  const element = document.createElement("button");
  element.type = "button";
  element.className = `snippet-button ${className}`;
  element.textContent = label;
  element.setAttribute("aria-label", ariaLabel);
  element.addEventListener("click", onClick);
  return element;
}

export class LiveSnippet {
  constructor(root) {
    this.root = root;
    const path = root.dataset.snippet;
    this.name = path.split("/").pop();
    this.folder = path.split("/").slice(0, -1).join("/");
    this.codeBlock = root.querySelector(".highlight");
    this.recorded = [...root.children].filter((child) => child !== this.codeBlock);
    this.editor = null;
    if (root.dataset.localOnly !== undefined) {
      this.showLocalOnly();
      return;
    }
    this.buildControls();
    this.setState("idle", "");
    for (const type of ["focusin", "pointerdown"]) root.addEventListener(type, () => this.ensureEditor(), { once: true });
  }

  get env() {
    return JSON.parse(this.root.dataset.env || "{}"); // rendered by the plugin from the `# run:` line
  }

  get code() {
    return this.editor ? this.editor.code : originalCode(this.codeBlock.querySelector("pre"));
  }

  get runnable() {
    return this.root.dataset.state !== "local-only";
  }

  ensureEditor() {
    if (this.editor || !this.runnable) return;
    const label = `Code of ${this.name}, editable; Ctrl+Enter runs it`;
    this.editor = new Editor(this.codeBlock.querySelector("pre"), { label, onRun: () => this.run({ keepFocus: true }) });
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

  buildControls() {
    const bar = document.createElement("div");
    bar.className = "snippet-controls";
    this.runButton = button("snippet-run", "Run", `Run ${this.name}`, () => this.run({}));
    for (const prefetch of ["pointerenter", "focus"]) this.runButton.addEventListener(prefetch, prefetchPython);
    this.stopButton = button("snippet-stop", "Stop", `Stop ${this.name}`, () => isRunning(this) && stopRun());
    this.resetButton = button("snippet-reset", "Reset", `Reset ${this.name} to its original code`, () => this.reset());
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
    this.ensureEditor();
    this.recorded.forEach((element) => (element.hidden = true));
    runSnippet(this);
    if (!keepFocus) this.stopButton.focus({ preventScroll: true });
  }

  // The run ended: Run takes the focus back from Stop (disabled now), so the keyboard stays where it was.
  ended() {
    const focus = document.activeElement;
    if (focus === this.stopButton || focus === document.body || focus === null) this.runButton.focus({ preventScroll: true });
  }

  loadFailed(message) {
    this.recorded.forEach((element) => (element.hidden = false));
    this.setState("failed", `Failed: Python could not be loaded (${message}). Check your connection, then retry.`);
    const retry = button("snippet-retry", RETRY_LABEL, `Retry loading Python and run ${this.name}`, () => this.run({}));
    this.status.before(retry);
    retry.focus();
  }

  async reset() {
    if (isRunning(this)) await stopRun();
    this.editor?.reset();
    this.view.clear();
    this.recorded.forEach((element) => (element.hidden = false));
    this.setState("idle", "");
  }
}
