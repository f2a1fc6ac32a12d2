// live-snippets, the page entry: makes every runnable div.snippet editable and runnable in the browser (Pyodide in
// a Web Worker). The DOM it builds is a contract with the tests: see ../DOM-CONTRACT.md. Evaluated once per
// document; it enhances each new page through Material's document$ (instant navigation).
// Per snippet at load: its controls only (cheap); the editor when the snippet nears the viewport or is used.
import { engine, options, stopRun } from "./engine.js";
import { LiveSnippet } from "./snippet.js";

// The plugin passes the Pyodide base URL on this script's element (module scripts have no currentScript).
const configured = document.querySelector("script[data-pyodide-url]")?.dataset.pyodideUrl;
if (configured) engine.pyodideUrl = new URL(configured, document.baseURI).href;

const nearViewport = new IntersectionObserver(
  (entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      nearViewport.unobserve(entry.target);
      entry.target.snippet?.ensureEditor();
    }
  },
  { rootMargin: "50% 0px" },
);

function enhance() {
  for (const root of document.querySelectorAll("div.snippet:not([data-state])")) {
    root.snippet = new LiveSnippet(root);
    if (root.snippet.runnable) nearViewport.observe(root);
  }
  const run = engine.run;
  if (run && !run.snippet.root.isConnected) stopRun(run); // its page is gone
}

window.liveSnippets = {
  options,
  get worker() {
    return engine.worker;
  },
  get ready() {
    return engine.ready;
  },
  get stackSwitching() {
    return engine.stackSwitching;
  },
  get pyodideUrl() {
    return engine.pyodideUrl;
  },
};

if (window.document$) window.document$.subscribe(enhance);
else enhance();
