# run: PYTHONASYNCIODEBUG=1 python 01_environment_variable.py
import asyncio
import sys


async def main() -> None:
    loop = asyncio.get_running_loop()
    print(f"dev mode: {sys.flags.dev_mode}")
    print(f"asyncio debug: {loop.get_debug()}")


asyncio.run(main())
