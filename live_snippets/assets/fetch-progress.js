// Load progress for the first Run: a fetch that counts the bytes of each response's body as they arrive (the
// worker uses it while Pyodide loads, see worker.js). Totals come from Content-Length where the body is sent as is;
// a compressed body's length is not that of what arrives, so its total is unknown (null).
const REPORT_MS = 100;

export function countingFetch(fetch, report, { now = () => performance.now() } = {}) {
  const files = new Map(); // url -> {loaded, total}
  let last = -Infinity;
  const send = (force) => {
    if (!force && now() - last < REPORT_MS) return;
    last = now();
    let loaded = 0;
    let total = 0;
    for (const file of files.values()) {
      loaded += file.loaded;
      total = total === null || file.total === null ? null : total + file.total;
    }
    report({ loaded, total, files: files.size });
  };
  return async function (input, init) {
    const response = await fetch(input, init);
    if (!response.ok || !response.body) return response;
    const url = response.url || String(input);
    const length = Number(response.headers.get("content-length"));
    const encoded = (response.headers.get("content-encoding") || "identity") !== "identity";
    const file = { loaded: 0, total: length && !encoded ? length : null };
    files.set(url, file);
    send(true);
    // Count a clone's bytes and hand on the response itself: a response made here would cost a warm start
    // Chromium's cache of compiled WebAssembly, which is kept for the fetched response only (measured with make
    // bench: a new tab's first line 3.3-4.0 s through a made response, 2.1-3.3 s with a counted clone).
    const reader = response.clone().body.getReader();
    (async () => {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        file.loaded += chunk.value.byteLength;
        send(false);
      }
      if (file.total === null) file.total = file.loaded;
      send(true);
    })().catch(() => {}); // a failed body fails the response's own reader too, which reports it
    return response;
  };
}

export function megabytes(bytes) {
  return (bytes / 1e6).toFixed(1);
}
