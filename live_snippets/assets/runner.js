// live-snippets' runner: makes every runnable div.snippet editable and runnable in the browser (Pyodide in a Web
// Worker). Loaded by the page's start (start.js) once a reader shows up; the DOM it wires and builds is a contract
// with the tests: see ../DOM-CONTRACT.md. Started once per document; it wires each new page through Material's
// document$ (instant navigation). Per snippet: its controls (in the page) wired at once; the editor when the snippet
// nears the viewport or is used.
import { engine, keepProcessesWarm, options, stopRun } from "./engine.js";
import { LiveSnippet } from "./snippet.js";

// script: the start's element (its data: the Pyodide base URL, the service worker's); runsAsked: the snippets whose
// Run was pressed before the runner had loaded.
export async function start(script, runsAsked) {
  if (script.dataset.pyodideUrl) engine.pyodideUrl = new URL(script.dataset.pyodideUrl, document.baseURI).href;
  const wire = () => enhance(runsAsked);
  if (window.document$) window.document$.subscribe(wire);
  else wire();
  // The site's service worker (offline.js): offline use, and cross-origin isolation from the next page on.
  const serviceWorker = script.dataset.serviceWorker;
  if (serviceWorker) {
    const { startOffline } = await import("./offline.js");
    startOffline(new URL(serviceWorker, document.baseURI).href, engine);
  }
}

// One editor a task, when the page is idle: by then the page is laid out, and the editor's own style reads cost
// little. Built sooner, they made the page's whole style and layout, in a task of 10-30 ms on a 2-core machine.
// (Safari has no requestIdleCallback: a timer.)
const whenIdle = window.requestIdleCallback
  ? (task) => requestIdleCallback(task, { timeout: 2000 })
  : (task) => setTimeout(task, 50);
const nearViewport = new IntersectionObserver(
  (entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      nearViewport.unobserve(entry.target);
      whenIdle(() => entry.target.snippet?.ensureEditor());
      // Its processes' Pythons load while the reader reads up to it, not while the page's first snippets run.
      if (startsProcesses(entry.target)) keepProcessesWarm(true);
    }
  },
  { rootMargin: "50% 0px" },
);
const STARTS_PROCESSES = /\bmultiprocessing\b|\bProcessPoolExecutor\b/;
const startsProcesses = (root) => STARTS_PROCESSES.test(root.snippet?.codeBlock.textContent ?? "");

// Wiring the snippets comes in short tasks, so that it never keeps the page busy for long (total blocking time).
const SLICE_MS = 8;

async function enhance(runsAsked) {
  const run = engine.run;
  if (run && !run.snippet.root.isConnected) stopRun(run, "gone"); // its page is gone
  let sliceStart = performance.now();
  keepProcessesWarm(false); // a new page: until one of its snippets that start processes nears the viewport
  for (const root of document.querySelectorAll("div.snippet:not([data-state])")) {
    if (performance.now() - sliceStart > SLICE_MS) {
      await new Promise((resolve) => setTimeout(resolve));
      sliceStart = performance.now();
    }
    if (root.dataset.state !== undefined || !root.isConnected) continue; // wired meanwhile, or its page is gone
    root.snippet = new LiveSnippet(root);
    if (!root.snippet.runnable) continue;
    nearViewport.observe(root);
    if (runsAsked.delete(root)) root.snippet.run({});
  }
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
