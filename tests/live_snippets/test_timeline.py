"""The task timeline (live_snippets/assets/timeline.py): what it records, and that a snippet prints the same with it."""

import json
import re
import textwrap

import pytest

from live_snippets import cpython, record
from live_snippets.snippet import Snippet

INTERPRETERS = cpython.find_interpreters()
NEWEST = INTERPRETERS[-1]
ROOT = Snippet(cpython.Path(__file__).resolve().parents[2] / "snippets", "x.py").root
# Snippets whose output is compared with the instrumentation on, under each version found: tracebacks, task reprs,
# all_tasks(), debug mode's messages, warnings, threads, cancellation, an uncaught exception, a TaskGroup's errors.
REPRESENTATIVE = [
    "tasks/05_task_states.py", "debug-mode/04_where_a_coroutine_was_created.py", "debug-mode/07_inspecting_tasks.py",
    "cancellation/02_cancel_is_a_request.py", "cancellation/05_wait_for_timeout.py",
    "event-loop/05_cancel_a_handle.py", "pitfalls/04_debug_mode_names_the_blocker.py",
    "tasks/12_task_group_child_fails.py", "tasks/17_exception_never_retrieved.py",
    "tasks/06_unreferenced_task_can_vanish.py", "gil/02_threads_overlap_blocking_waits.py",
]


def run(tmp_path, code, interpreter=NEWEST, name="01_x.py"):
    """(Output, timeline) of a program run with the timeline on."""
    (tmp_path / name).write_text(textwrap.dedent(code))
    output = cpython.run(Snippet(tmp_path, name), interpreter, timeline_file=tmp_path / "timeline.json")
    return output, json.loads((tmp_path / "timeline.json").read_text())


def lane(timeline, name):
    return next(i for i, lane in enumerate(timeline["lanes"]) if lane["name"] == name)


def events(timeline, name):
    """A lane's events without their times: a run, then what it left the task awaiting ("wait sleep 01_x.py:4")."""
    index = lane(timeline, name)
    found = []
    for _, in_lane, kind, *detail in timeline["events"]:
        if in_lane != index:
            continue
        if kind == "run":
            found += ["run", *([" ".join(["wait", *detail[2]])] if detail[2] else [])]
        else:
            found.append(" ".join([kind, *map(str, detail[1:] if kind in ("thread", "blocked") else detail)]))
    return found


@pytest.mark.parametrize("interpreter", INTERPRETERS, ids=lambda i: i.name)
def test_sequential_awaits_are_steps_separated_by_waits(tmp_path, interpreter):
    _, timeline = run(tmp_path, """\
        import asyncio
        async def main():
            await asyncio.sleep(0.05)
            await asyncio.sleep(0.05)
            return 42
        asyncio.run(main())
    """, interpreter)
    assert events(timeline, "Task-1") == [
        "created", "run", "wait sleep 01_x.py:3", "run", "wait sleep 01_x.py:4", "run", "done 42"]
    index = lane(timeline, "Task-1")
    created = timeline["events"][0][0]
    (_, first), (second, _), (third, _) = [(at, d) for at, i, kind, *d in timeline["events"] if i == index and kind == "run"]
    assert 40 <= second - created <= 80 and 40 <= third - second <= 80
    assert first[0] < 20 and first[1] < 20  # a short step, soon after it was made


@pytest.mark.parametrize("interpreter", INTERPRETERS, ids=lambda i: i.name)
def test_tasks_gather_and_printed_lines(tmp_path, interpreter):
    output, timeline = run(tmp_path, """\
        import asyncio, time
        async def child(n):
            await asyncio.sleep(0.01 * n)
            print("child", n)
            return n
        async def main():
            task = asyncio.create_task(child(1), name="first")
            print(await asyncio.gather(task, child(2)))
            await asyncio.to_thread(print, "from a thread")
        print("before")
        asyncio.run(main())
    """, interpreter)
    assert output.text == "before\nchild 1\nchild 2\n[1, 2]\nfrom a thread\n"
    names = [lane["name"] for lane in timeline["lanes"]]
    assert names[:3] == ["main", "Task-1", "first"] and names[3].startswith("Task-") and "asyncio_0" in names
    assert events(timeline, "Task-1")[:2] == ["created", "run"]
    assert "wait gather 01_x.py:8" in events(timeline, "Task-1")
    assert "wait to_thread 01_x.py:9" in events(timeline, "Task-1")
    assert events(timeline, "first") == ["created", "run", "wait sleep 01_x.py:3", "run", "done 1"]
    assert events(timeline, "asyncio_0") == ["thread print"]
    assert not [kind for _, _, kind, *_ in timeline["events"] if kind == "blocked"]
    assert [(line, timeline["lanes"][i]["name"]) for line, _, i in timeline["lines"]] == [
        (0, "main"), (1, "first"), (2, names[3]), (3, "Task-1"), (4, "asyncio_0")]


@pytest.mark.parametrize("interpreter", INTERPRETERS, ids=lambda i: i.name)
def test_taskgroup_error_cancellation_and_timeouts(tmp_path, interpreter):
    output, timeline = run(tmp_path, """\
        import asyncio
        async def fail():
            await asyncio.sleep(0.01)
            raise ValueError("boom at 0x1234")
        async def main():
            try:
                async with asyncio.TaskGroup() as group:
                    group.create_task(fail(), name="fails")
                    group.create_task(asyncio.sleep(1), name="sibling")
            except* ValueError:
                pass
            slow = asyncio.create_task(asyncio.sleep(1), name="slow")
            try:
                await asyncio.wait_for(slow, 0.01)
            except TimeoutError:
                pass
            try:
                async with asyncio.timeout(0.01):
                    await asyncio.Event().wait()
            except TimeoutError:
                print("timed out")
        asyncio.run(main())
    """, interpreter)
    assert output.text == "timed out\n"
    assert events(timeline, "fails")[-1] == "failed ValueError: boom at 0x…"
    assert events(timeline, "sibling")[-3:] == ["cancel", "run", "cancelled"]
    assert events(timeline, "slow")[-3:] == ["cancel", "run", "cancelled"]
    main = events(timeline, "Task-1")
    assert "wait Event.wait 01_x.py:19" in main and main[-1] == "done None"
    assert "cancel" in main[main.index("wait Event.wait 01_x.py:19"):]  # asyncio.timeout's


@pytest.mark.parametrize("interpreter", [i for i in INTERPRETERS if i.version >= (3, 12)], ids=lambda i: i.name)
def test_an_eager_task_is_found_already_started(tmp_path, interpreter):
    _, timeline = run(tmp_path, """\
        import asyncio
        async def child():
            await asyncio.sleep(0.01)
        async def main():
            asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
            await asyncio.create_task(child(), name="eager")
        asyncio.run(main())
    """, interpreter)
    eager = timeline["lanes"][lane(timeline, "eager")]
    assert eager.get("eager") is True and "eager" not in timeline["lanes"][lane(timeline, "Task-1")]
    assert events(timeline, "eager") == ["created", "run", "done None"]  # found at its wakeup


@pytest.mark.parametrize("interpreter", INTERPRETERS, ids=lambda i: i.name)
def test_loops_without_asyncio_run_and_a_blocking_step(tmp_path, interpreter):
    _, timeline = run(tmp_path, """\
        import asyncio, time
        async def block():
            time.sleep(0.2)
            print("woke")
        with asyncio.Runner() as runner:
            runner.run(block())
        loop = asyncio.new_event_loop()
        loop.run_until_complete(asyncio.sleep(0.01))
        loop.close()
    """, interpreter)
    (blocked,) = [(at, i, d) for at, i, kind, *d in timeline["events"] if kind == "blocked"]
    assert blocked[1] == lane(timeline, "Task-1") and 200 <= blocked[2][0] < 300
    (step,) = [d for at, i, kind, *d in timeline["events"] if kind == "run" and at == blocked[0] and i == blocked[1]]
    assert step[0] == blocked[2][0] and step[2] is None
    assert [lane["coro"] for lane in timeline["lanes"] if lane["kind"] == "task"][::3] == ["block", "sleep"]
    assert timeline["lines"][0][2] == lane(timeline, "Task-1")


# What a snippet prints with the timeline on: byte for byte, tracebacks and debug mode included.
PRINTS_THE_SAME = """\
    # run: PYTHONASYNCIODEBUG=1 python 01_x.py
    import asyncio, sys, traceback, warnings
    async def child():
        traceback.print_stack(limit=3)
        await asyncio.sleep(0)
        raise ValueError("lost")
    async def main():
        task = asyncio.create_task(child())
        print(repr(task), task.get_coro(), len(asyncio.all_tasks()))
        await asyncio.sleep(0.01)
        asyncio.get_running_loop().slow_callback_duration = 0
        warnings.warn("careful")
        print(type(sys.stdout).__name__, sys.argv, __file__.endswith("01_x.py"), __name__)
        del task
        raise KeyError("uncaught")
    asyncio.run(main())
"""


@pytest.mark.parametrize("interpreter", INTERPRETERS, ids=lambda i: i.name)
def test_a_program_prints_the_same_with_the_timeline(tmp_path, interpreter):
    output, _ = run(tmp_path, PRINTS_THE_SAME, interpreter)
    plain = cpython.run(Snippet(tmp_path, "01_x.py"), interpreter)
    mask = lambda text: re.sub(r"0x[0-9a-f]+|took \d\.\d+ seconds", "…", text)  # noqa: E731
    assert mask(output.text) == mask(plain.text) and output.stderr == plain.stderr
    assert "Traceback" in output.text and "created at" in output.text and "timeline" not in output.text


@pytest.mark.parametrize("interpreter", INTERPRETERS, ids=lambda i: i.name)
@pytest.mark.parametrize("path", REPRESENTATIVE)
def test_snippets_print_their_recording_with_the_timeline(tmp_path, path, interpreter):
    snippet = Snippet(ROOT, path)
    output = cpython.run(snippet, interpreter, timeline_file=tmp_path / "timeline.json")
    expected = snippet.expected_output(interpreter.version)
    assert cpython.outputs_match(expected, output), cpython.diff(expected, output, "recorded", "with the timeline")


def _recorded(path):
    recorded = json.loads(record.timeline_file(Snippet(ROOT, path)).read_text(encoding="utf-8"))
    interpreter = next((i for i in INTERPRETERS if recorded["python"].endswith(f" {i.full_version}")), None)
    if interpreter is None:
        pytest.skip(f"{path}: recorded with {recorded['python']}, not found here")
    return recorded, interpreter


@pytest.mark.parametrize("path", ["tasks/04_all_at_once.py", "tasks/05_task_states.py", "cancellation/02_cancel_is_a_request.py"])
def test_a_recorded_timeline_matches_a_fresh_run(tmp_path, path):
    recorded, interpreter = _recorded(path)
    cpython.run(Snippet(ROOT, path), interpreter, timeline_file=tmp_path / "timeline.json")
    fresh = json.loads((tmp_path / "timeline.json").read_text())
    assert record.timelines_match(recorded, fresh), record.format_timeline(fresh)


def test_timelines_match_compares_structure_and_times():
    timeline = {"format": 1, "lanes": [{"name": "Task-1", "kind": "task"}],
                "events": [[0, 0, "created"], [1, 0, "run", 200, 0, ["sleep", "01_x.py:3"]]], "lines": [[0, 3, 0]]}
    moved = json.loads(json.dumps(timeline))
    moved["events"][1][3] += 240
    moved["events"][1][0] -= 240
    assert record.timelines_match(timeline, moved)
    moved["events"][1][3] += 20
    assert not record.timelines_match(timeline, moved)
    renamed = json.loads(json.dumps(timeline))
    renamed["lanes"][0]["name"] = "Task-2"
    assert not record.timelines_match(timeline, renamed)


def test_a_hundred_thousand_tasks_give_a_summary(tmp_path):
    output, timeline = run(tmp_path, """\
        import asyncio
        async def one(n):
            return n
        async def spin():
            for _ in range(2_500):
                await asyncio.sleep(0)
        async def main():
            await asyncio.gather(*(spin() for _ in range(10)))  # 25,000 steps in 10 lanes
            print(sum(await asyncio.gather(*(one(n) for n in range(100_000)))))
        asyncio.run(main())
    """)
    assert output.text == "4999950000\n"
    assert [lane["coro"] for lane in timeline["lanes"][1:11]] == ["spin"] * 10
    assert len(timeline["lanes"]) <= 500 and len(timeline["events"]) <= 20_000
    assert timeline["left_out"]["tasks"] >= 99_000 and timeline["left_out"]["events"] >= 3 * 99_000
    assert len(json.dumps(timeline)) < 1_000_000
