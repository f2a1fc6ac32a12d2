// How a line typed in the page reaches input() in the worker, written once for both sides (engine.js and
// input-field.js on the page, worker.js in the worker). Python's input() is synchronous, so the worker blocks on
// Atomics.wait until the page hands it a line in memory shared by both, which browsers give only to cross-origin
// isolated pages; elsewhere there is no buffer, and input() raises EOFError as it does with `< /dev/null`.
// The buffer: an Int32Array header [STATE, LENGTH], then the line's UTF-8 bytes (at most CAPACITY).
// STATE goes IDLE -> WAITING (the worker asks) -> LINE | END | STOPPED (the page answers) -> IDLE (the worker took it).
export const STATE = 0;
export const LENGTH = 1;
export const IDLE = 0;
export const WAITING = 1;
export const LINE = 2; // a line is in the buffer
export const END = 3; // the reader ended the input (Ctrl+D): EOFError
export const STOPPED = 4; // the reader pressed Stop while the program waited: KeyboardInterrupt
export const INTERRUPTED = 5; // (the worker's own answer) a SIGINT arrived while it waited
export const CAPACITY = 1 << 20; // bytes
const HEADER_BYTES = 2 * Int32Array.BYTES_PER_ELEMENT;

export function sharedInputBuffer(isolated = globalThis.crossOriginIsolated) {
  return isolated ? new SharedArrayBuffer(HEADER_BYTES + CAPACITY) : null;
}

function header(buffer) {
  return new Int32Array(buffer, 0, 2);
}

// The worker, at the start of a run: forget what the previous run was asked.
export function resetInput(buffer) {
  Atomics.store(header(buffer), STATE, IDLE);
}

// The worker, before it tells the page that the program waits for a line.
export function expectInput(buffer) {
  Atomics.store(header(buffer), STATE, WAITING);
}

// The page: whether the worker waits for an answer.
export function isWaiting(buffer) {
  return Atomics.load(header(buffer), STATE) === WAITING;
}

// The page: hand the worker a line (without its newline). A line longer than CAPACITY bytes is cut at a character's
// end. Returns false when the worker was not waiting (its run ended meanwhile).
export function sendLine(buffer, text) {
  if (!isWaiting(buffer)) return false;
  const bytes = new TextEncoder().encode(text); // not encodeInto: browsers refuse to encode into shared memory
  let length = Math.min(bytes.length, CAPACITY);
  while (length < bytes.length && (bytes[length] & 0xc0) === 0x80) length -= 1; // not inside a character
  new Uint8Array(buffer, HEADER_BYTES).set(bytes.subarray(0, length));
  Atomics.store(header(buffer), LENGTH, length);
  return answer(buffer, LINE);
}

// The page: the reader ended the input (END) or pressed Stop (STOPPED).
export function answer(buffer, state) {
  const slots = header(buffer);
  if (Atomics.compareExchange(slots, STATE, WAITING, state) !== WAITING) return false;
  Atomics.notify(slots, STATE);
  return true;
}

// The worker: block until the page answers, or until interrupted() (a SIGINT for Python to handle) says true; it
// is asked every sliceMs. Returns {state, text}: text is the line when state is LINE.
export function waitForInput(buffer, { interrupted = () => false, sliceMs = 20 } = {}) {
  const slots = header(buffer);
  for (;;) {
    const state = Atomics.load(slots, STATE);
    if (state !== WAITING) {
      Atomics.store(slots, STATE, IDLE);
      if (state !== LINE) return { state, text: null };
      const bytes = new Uint8Array(buffer, HEADER_BYTES, Atomics.load(slots, LENGTH)).slice(); // TextDecoder refuses shared memory
      return { state, text: new TextDecoder().decode(bytes) };
    }
    if (interrupted()) {
      if (Atomics.compareExchange(slots, STATE, WAITING, IDLE) === WAITING) return { state: INTERRUPTED, text: null };
      continue; // the page answered at the same moment
    }
    Atomics.wait(slots, STATE, WAITING, sliceMs);
  }
}
