// make bench: a Pyodide memory snapshot made under Node (node bench/make_snapshot.mjs PYODIDE_DIR OUT), to measure
// how much a restored interpreter saves over starting one (issue 13's snapshot lever). Imports what a snippet's
// first run needs, as the runtime's set-up does.
/* global process */
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [pyodideDir, out] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(`${pyodideDir}/pyodide.mjs`).href);
const pyodide = await loadPyodide({ indexURL: `${pyodideDir}/`, _makeSnapshot: true });
pyodide.runPython("import asyncio, selectors, logging, traceback, tracemalloc, json, linecache, warnings, codecs");
writeFileSync(out, pyodide.makeMemorySnapshot());
