"""Forked workers neither outlive a building process killed outright nor answer its Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from kg import forking

# a process that forks a pool, prints its worker's pid and is then killed by SIGKILL, as a build
# killed by the out-of-memory killer is
KILLED_PARENT = """
import os, signal
from kg import forking
pool = forking.pool(1)
print(pool.submit(os.getpid).result(), flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a child of this test process would be a zombie until reaped; the worker is init's child
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        return stat.read().split(") ")[1][0] != "Z"


def test_a_worker_ends_when_its_parent_is_killed() -> None:
    result = subprocess.run([sys.executable, "-c", KILLED_PARENT], capture_output=True, text=True, timeout=60)
    assert result.returncode == -signal.SIGKILL
    worker = int(result.stdout.split()[0])  # run() returned: no worker held the output pipe open
    deadline = time.monotonic() + 10 * forking.PARENT_CHECK_SECONDS + 5
    while _alive(worker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(worker)


def _sigint_handler() -> object:
    return signal.getsignal(signal.SIGINT)


def test_a_worker_leaves_ctrl_c_to_the_building_process() -> None:
    # Python's own handler, whatever this process was started with (a background job ignores SIGINT)
    started_with = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with forking.pool(1) as pool:
            assert pool.submit(_sigint_handler).result() == signal.SIG_IGN
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # this process's own is kept
    finally:
        signal.signal(signal.SIGINT, started_with)
