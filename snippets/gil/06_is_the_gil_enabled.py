import sys
import sysconfig

# Was this Python built to be able to run without a GIL? (1: yes; 0 or None: no)
print(f"Py_GIL_DISABLED = {sysconfig.get_config_var('Py_GIL_DISABLED')!r}")

# Is the GIL switched on right now? sys._is_gil_enabled() exists from Python 3.13.
if hasattr(sys, "_is_gil_enabled"):
    print(f"sys._is_gil_enabled() = {sys._is_gil_enabled()}")
else:
    print("no sys._is_gil_enabled(): before 3.13 every CPython has a GIL")
