// When each step of the worker's start ended, in epoch milliseconds (performance.timeOrigin + now, comparable with
// the page's), sent with the worker's "ready" message for `make bench` (bench/runner_bench.py) to break the start
// down: worker started, Pyodide's module imported, pyodide.asm.wasm fetched, compiled, interpreter started,
// runtime set up.
const now = () => performance.timeOrigin + performance.now();

export const loadTimes = { workerStarted: now() };

export function mark(name) {
  loadTimes[name] = now();
}

// Pyodide compiles and instantiates pyodide.asm.wasm with WebAssembly.instantiateStreaming (while it downloads).
export function markCompiled() {
  const instantiate = WebAssembly.instantiateStreaming;
  if (typeof instantiate !== "function") return;
  WebAssembly.instantiateStreaming = async function (...args) {
    WebAssembly.instantiateStreaming = instantiate;
    const result = await instantiate.apply(this, args);
    mark("compiled");
    return result;
  };
}

// When the response of a file ended, from the worker's resource timing (null: not fetched by this worker).
export function markFetched(name, fileName) {
  const entry = performance.getEntriesByType("resource").find((e) => e.name.split("?")[0].endsWith(`/${fileName}`));
  loadTimes[name] = entry ? performance.timeOrigin + entry.responseEnd : null;
}
