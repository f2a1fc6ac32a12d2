// A tiny DOM, just what output-view.js uses: elements with children, className, hidden, textContent, and the
// scroll sizes it reads. Enough to test the output view without a browser.
class Node {
  constructor(document) {
    this.ownerDocument = document;
    this.childNodes = [];
    this.parentNode = null;
  }

  append(...nodes) {
    for (const node of nodes) {
      const items = node instanceof Fragment ? node.childNodes.splice(0) : [typeof node === "string" ? new Text(this.ownerDocument, node) : node];
      for (const item of items) {
        item.parentNode?.childNodes.splice(item.parentNode.childNodes.indexOf(item), 1);
        item.parentNode = this;
        this.childNodes.push(item);
      }
    }
  }

  replaceChildren(...nodes) {
    this.childNodes.splice(0).forEach((child) => (child.parentNode = null));
    this.append(...nodes);
  }

  get textContent() {
    return this.childNodes.map((child) => child.textContent).join("");
  }

  set textContent(text) {
    this.replaceChildren(...(text ? [String(text)] : []));
  }

  set innerHTML(html) {
    throw new Error(`HTML inserted: ${html}`); // output must be inserted as text
  }

  get children() {
    return this.childNodes.filter((child) => child instanceof Element);
  }
}

class Text extends Node {
  constructor(document, data) {
    super(document);
    this.data = data;
  }

  get textContent() {
    return this.data;
  }
}

class Fragment extends Node {}

export class Element extends Node {
  constructor(document, tagName) {
    super(document);
    this.tagName = tagName.toUpperCase();
    this.className = "";
    this.hidden = false;
    this.scrollTop = 0;
    this.clientHeight = 100;
  }

  get scrollHeight() {
    return this.children.length * 20; // 20 px a line
  }

  get classList() {
    const names = this.className.split(/\s+/).filter(Boolean);
    return { contains: (name) => names.includes(name) };
  }

  querySelectorAll(selector) {
    const name = selector.replace(/^\./, "");
    const found = [];
    const visit = (node) => {
      for (const child of node.children) {
        if (child.classList.contains(name)) found.push(child);
        visit(child);
      }
    };
    visit(this);
    return found;
  }
}

export class Document {
  createElement(tagName) {
    return new Element(this, tagName);
  }

  createDocumentFragment() {
    return new Fragment(this);
  }
}

// A panel, and frames run when the test says so.
export function panelWithFrames() {
  const panel = new Document().createElement("div");
  const frames = [];
  const options = { frame: (callback) => frames.push(callback), cancelFrame: () => frames.splice(0) };
  return { panel, options, runFrames: () => frames.splice(0).forEach((callback) => callback()) };
}

// What the panel shows, one entry a line: [kind, time, text].
export function shown(panel) {
  return panel.children.map((line) => {
    const kind = ["snippet-stdout", "snippet-stderr", "snippet-note"].find((name) => line.classList.contains(name));
    const time = line.querySelectorAll(".snippet-time")[0]?.textContent ?? null;
    return [kind, time, line.querySelectorAll(".snippet-text")[0].textContent];
  });
}
