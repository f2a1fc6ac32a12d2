// multiprocessing's queues and pipes between the page's processes (processes.py): the run's first worker keeps
// their items (pickled, as base64 text); a child asks it for one (process-pool.js) and waits for the answer.
export class Queues {
  // onItem(): an item was put where none waited for it (the worker's waiting threads look again)
  constructor(onItem) {
    this.onItem = onItem;
    this.queues = new Map(); // id: {items, getters: [answer(item)]}
  }

  of(id) {
    let queue = this.queues.get(id);
    if (!queue) this.queues.set(id, (queue = { items: [], getters: [] }));
    return queue;
  }

  put(id, item) {
    const queue = this.of(id);
    const getter = queue.getters.shift();
    if (getter) getter(item);
    else {
      queue.items.push(item);
      this.onItem();
    }
  }

  // An item that a child's get took after its wait had ended: first again, as it was.
  unget(id, item) {
    this.of(id).items.unshift(item);
    this.onItem();
  }

  take(id) {
    return this.of(id).items.shift() ?? null;
  }

  size(id) {
    return this.of(id).items.length;
  }

  // A child's get: answer(item) at once or when one is put.
  get(id, answer) {
    const queue = this.of(id);
    if (queue.items.length) answer(queue.items.shift());
    else queue.getters.push(answer);
  }

  cancel(answer) {
    for (const queue of this.queues.values()) queue.getters = queue.getters.filter((getter) => getter !== answer);
  }

  clear() {
    this.queues.clear();
  }
}
