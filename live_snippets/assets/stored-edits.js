// The reader's edits, kept for the tab's session (session storage) under the snippet's path, so that a reload or
// instant navigation back shows them again; Reset forgets one.
const PREFIX = "live-snippets:code:"; // start.js looks for it too, to wake the runner at once

function storage() {
  try {
    return window.sessionStorage; // may be refused (blocked storage): then edits last as long as the page
  } catch {
    return null;
  }
}

export function storedEdit(path) {
  try {
    return storage()?.getItem(PREFIX + path) ?? null;
  } catch {
    return null;
  }
}

export function storeEdit(path, code) {
  try {
    if (code === null) storage()?.removeItem(PREFIX + path);
    else storage()?.setItem(PREFIX + path, code);
  } catch {
    // storage full or refused: the edit stays on the page only
  }
}
