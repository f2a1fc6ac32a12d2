/* global self, URL, fetch */
// make bench: a bare loadPyodide() in a module worker, with the same files, server and headers as the runner.
// With snapshotURL: restore the interpreter from a memory snapshot (bench/make_snapshot.mjs) instead of starting it.
// With counting: through the runner's load-progress fetch (fetch-progress.js), to see what it costs a warm start;
// "clone": reading a clone of each response instead, Pyodide getting the response itself.
self.onmessage = async ({ data: { indexURL, snapshotURL, counting } }) => {
  try {
    if (counting === "clone") {
      // Counting a clone's body instead, and giving Pyodide the response itself.
      const realFetch = self.fetch.bind(self);
      self.fetch = async (...args) => {
        const response = await realFetch(...args);
        const reader = response.clone().body?.getReader();
        if (reader) (async () => { while (!(await reader.read()).done); })();
        return response;
      };
    } else if (counting) {
      const { countingFetch } = await import(new URL("../assets/live-snippets/fetch-progress.js", self.location.href).href);
      self.fetch = countingFetch(self.fetch.bind(self), () => {});
    }
    const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
    const snapshot = snapshotURL && fetch(snapshotURL).then((response) => response.arrayBuffer());
    const pyodide = await loadPyodide({ indexURL, ...(snapshot ? { _loadSnapshot: snapshot } : {}) });
    if (snapshot && !pyodide.runPython("import sys; 'asyncio' in sys.modules")) throw new Error("not restored");
    self.postMessage({});
  } catch (error) {
    self.postMessage({ error: String(error) });
  }
};
