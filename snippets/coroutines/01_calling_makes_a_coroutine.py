import asyncio


def add_one(number: int) -> int:
    return number + 1


async def coroutine_add_one(number: int) -> int:
    return number + 1


function_result = add_one(1)
# runs nothing yet: it only makes a coroutine object
coroutine_result = coroutine_add_one(1)

print(f"Function result is {function_result}, type {type(function_result)}")
print(f"Coroutine result is {coroutine_result},")
print(f"type {type(coroutine_result)}")

print(f"Run by asyncio.run, it returns {asyncio.run(coroutine_result)}")
