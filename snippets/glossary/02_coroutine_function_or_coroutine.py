import inspect


async def fetch() -> int:
    return 42


coroutine = fetch()
function = inspect.iscoroutinefunction(fetch)
print(f"fetch is a coroutine function: {function}")
print(f"fetch is a coroutine: {inspect.iscoroutine(fetch)}")
print(f"fetch() is a coroutine: {inspect.iscoroutine(coroutine)}")
coroutine.close()  # never run: close it instead of leaving it to warn
