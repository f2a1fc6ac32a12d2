// The runner's start: a classic script that the extension inlines at the end of a page with a runnable snippet, so
// that the page makes no request for it while it loads. A reader who only reads needs the page and nothing more: the
// runner (runner.js, its modules, the site's service worker) loads once the page has loaded and a reader shows up (a
// pointer moving or pressed, a key, a touch, a scroll), and at once when an edit from before a reload waits to be
// shown. A Run pressed before the runner has loaded runs once it has.
(() => {
  if (window.liveSnippetsStarted) return; // instant navigation runs a new page's scripts again: the runner is there
  window.liveSnippetsStarted = true;
  const script = document.currentScript;
  const runsAsked = new Set();
  document.addEventListener(
    "click",
    (event) => {
      const root = event.target.closest?.(".snippet-run")?.closest("div.snippet");
      if (!root || root.snippet) return;
      runsAsked.add(root);
      root.querySelector(".snippet-status").textContent = "Starting…";
    },
    true,
  );
  const signs = ["pointermove", "pointerdown", "keydown", "touchstart", "wheel", "scroll", "focusin", "click"];
  const load = () => {
    import(new URL(script.dataset.runner, document.baseURI).href).then((runner) => runner.start(script, runsAsked));
  };
  const wake = () => {
    for (const type of signs) removeEventListener(type, wake, true);
    if (document.readyState === "complete") load();
    else addEventListener("load", load, { once: true });
  };
  let editWaiting = false; // the prefix is stored-edits.js's
  try {
    editWaiting = Object.keys(sessionStorage).some((key) => key.startsWith("live-snippets:code:"));
  } catch {
    // storage refused: no edit to show
  }
  if (editWaiting) wake();
  else for (const type of signs) addEventListener(type, wake, { capture: true, passive: true });
})();
