from collections import deque


def counter(name: str, steps: int):
    for step in range(1, steps + 1):
        print(f"{name}: step {step}")
        yield  # pause here and give control back to the loop
    print(f"{name}: done")


def run(tasks: list) -> None:
    """The simplest event loop: resume each task in turn until all end."""
    ready = deque(tasks)
    while ready:
        task = ready.popleft()
        try:
            next(task)  # run the task until its next yield
        except StopIteration:
            continue  # it returned: drop it
        ready.append(task)  # it paused: queue it to run again


run([counter("A", 3), counter("B", 2)])
