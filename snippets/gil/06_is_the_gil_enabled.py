import sys
import sysconfig

# Was this Python built to run without a GIL? (1: yes; 0 or None: no)
print(f"Py_GIL_DISABLED = {sysconfig.get_config_var('Py_GIL_DISABLED')!r}")

# Is the GIL switched on now? sys._is_gil_enabled() exists from 3.13 on.
if hasattr(sys, "_is_gil_enabled"):
    print(f"sys._is_gil_enabled() = {sys._is_gil_enabled()}")
else:
    print("no sys._is_gil_enabled(): before 3.13 every CPython has a GIL")
