// The editor of one snippet: a transparent textarea over the highlighted code, which is redrawn as the reader types.
// Built on first need (see snippet.js): it costs a ResizeObserver and layout reads.
import { highlight } from "./highlight.js";

export class Editor {
  constructor(pre, { label, onRun }) {
    this.pre = pre;
    this.codeElement = pre.querySelector("code");
    this.originalHtml = this.codeElement.innerHTML;
    const textarea = pre.ownerDocument.createElement("textarea");
    textarea.className = "snippet-editor";
    this.original = originalCode(pre);
    textarea.value = this.original;
    textarea.spellcheck = false;
    for (const [name, value] of Object.entries({ autocapitalize: "off", autocomplete: "off", autocorrect: "off", wrap: "off" })) {
      textarea.setAttribute(name, value);
    }
    textarea.setAttribute("aria-label", label);
    textarea.addEventListener("input", () => (this.codeElement.innerHTML = highlight(textarea.value)));
    textarea.addEventListener("focus", () => this.matchCodeStyle());
    textarea.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        onRun();
      }
    });
    pre.classList.add("snippet-editable");
    pre.append(textarea);
    this.textarea = textarea;
    new ResizeObserver(() => this.matchCodeBox()).observe(this.codeElement);
  }

  get code() {
    return this.textarea.value;
  }

  reset() {
    this.textarea.value = this.original;
    this.codeElement.innerHTML = this.originalHtml;
  }

  matchCodeBox() {
    // The code is as wide as its longest line and the pre scrolls: the editor covers the code exactly.
    const { offsetTop, offsetLeft, offsetWidth, offsetHeight } = this.codeElement;
    Object.assign(this.textarea.style, {
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
      this.textarea.style[property] = style[property];
    }
  }
}

// The snippet's code as the page shows it (the recorded file), without the code element's last newline.
export function originalCode(pre) {
  return pre.querySelector("code").textContent.replace(/\n$/, "");
}
