// live-snippets, the page entry: makes every runnable div.snippet editable and runnable in the browser (Pyodide in
// a Web Worker). The DOM it builds is a contract with the tests: see ../DOM-CONTRACT.md. Evaluated once per
// document; it enhances each new page through Material's document$ (instant navigation).
// Per snippet at load: its controls only (cheap); the editor when the snippet nears the viewport or is used.

// Nothing else of the runner is fetched before the page has loaded: requests and script work started earlier
// would hold up the page's first paint. Then its styles and modules load together, and the snippets are enhanced
// once the styles are there, so no control is ever shown unstyled.
if (document.readyState !== "complete") await new Promise((resolve) => addEventListener("load", resolve, { once: true }));
const styles = Object.assign(document.createElement("link"), {
  rel: "stylesheet",
  href: new URL("live-snippets.css", import.meta.url).href,
});
const stylesLoaded = new Promise((resolve) => (styles.onload = styles.onerror = resolve));
document.head.append(styles);
const [{ engine, options, stopRun }, { LiveSnippet }] = await Promise.all([
  import("./engine.js"),
  import("./snippet.js"),
  stylesLoaded,
]);

// The plugin passes the Pyodide base URL on this script's element (module scripts have no currentScript).
const configured = document.querySelector("script[data-pyodide-url]")?.dataset.pyodideUrl;
if (configured) engine.pyodideUrl = new URL(configured, document.baseURI).href;

// One editor a task, when the page is idle: by then the browser has styled and laid out what the enhancement added,
// and the editor's own style reads cost little. Built sooner, they made the page's whole style and layout, in a task
// of 10-30 ms on a 2-core machine. (Safari has no requestIdleCallback: a timer.)
const whenIdle = window.requestIdleCallback
  ? (task) => requestIdleCallback(task, { timeout: 2000 })
  : (task) => setTimeout(task, 50);
const nearViewport = new IntersectionObserver(
  (entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      nearViewport.unobserve(entry.target);
      whenIdle(() => entry.target.snippet?.ensureEditor());
    }
  },
  { rootMargin: "50% 0px" },
);

// The work at load comes in short tasks, so that it never keeps the page busy for long (total blocking time), and
// each slice's controls are styled and laid out in a frame of their own, not in one with the next slice's or with the
// new stylesheet's restyle of the whole page (together, 36 ms on a 2-core machine). A hidden tab draws no frames:
// then a timer.
const SLICE_MS = 5;
const afterNextFrame = () =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    requestAnimationFrame(() => setTimeout(() => resolve(clearTimeout(timer))));
  });

async function enhance() {
  const run = engine.run;
  if (run && !run.snippet.root.isConnected) stopRun(run, "gone"); // its page is gone
  await afterNextFrame();
  let sliceStart = performance.now();
  for (const root of document.querySelectorAll("div.snippet:not([data-state])")) {
    if (performance.now() - sliceStart > SLICE_MS) {
      await afterNextFrame();
      sliceStart = performance.now();
    }
    if (root.dataset.state !== undefined || !root.isConnected) continue; // enhanced meanwhile, or its page is gone
    root.snippet = new LiveSnippet(root);
    if (root.snippet.runnable) nearViewport.observe(root);
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

if (window.document$) window.document$.subscribe(enhance);
else enhance();

// The site's service worker (offline.js): offline use, and cross-origin isolation from the next page on.
const serviceWorker = document.querySelector("script[data-service-worker]")?.dataset.serviceWorker;
if (serviceWorker) {
  import("./offline.js").then(({ startOffline }) => startOffline(new URL(serviceWorker, document.baseURI).href, engine));
}
