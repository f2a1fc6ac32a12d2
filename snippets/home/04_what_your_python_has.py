import asyncio
import platform
import sys

print(f"implementation: {platform.python_implementation()}")
print(f"3.11 or newer, as this site needs: {sys.version_info >= (3, 11)}")

# Features this site uses, each with the version that added it:
features = {
    "asyncio.TaskGroup (3.11)": hasattr(asyncio, "TaskGroup"),
    "eager_task_factory (3.12)": hasattr(asyncio, "eager_task_factory"),
    "sys._is_gil_enabled (3.13)": hasattr(sys, "_is_gil_enabled"),
}
for feature, present in features.items():
    print(f"{feature}: {present}")
