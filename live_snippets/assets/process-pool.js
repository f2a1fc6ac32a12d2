// The child processes of a run (processes.py): each is another worker (worker.js, with a Pyodide of its own), so it
// computes in parallel with its parent. Loading one takes as long as loading Python, so `warm` of them are loaded
// ahead and wait unused. A child runs one Process at a time; once it has ended, its Python is as it was before (the
// runtime's snapshot, as between two runs of the page's worker) and it waits for the next. Kept: `warm` of them, and
// at least KEPT_AFTER_USE once a run has started a process (a reader who did once is likely to again).
// Messages to a child:  load (as the page's), child {pid, ppid, program, payload}, message {payload} (null: end)
//                       queue-answer {request, item} (what its queue request asked for)
// Messages from one:    ready, output {lines} (worker-output.js), message {payload}, done {exitStatus}, crash,
//                       queue {op: put | get | cancel | size | unget, id, item, request} (process-queues.js)
import { Queues } from "./process-queues.js";

const FIRST_PID = 100; // Pyodide's own process is 42
const KEPT_AFTER_USE = 2; // children that ended cleanly are kept for the next processes, at least this many

export class ProcessPool {
  // load: the load message for a new child; onOutput(stream, text): a child printed;
  // onMessage(): a message or an exit was queued for takeMessages().
  constructor({ load, onOutput, onMessage }) {
    this.load = load;
    this.onOutput = onOutput;
    this.onMessage = onMessage;
    this.warm = 0;
    this.idle = []; // loaded or loading children, unused: {worker, ready}
    this.children = new Map(); // pid: {worker} of this run's children still running
    this.queued = []; // [pid, "message" | "exit", payload or exit status]
    this.nextPid = FIRST_PID;
    this.used = false; // a run has started a process
    this.queues = new Queues(() => this.onMessage());
  }

  kept() {
    return Math.max(this.warm, this.used ? KEPT_AFTER_USE : 0);
  }

  keepWarm(count) {
    this.warm = count;
    while (this.idle.length > this.kept()) this.idle.pop().worker.terminate();
    this.fill();
  }

  // Load children until kept() wait unused, one at a time: two Pythons loading at once slow the page's own runs more.
  fill() {
    if (this.idle.length >= this.kept() || this.idle.some((child) => !child.loaded)) return;
    const child = this.newChild();
    this.idle.push(child);
    child.ready.then((loaded) => loaded && this.fill());
  }

  // worker: a child that has ended cleanly, to use again (else a new one loads).
  newChild(worker = null) {
    const loaded = worker !== null;
    worker ??= new Worker(new URL("worker.js", import.meta.url), { type: "module", name: "live-snippets-process" });
    const child = { worker, pid: null, ended: false, loaded, asked: new Map() }; // asked: request: its get's answer
    child.ready = new Promise((resolve) => {
      if (loaded) resolve(true);
      worker.onmessage = ({ data }) => {
        if (data.type !== "ready") return this.fromChild(child, data);
        child.loaded = true;
        resolve(true);
      };
      worker.onerror = (event) => {
        event.preventDefault();
        resolve(false);
        this.exited(child, 1);
      };
    });
    if (!loaded) worker.postMessage(this.load);
    return child;
  }

  // program: what the parent runs {code, filename, folder, env, options}; payload: its Popen's pickled bytes.
  start(program, payload) {
    this.used = true;
    const child = this.idle.shift() || this.newChild();
    child.pid = this.nextPid++;
    this.children.set(child.pid, child);
    const ppid = 42;
    child.ready.then((loaded) => {
      if (loaded && !child.ended) child.worker.postMessage({ type: "child", pid: child.pid, ppid, program, payload });
    });
    return child.pid;
  }

  send(pid, payload) {
    const child = this.children.get(pid);
    if (child) child.ready.then(() => child.worker.postMessage({ type: "message", payload }));
  }

  // signal: the number a killed process's exit status is the negative of (SIGTERM 15, SIGKILL 9, SIGINT 2).
  stop(pid, signal) {
    const child = this.children.get(pid);
    if (child) this.exited(child, -signal);
  }

  stopAll(signal) {
    for (const child of [...this.children.values()]) this.exited(child, -signal);
  }

  takeMessages() {
    return this.queued.splice(0);
  }

  fromChild(child, data) {
    if (child.ended) return;
    if (data.type === "output") {
      for (const [stream, text, ended] of data.lines) this.onOutput(stream, ended ? text + "\n" : text);
    } else if (data.type === "message") {
      this.queue([child.pid, "message", data.payload]);
    } else if (data.type === "queue") {
      this.queueRequest(child, data);
    } else if (data.type === "done") {
      this.exited(child, data.exitStatus, true);
    } else if (data.type === "crash" || data.type === "load-error") {
      this.onOutput("stderr", `the process ${child.pid} crashed: ${data.message}\n`);
      this.exited(child, 1);
    }
  }

  queueRequest(child, { op, id, item, request }) {
    const answer = (value) => {
      child.asked.delete(request);
      child.worker.postMessage({ type: "queue-answer", request, item: value });
    };
    if (op === "put") this.queues.put(id, item);
    else if (op === "unget") this.queues.unget(id, item);
    else if (op === "size") answer(this.queues.size(id));
    else if (op === "get") {
      child.asked.set(request, answer);
      this.queues.get(id, answer);
    } else if (op === "cancel" && child.asked.has(request)) {
      this.queues.cancel(child.asked.get(request));
      child.asked.delete(request);
    }
  }

  // reusable: the child ended as a process does, its Python ready for another.
  exited(child, status, reusable = false) {
    if (child.ended) return;
    child.ended = true;
    for (const answer of child.asked.values()) this.queues.cancel(answer);
    this.idle = this.idle.filter((other) => other !== child);
    if (reusable && this.idle.length < this.kept()) this.idle.push(this.newChild(child.worker));
    else child.worker.terminate();
    if (child.pid === null) return;
    this.children.delete(child.pid);
    this.queue([child.pid, "exit", status]);
  }

  queue(message) {
    this.queued.push(message);
    this.onMessage();
  }

  // The run has ended: a child still running ends with it (processes are not left behind), unread messages go.
  endRun() {
    this.stopAll(9);
    this.queued = [];
    this.queues.clear();
    this.fill(); // for the next run
  }
}
