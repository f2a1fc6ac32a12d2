// The page's side of the site's service worker (service-worker/service-worker.js, served from the site's root):
// installs it once the page has loaded, has it keep the files this page fetched before it took over, shows the
// reader what is available offline, and lets the next page load cross-origin isolated.
// Never a reload: the page the reader is on stays as it is. The worker answers this page's requests from the moment
// it takes over, but a page is cross-origin isolated only if its own document came through the worker: so the next
// link the reader follows loads as a full page (not by Material's instant navigation), unless Python is already
// loaded in this page, which instant navigation keeps.
// Where the browser has no service workers (or refuses one), nothing of this happens and the site works as before.
const STATUS_CLASS = "live-snippets-offline";

export async function startOffline(workerUrl, engine) {
  const container = navigator.serviceWorker;
  if (!container || !window.isSecureContext) return;
  let registration;
  try {
    registration = await container.register(workerUrl, { scope: new URL("./", workerUrl).href });
  } catch {
    return; // refused (private browsing in some browsers, a blocked origin): the site works as before
  }
  if (!registration) return; // some test drivers stub register() when they block service workers
  const scope = registration.scope;
  fullNavigationUntilIsolated(scope, engine);
  await controlled(container);
  const state = { page: false, python: false };
  const show = (answer) => {
    if (answer) Object.assign(state, answer);
    showStatus(state);
  };
  show(await ask(container, { type: "keep", urls: pageFiles(), url: pageUrl() }));
  // Python loaded before the worker took over fetched its files past it: keep them now. Later loads go through it.
  engine.ready.then(async () => show(await ask(container, { type: "keep-python", url: pageUrl() })), () => {});
  window.document$?.subscribe(async () => show(await ask(container, { type: "keep", urls: pageFiles(), url: pageUrl() })));
}

function controlled(container) {
  if (container.controller) return Promise.resolve();
  return new Promise((resolve) => container.addEventListener("controllerchange", resolve, { once: true }));
}

function pageUrl() {
  return location.href.split("#")[0];
}

// The files this page has fetched (its document, styles, scripts, images, Material's sitemap and search index),
// for the worker to keep: it keeps only its own site's.
function pageFiles() {
  const urls = new Set([pageUrl()]);
  for (const entry of performance.getEntriesByType("resource")) urls.add(entry.name.split("#")[0]);
  for (const element of document.querySelectorAll("link[rel~=stylesheet][href], link[rel~=icon][href], script[src]")) {
    urls.add(element.href || element.src);
  }
  const config = document.getElementById("__config"); // Material's: the site's root and its search worker
  if (config) {
    try {
      const { base, search } = JSON.parse(config.textContent);
      const root = new URL(base ?? ".", location.href);
      for (const path of ["sitemap.xml", "search/search_index.json"]) urls.add(new URL(path, root).href);
      if (search) urls.add(new URL(search, root).href);
    } catch {
      // another theme's configuration: the worker keeps what it is sent
    }
  }
  return [...urls].filter((url) => url.startsWith(location.origin + "/"));
}

function ask(container, message) {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = ({ data }) => resolve(data);
    container.controller ? container.controller.postMessage(message, [channel.port2]) : resolve(null);
  });
}

// While this page is not cross-origin isolated and Python is not loaded in it, links to the site's other pages load
// as full pages, through the worker (Material's instant navigation leaves alone a link that has a target).
function fullNavigationUntilIsolated(scope, engine) {
  if (window.crossOriginIsolated) return;
  document.addEventListener(
    "click",
    (event) => {
      if (window.crossOriginIsolated || !navigator.serviceWorker.controller || engine.worker) return;
      const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
      if (!link || link.target || link.hasAttribute("download")) return;
      const url = new URL(link.href, location.href);
      if (!url.href.startsWith(scope)) return;
      if (url.pathname === location.pathname && url.search === location.search) return; // an anchor on this page
      link.target = "_self";
    },
    true,
  );
}

// In the footer: what this browser keeps for offline use (re-added after each instant navigation).
function showStatus({ page, python }) {
  if (!page) return;
  const text = python
    ? "Available offline in this browser: the pages you have visited, and Python."
    : "Available offline in this browser: the pages you have visited (Python too, once you have run an example).";
  let status = document.querySelector(`.${STATUS_CLASS}`);
  if (!status) {
    const place = document.querySelector(".md-footer-meta__inner .md-copyright") ?? document.querySelector("footer");
    if (!place) return;
    status = document.createElement("div");
    status.className = STATUS_CLASS;
    place.append(status);
  }
  if (status.textContent !== text) status.textContent = text;
}
