from util import async_timed


def add_one(number: int) -> int:  # a plain function: nothing to await
    return number + 1


try:
    add_one = async_timed(add_one)
except TypeError as error:
    print(f"TypeError: {error}")
