// The field where the reader types what a program's input() reads: shown at the end of the output panel while the
// program waits (cross-origin isolated pages only: input-channel.js). Enter sends the line, Ctrl+D ends the input
// (EOFError, as at a terminal), Stop while it waits raises KeyboardInterrupt in the program (as Ctrl+C does).
import { answer, END, sendLine, STOPPED } from "./input-channel.js";
import { claim } from "./stop-claim.js";

const MAX_LENGTH = 100_000; // characters: within the shared buffer's capacity even at 4 bytes each
const STYLES = `
.snippet-input { display: flex; flex-wrap: wrap; align-items: center; gap: 0.25em 0.5em; margin: 0.2em 0; }
.snippet-input label { font-weight: 700; }
.snippet-input input { flex: 1 1 12em; min-width: 0; font: inherit; color: inherit; background: transparent;
  border: 1px solid currentColor; border-radius: 0.2em; padding: 0.1em 0.3em; }
.snippet-input-hint { flex-basis: 100%; font-size: 0.85em; }
.snippet-stdin-part, .snippet-line.snippet-stdin { font-weight: 700; }
`;
let styled = false;
const fields = new WeakMap(); // run -> {row, buffer}
let ids = 0;

function addStyles(document) {
  if (styled) return;
  styled = true;
  // Adopted, not a <style> in the head: Material's instant navigation drops head elements the next page lacks.
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(STYLES);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}

// The worker asked for a line for this run ({prompt}); buffer: the shared input buffer.
export function askForInput(run, { prompt }, buffer) {
  if (!buffer) return;
  // After the frame in which the output view draws the prompt (it draws once per animation frame).
  requestAnimationFrame(() => {
    if (run.ended || fields.has(run)) return;
    const panel = run.view.panel;
    const document = panel.ownerDocument;
    addStyles(document);
    const id = `snippet-input-${++ids}`;
    const row = document.createElement("div");
    row.className = "snippet-input";
    const label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = "Input";
    const field = document.createElement("input");
    Object.assign(field, { id, type: "text", autocomplete: "off", spellcheck: false, maxLength: MAX_LENGTH });
    field.className = "snippet-input-field";
    field.setAttribute("autocapitalize", "off");
    field.setAttribute("enterkeyhint", "send");
    const asked = String(prompt || "").trim();
    field.setAttribute("aria-label", `Input for ${run.snippet.name}` + (asked ? `: ${asked}` : ""));
    const hint = document.createElement("span");
    hint.className = "snippet-input-hint";
    hint.id = `${id}-hint`;
    hint.textContent = "The program waits for a line: Enter sends it, Ctrl+D ends the input, Stop interrupts.";
    field.setAttribute("aria-describedby", hint.id);
    field.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.isComposing) {
        event.preventDefault();
        if (sendLine(buffer, field.value)) close(run, { focusStop: true });
      } else if (event.key === "d" && event.ctrlKey && !event.altKey && !event.metaKey) {
        event.preventDefault();
        if (answer(buffer, END)) close(run, { focusStop: true });
      }
    });
    row.append(label, field, hint);
    panel.append(row);
    fields.set(run, { row, buffer });
    field.focus({ preventScroll: true });
    row.scrollIntoView?.({ block: "nearest" });
  });
}

// Stop pressed while the program waits for a line: deliver Stop request `request` here (claimed once, see
// stop-claim.js) as KeyboardInterrupt. Returns true if it was delivered so.
export function stopInput(run, stopBuffer, request) {
  const open = fields.get(run);
  if (!open || (stopBuffer && !claim(stopBuffer, request))) return false;
  const delivered = answer(open.buffer, STOPPED);
  close(run, { focusStop: false });
  return delivered;
}

// The run ended (or the line was sent): remove the field, keeping the keyboard in the snippet.
export function closeInput(run) {
  run.ended = true;
  close(run, { focusStop: false });
}

function close(run, { focusStop }) {
  const open = fields.get(run);
  if (!open) return;
  fields.delete(run);
  const hadFocus = open.row.contains(open.row.ownerDocument.activeElement);
  open.row.remove();
  if (hadFocus && focusStop && run.snippet.stopButton) run.snippet.stopButton.focus({ preventScroll: true });
}
