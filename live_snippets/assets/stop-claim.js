// The Stop claim protocol, written once for the page (engine.js) and the worker (worker.js). It needs memory shared
// by both, which browsers give only to cross-origin isolated pages; elsewhere Stop is a message, delivered once.
// Slots of the Int32Array:
//   SIGNAL   Pyodide's interrupt buffer: the page writes SIGINT there for Python code that cannot read a message;
//   CLAIMED  the last Stop request delivered: the worker (by message) or the page (by signal) claims each request
//            with a compare-and-swap from request - 1 to request, so exactly one of them delivers it;
//   WAKE     a counter a blocking sleep in the worker waits on: the page bumps it to wake the sleeper at once.
export const SIGNAL = 0;
export const CLAIMED = 1;
export const WAKE = 2;
export const SIGINT = 2;

export function sharedStopBuffer(isolated = globalThis.crossOriginIsolated) {
  return isolated ? new Int32Array(new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT)) : null;
}

// True for whoever delivers Stop request number `request` (1, 2, ... within a run); false if the other side did.
export function claim(shared, request) {
  return Atomics.compareExchange(shared, CLAIMED, request - 1, request) === request - 1;
}

// The page: raise SIGINT in busy Python code, and wake a blocking sleep so that Python sees it.
export function signal(shared) {
  Atomics.store(shared, SIGNAL, SIGINT);
  Atomics.add(shared, WAKE, 1);
  Atomics.notify(shared, WAKE);
}

// The worker, at the start of a run: forget the previous run's requests.
export function resetStops(shared) {
  Atomics.store(shared, SIGNAL, 0);
  Atomics.store(shared, CLAIMED, 0);
}

// The worker: block for up to `ms` milliseconds (negative: until woken); returns early when the page signals.
// A pending SIGINT returns at once: Python handles it when it runs its next bytecode.
export function blockingSleep(shared, ms) {
  if (Atomics.load(shared, SIGNAL)) return;
  Atomics.wait(shared, WAKE, Atomics.load(shared, WAKE), ms < 0 ? Infinity : ms);
}
