# run: python -X dev 06_dev_mode_resource_warnings.py
import asyncio
import sys


def count_lines(path: str) -> int:
    return len(open(path).readlines())  # the file is never closed


async def main() -> None:
    loop = asyncio.get_running_loop()
    print(f"dev mode: {sys.flags.dev_mode}")
    print(f"asyncio debug: {loop.get_debug()}")
    print(f"this file has {count_lines(__file__)} lines")


asyncio.run(main())
