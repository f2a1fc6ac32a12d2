"""snippets/util.py: the helpers the snippets share, used as the book's listings use them."""

import asyncio
import importlib.util

import pytest

from tests.conftest import ROOT


def load_util():
    spec = importlib.util.spec_from_file_location("util", ROOT / "snippets" / "util.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


util = load_util()


async def double(number: int) -> int:
    """Double a number."""
    await asyncio.sleep(0)
    return 2 * number


@pytest.mark.parametrize("decorate", [util.async_timed, util.async_timed()], ids=["@async_timed", "@async_timed()"])
def test_async_timed_with_and_without_parentheses(decorate, capsys):
    timed = decorate(double)
    assert timed.__name__ == "double" and timed.__doc__ == "Double a number." and timed.__wrapped__ is double
    assert asyncio.run(timed(21)) == 42
    assert capsys.readouterr().out.splitlines() == [
        "starting double with args (21,) {}",
        "double finished in 0.0 second(s)",
    ]


@pytest.mark.parametrize("not_a_coroutine_function", [len, lambda: None, 42])
def test_async_timed_refuses_what_it_cannot_await(not_a_coroutine_function):
    with pytest.raises(TypeError, match="needs a coroutine function"):
        util.async_timed(not_a_coroutine_function)


def test_async_timed_times_a_failure(capsys):
    @util.async_timed()
    async def fail():
        raise ValueError("no")

    with pytest.raises(ValueError):
        asyncio.run(fail())
    assert capsys.readouterr().out.splitlines()[-1] == "fail finished in 0.0 second(s)"


def test_delay_returns_its_argument(capsys):
    assert asyncio.run(util.delay(0)) == 0
    assert capsys.readouterr().out.splitlines() == ["sleeping for 0 second(s)", "finished sleeping for 0 second(s)"]
