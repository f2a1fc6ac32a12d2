// The site's service worker (installed by offline.js, served from the site's root so that its scope is the whole
// site). It keeps the site working offline and makes its pages cross-origin isolated, which GitHub Pages cannot:
// - every response it serves carries Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy:
//   require-corp, so a page it serves is cross-origin isolated (shared memory: Stop by signal, input());
// - the site's pages and files: from the network, kept in a cache as they are fetched, and from that cache when the
//   network fails or has not answered within NETWORK_WAIT_MS (so a page is never older than the network's while the
//   network answers in time, and never mixed with another build's runner: the cache is named after the build's
//   version, and a new build's worker deletes the old caches);
// - Pyodide's files: from their own cache first (named after Pyodide's version: they change only with it), kept
//   there when Python is first loaded, never before;
// - requests to other origins, and anything but GET, pass untouched.
// The build writes the line `self.liveSnippetsBuild = {...}` before this file (live_snippets/service_worker.py):
// {version, pyodideVersion, python: [paths of Pyodide's files], runner: [paths of the runner's files]}, paths
// relative to the site's root.
const BUILD = self.liveSnippetsBuild;
const PREFIX = "live-snippets-";
const SITE_CACHE = `${PREFIX}site-${BUILD.version}`;
const PYTHON_CACHE = `${PREFIX}python-${BUILD.pyodideVersion}`;
const ROOT = new URL("./", self.location.href).href;
const PYTHON = new Set(BUILD.python.map((path) => new URL(path, ROOT).href));
const RUNNER = BUILD.runner.map((path) => new URL(path, ROOT).href);
const NETWORK_WAIT_MS = 3000;
const ISOLATION = { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp" };

self.addEventListener("install", (event) => {
  event.waitUntil(self.skipWaiting()); // nothing is fetched ahead: pages are kept as they are visited
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== SITE_CACHE && name !== PYTHON_CACHE) await caches.delete(name);
      }
      await self.clients.claim(); // the open pages' next requests come here (no reload: they are not isolated yet)
    })(),
  );
});

function ours(url) {
  return url.startsWith(ROOT) && url !== self.location.href;
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || !ours(request.url) || request.headers.has("range")) return;
  event.respondWith(PYTHON.has(request.url) ? cacheFirst(event, PYTHON_CACHE) : networkFirst(event));
});

function keepable(response) {
  return response.status === 200 && response.type === "basic";
}

// The response with the headers that make a page cross-origin isolated (a redirect passes as it is).
function isolated(response) {
  if (response.status === 0 || response.type === "opaqueredirect") return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

// From the network, kept as it comes; from the cache when the network fails, or has not answered within
// NETWORK_WAIT_MS where a copy is kept (a slow network: the copy shows; the answer is kept for next time).
async function networkFirst(event) {
  const { request } = event;
  let keeping = Promise.resolve();
  const network = fetch(request).then((response) => {
    if (keepable(response)) {
      const copy = response.clone();
      keeping = caches.open(SITE_CACHE).then((cache) => cache.put(request, copy));
    }
    return response;
  });
  event.waitUntil(network.then(() => keeping).catch(() => {}));
  const kept = caches.match(request, { cacheName: SITE_CACHE });
  const late = (response) => new Promise((resolve) => setTimeout(resolve, NETWORK_WAIT_MS, response));
  const slow = kept.then((response) => response && late(response));
  try {
    return isolated(await Promise.race([network, slow.then((response) => response || network)]));
  } catch (error) {
    const response = await kept;
    if (response) return isolated(response);
    if (request.mode === "navigate") return notKept(request.url);
    throw error;
  }
}

async function cacheFirst(event, cacheName) {
  const { request } = event;
  const cache = await caches.open(cacheName);
  const kept = await cache.match(request);
  if (kept) return isolated(kept);
  const response = await fetch(request);
  if (keepable(response)) {
    const copy = response.clone();
    event.waitUntil(cache.put(request, copy));
  }
  return isolated(response);
}

// Offline, a page this browser has not kept.
function notKept(url) {
  const home = new URL("./", self.registration.scope).href;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark">
<title>Offline</title></head><body style="font-family: system-ui, sans-serif; max-width: 40em; margin: 2em auto; padding: 0 1em">
<h1>You are offline</h1><p>This page (<code>${escapeHtml(new URL(url).pathname)}</code>) was not kept in this
browser: only the pages you have visited are available offline.</p><p><a href="${escapeHtml(home)}">Home</a></p>
</body></html>`;
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8", ...ISOLATION } });
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// Messages from the pages (offline.js), each with a port for the answer:
//   {type: "keep", urls}  keep these files of the page the reader sees (fetched before this worker took over);
//   {type: "keep-python"} Python was loaded: keep Pyodide's and the runner's files;
//   {type: "status", url} answer only.
// The answer: {version, page: the page is kept, python: Python is kept}.
self.addEventListener("message", (event) => {
  const { data } = event;
  const port = event.ports[0];
  const work = (async () => {
    if (data.type === "keep") await keepAll(data.urls.filter(ours));
    else if (data.type === "keep-python") await keepAll([...PYTHON, ...RUNNER]);
    port?.postMessage(await status(data.url));
  })();
  event.waitUntil(work.catch(() => port?.postMessage({ version: BUILD.version, page: false, python: false })));
});

async function keepAll(urls) {
  const [site, python] = await Promise.all([caches.open(SITE_CACHE), caches.open(PYTHON_CACHE)]);
  await Promise.all(
    [...new Set(urls)].map(async (url) => {
      const cache = PYTHON.has(url) ? python : site;
      if (await cache.match(url)) return;
      try {
        const response = await fetch(url); // mostly from the browser's HTTP cache: the page fetched it already
        if (keepable(response)) await cache.put(url, response);
      } catch {
        // offline again, or gone: kept the next time it is fetched
      }
    }),
  );
}

async function status(url) {
  const [site, python] = await Promise.all([caches.open(SITE_CACHE), caches.open(PYTHON_CACHE)]);
  const page = Boolean(url && (await site.match(url)));
  const kept = await Promise.all([...PYTHON].map((u) => python.match(u)).concat(RUNNER.map((u) => site.match(u))));
  return { version: BUILD.version, page, python: PYTHON.size > 0 && kept.every(Boolean) };
}
