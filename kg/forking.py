"""Process pools forked from the building process: the extraction workers and the export writers.

A forked worker shares what its parent had loaded, but a pool's workers wait for work until told to
stop: a building process killed outright (SIGKILL, the out-of-memory killer) would leave them
waiting forever, holding its memory and its output pipes open, and Ctrl-C, which the terminal sends
to every process of the group, would print a traceback from each. So each worker ignores SIGINT (the
building process handles it and stops the pool) and ends itself once its parent is gone.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

# how often a worker checks that the process that forked it still runs
PARENT_CHECK_SECONDS = 0.5


def pool(processes: int) -> ProcessPoolExecutor:
    """A pool of ``processes`` workers forked from this process, as the module docstring says."""
    return ProcessPoolExecutor(
        processes, mp_context=get_context("fork"), initializer=_worker_start, initargs=(os.getpid(),)
    )


def _worker_start(parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_without, args=(parent,), name="kg-parent-check", daemon=True).start()


def _exit_without(parent: int) -> None:
    """End this process once ``parent`` is no longer its parent (it ended, and the process was
    handed to init or a subreaper); the parent's pid, taken before the fork, also catches a parent
    that ended before this check began."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)
