"""Checks for the exercises: the last lines of an exercise call `check(...)` on what the reader's code did.

    from exercise import check
    check(
        ("finishes in under 0.8 s", elapsed < 0.8),
        ("prints both pages", pages == ["home", "about"]),
    )

Each goal is printed as passed or not yet, then a verdict, so the same program says what is still missing both
in CPython and in the page.
"""

import contextlib
import logging


def check(*goals: tuple[str, bool]) -> bool:
    """Print each goal with its result, then the verdict; True when every goal is met."""
    for goal, met in goals:
        print(f"check: {'passed ' if met else 'not yet'}  {goal}")
    missing = sum(not met for _, met in goals)
    if missing:
        print(f"check: {missing} of {len(goals)} goals not met yet")
    else:
        print("check: solved, every goal is met")
    return not missing


class _SlowSteps(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.reports: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage().startswith("Executing "):
            self.reports.append(record.getMessage())
        logging.lastResort.handle(record)  # still printed, as without this handler


@contextlib.contextmanager
def slow_steps():
    """Collect debug mode's "Executing ... took N seconds" reports (they are still printed)."""
    handler = _SlowSteps()
    logger = logging.getLogger("asyncio")
    logger.addHandler(handler)
    try:
        yield handler.reports
    finally:
        logger.removeHandler(handler)
