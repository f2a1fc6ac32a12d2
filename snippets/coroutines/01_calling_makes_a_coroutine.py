import asyncio


def add_one(number: int) -> int:
    return number + 1


async def coroutine_add_one(number: int) -> int:
    return number + 1


function_result = add_one(1)
coroutine_result = coroutine_add_one(1)  # runs nothing yet: it only makes a coroutine object

print(f"Function result is {function_result} and the type is {type(function_result)}")
print(f"Coroutine result is {coroutine_result} and the type is {type(coroutine_result)}")

print(f"Run by asyncio.run, the coroutine returns {asyncio.run(coroutine_result)}")
