"""Time and peak memory of one piece of work in this process: CPU time of the thread, wall
time, and the rise of the process's resident memory (Linux's VmHWM after resetting it, so
memory that C libraries such as Pillow or zlib allocate counts too)."""

import ctypes
import gc
import re
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

STATUS = Path("/proc/self/status")
CLEAR_REFS = Path("/proc/self/clear_refs")


def _kib(name: str) -> int:
    return int(re.search(rf"^{name}:\s+(\d+) kB", STATUS.read_text(), re.M).group(1))


def _release_free_memory() -> None:
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


@dataclass
class Cost:
    cpu_seconds: float = 0.0
    wall_seconds: float = 0.0
    peak_mb: float = 0.0


@contextmanager
def cost():
    """``with cost() as spent: work()`` then ``spent.cpu_seconds``, ``spent.peak_mb``…"""
    _release_free_memory()
    CLEAR_REFS.write_text("5")  # the peak starts again from the memory in use now
    before = _kib("VmRSS")
    spent = Cost()
    cpu, wall = time.thread_time(), time.perf_counter()
    try:
        yield spent
    finally:
        spent.cpu_seconds = time.thread_time() - cpu
        spent.wall_seconds = time.perf_counter() - wall
        spent.peak_mb = (_kib("VmHWM") - before) / 1024
