// The editor of one snippet: a transparent textarea over the highlighted code, which is redrawn as the reader types.
// The textarea is the code box's scroller (the code under it follows its scrolling), so the copy button and the
// line numbers stay put when long lines scroll sideways. Built on first need (see snippet.js): it costs a
// ResizeObserver and layout reads.
//
// Keys, as code editors do them: Enter keeps the line's indentation (one level more after a colon); Tab and
// Shift+Tab indent and dedent once the reader edits (a click in the code, or a first change); until then Tab moves
// on, so that tabbing through the page is not stopped by every example; Esc then Tab leaves the editor at any time
// (keyboard users are never trapped); Ctrl/Cmd+Enter runs.
//
// Why a textarea and not CodeMirror 6 (measured 2026-12-01): CodeMirror 6.43 with its Python mode, line numbers and
// default keys, bundled and minified, is 363 kB (122 kB gzip) against 6.8 kB gzip for editor.js and highlight.js;
// its Lezer tokens agree with the page's Pygments colours on at most 86 % of the characters of the 131 snippets
// (0 snippets entirely; module names, builtins and docstrings differ), where highlight.js agrees on all of them; a
// native textarea keeps the platform's screen-reader, selection, autocorrect-off and phone keyboard behaviour.
import { highlight } from "./highlight.js";

export const INDENT = "    ";

export class Editor {
  constructor(pre, { label, describedBy, onRun, onChange, code }) {
    this.pre = pre;
    this.codeElement = pre.querySelector("code");
    this.originalHtml = this.codeElement.innerHTML;
    this.original = originalCode(pre);
    this.onChange = onChange;
    const textarea = pre.ownerDocument.createElement("textarea");
    textarea.className = "snippet-editor";
    textarea.value = this.original;
    textarea.spellcheck = false;
    for (const [name, value] of Object.entries({ autocapitalize: "off", autocomplete: "off", autocorrect: "off", wrap: "off" })) {
      textarea.setAttribute(name, value);
    }
    textarea.setAttribute("aria-label", label);
    if (describedBy) textarea.setAttribute("aria-describedby", describedBy);
    textarea.addEventListener("input", () => {
      this.editing = true;
      this.changed();
    });
    textarea.addEventListener("pointerdown", () => (this.editing = true));
    textarea.addEventListener("focus", () => {
      this.editing = false;
      this.matchCodeStyle();
    });
    textarea.addEventListener("scroll", () => this.followScroll());
    textarea.addEventListener("keydown", (event) => this.keydown(event, onRun));
    pre.classList.add("snippet-editable");
    pre.append(textarea);
    this.textarea = textarea;
    this.editing = false; // Tab indents: the reader clicked in the code or changed it; Esc ends it
    if (code !== undefined && code !== this.original) {
      textarea.value = code;
      this.redraw();
    }
    this.matchCodeStyle();
    new ResizeObserver(() => this.matchCodeBox()).observe(this.codeElement);
  }

  get code() {
    return this.textarea.value;
  }

  get edited() {
    return this.textarea.value !== this.original;
  }

  reset() {
    this.textarea.value = this.original;
    this.codeElement.innerHTML = this.originalHtml;
    this.followScroll();
  }

  changed() {
    this.redraw();
    this.onChange?.(this.textarea.value);
  }

  redraw() {
    this.codeElement.innerHTML = this.edited ? highlight(this.textarea.value) : this.originalHtml;
    this.followScroll();
  }

  followScroll() {
    this.codeElement.scrollLeft = this.textarea.scrollLeft;
    this.codeElement.scrollTop = this.textarea.scrollTop;
  }

  keydown(event, onRun) {
    const { key } = event;
    if (key === "Escape") {
      this.editing = false;
      return;
    }
    if (key === "Tab" && !this.editing) return; // the browser moves the focus on
    if (key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onRun();
    } else if (key === "Enter" && !event.shiftKey && !event.altKey && !event.isComposing) {
      event.preventDefault();
      this.newLine();
    } else if (key === "Tab" && !event.ctrlKey && !event.altKey && !event.metaKey) {
      event.preventDefault();
      if (event.shiftKey) this.dedent();
      else this.indent();
    }
  }

  // Typing through the browser's editing commands keeps its undo history (Ctrl+Z undoes an indent).
  insert(text, start = this.textarea.selectionStart, end = this.textarea.selectionEnd) {
    const { textarea } = this;
    textarea.setSelectionRange(start, end);
    const document = textarea.ownerDocument;
    if (!(document.execCommand && document.execCommand("insertText", false, text))) {
      textarea.setRangeText(text, start, end, "end");
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    }
  }

  newLine() {
    const { value, selectionStart } = this.textarea;
    const lineStart = value.lastIndexOf("\n", selectionStart - 1) + 1;
    const before = value.slice(lineStart, selectionStart);
    let indentation = before.match(/^[ \t]*/)[0];
    if (/:\s*(#.*)?$/.test(before)) indentation += INDENT;
    this.insert("\n" + indentation);
  }

  selectedLines() {
    const { value, selectionStart, selectionEnd } = this.textarea;
    const start = value.lastIndexOf("\n", selectionStart - 1) + 1;
    const last = selectionEnd > selectionStart && value[selectionEnd - 1] === "\n" ? selectionEnd - 1 : selectionEnd;
    const endIndex = value.indexOf("\n", last);
    const end = endIndex === -1 ? value.length : endIndex;
    return { start, end, lines: value.slice(start, end).split("\n") };
  }

  indent() {
    const { selectionStart, selectionEnd, value } = this.textarea;
    if (!value.slice(selectionStart, selectionEnd).includes("\n")) {
      const column = selectionStart - (value.lastIndexOf("\n", selectionStart - 1) + 1);
      this.insert(" ".repeat(INDENT.length - (column % INDENT.length)));
      return;
    }
    const { start, end, lines } = this.selectedLines();
    const text = lines.map((line) => (line ? INDENT + line : line)).join("\n");
    this.insert(text, start, end);
    this.textarea.setSelectionRange(start, start + text.length);
  }

  dedent() {
    const { selectionStart, selectionEnd } = this.textarea;
    const { start, end, lines } = this.selectedLines();
    const removed = lines.map((line) => line.match(/^ {0,4}/)[0].length);
    if (!removed.some(Boolean)) return;
    const text = lines.map((line, index) => line.slice(removed[index])).join("\n");
    this.insert(text, start, end);
    if (lines.length === 1) {
      const caret = Math.max(start, selectionStart - removed[0]);
      this.textarea.setSelectionRange(caret, Math.max(caret, selectionEnd - removed[0]));
    } else this.textarea.setSelectionRange(start, start + text.length);
  }

  matchCodeBox() {
    // The editor covers the code's box exactly; the code's own scrolling follows the editor's.
    const { offsetTop, offsetLeft, offsetWidth, offsetHeight } = this.codeElement;
    Object.assign(this.textarea.style, {
      top: `${offsetTop}px`,
      left: `${offsetLeft}px`,
      width: `${offsetWidth}px`,
      height: `${offsetHeight}px`,
    });
    this.followScroll();
  }

  matchCodeStyle() {
    // The caret and selection must sit on the highlighted text: same font and box as the code element (whose left
    // padding holds the line numbers).
    const style = getComputedStyle(this.codeElement);
    for (const property of ["fontFamily", "fontSize", "lineHeight", "letterSpacing", "tabSize", "padding"]) {
      this.textarea.style[property] = style[property];
    }
    const line = this.codeElement.firstElementChild;
    if (line) {
      // The line numbers: a float before each line's text, which starts after it.
      const number = getComputedStyle(line, "::before");
      if (number.cssFloat === "left") {
        const width = ["width", "paddingLeft", "paddingRight", "marginLeft", "marginRight"].reduce((sum, p) => sum + parseFloat(number[p] || 0), 0);
        this.textarea.style.paddingLeft = `${parseFloat(style.paddingLeft) + width}px`;
      }
    }
  }
}

// The snippet's code as the page shows it (the recorded file less its pragma lines), without the last newline.
export function originalCode(pre) {
  return pre.querySelector("code").textContent.replace(/\n$/, "");
}
