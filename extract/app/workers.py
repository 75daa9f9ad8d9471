"""Run one function over many files in worker processes, each file under a time
limit, so that a file that hangs or crashes its reader costs only itself.

`concurrent.futures` cannot stop one task that runs too long without breaking the
whole pool, so this keeps its own workers: each is a process fed one file at a
time over a pipe. A worker that passes the time limit is killed and replaced; one
that dies is replaced too; the file is reported as a `Failure` either way.

Workers come from a fork server (a fresh process with the pipeline already
imported), not from forking this process, which may hold threads (tqdm's
monitor) that a plain fork would copy in an unknown state. A run of one document
forks its worker from this process while it still has one thread (Linux): no
fork server to start and wait for, on the critical path of that one document.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import Any, Generic, TypeVar

T = TypeVar("T")
# The time limit per document, in seconds, unless the caller sets another.
DEFAULT_TIMEOUT = 300.0
# A worker's collector thresholds. Reading a PDF allocates an object per
# character; at Python's default (700, 10, 10) the collector runs some 500 times
# over the sample plan, about 6% of its reading time, to find almost nothing
# (reference counting frees the pages). Collections are rarer, not off.
WORKER_GC_THRESHOLDS = (10_000, 10, 10)
# What a worker is given for one task: a path, or a record naming one (picklable).
Item = Any
# A new worker process may take a while to start on a busy machine; the time
# limit counts from when it takes the file, with this much allowed before that.
START_GRACE = 60.0
StageReport = Callable[[str], None]
# The function a worker runs on each file: it reports the stage it enters
# ("read", "normalise", ...) so a timeout can say where the file got stuck.
Work = Callable[[Item, StageReport], T]


@dataclass(frozen=True, slots=True)
class Stopped:
    """A file whose worker was stopped: it ran out of time or the process died
    (`kind` is `timeout` or `crashed`), while in `stage`."""

    kind: str
    message: str
    stage: str

    def __str__(self) -> str:
        return self.message


def run_each(
    work: Work[T],
    paths: Sequence[Item],
    workers: int,
    timeout: float,
    while_waiting: Callable[[], object] | None = None,
) -> Iterator[tuple[int, T | Stopped]]:
    """`work(path, report)` for every path, in worker processes; yield each
    (index in `paths`, result) as it finishes, so in no fixed order.

    `while_waiting()`, when given, is called once, as soon as every worker has
    its first file: the caller's own preparation (loading what it needs to take
    the results) then runs beside the workers instead of before or after them.

    Every worker is killed when this ends, however it ends (all done, an error,
    or the caller closing it on a signal), so none outlives the batch."""
    context = _context(single=len(paths) == 1)
    todo = deque(enumerate(paths))
    pool = [_Worker(context, work) for _ in range(min(workers, len(paths)))]
    try:
        for worker in pool:
            worker.give(todo.popleft(), timeout)
        if while_waiting is not None:
            while_waiting()
        while busy := [worker for worker in pool if worker.task is not None]:
            soonest = min(worker.deadline for worker in busy)
            ready = wait([w.conn for w in busy], max(0.0, soonest - time.monotonic()))
            for worker in busy:
                if worker.conn in ready:
                    outcome = worker.receive()
                elif time.monotonic() >= worker.deadline:
                    outcome = Stopped(
                        "timeout",
                        f"took longer than the time limit of {timeout:g} s",
                        worker.stage,
                    )
                else:
                    continue
                if outcome is None:  # a message on the way, not a result
                    continue
                yield worker.finish(), outcome
                if isinstance(outcome, Stopped) or not todo:
                    worker.stop()  # stuck, dead, or not needed: free it now
                if not todo:
                    continue
                if isinstance(outcome, Stopped):
                    pool[pool.index(worker)] = worker = _Worker(context, work)
                worker.give(todo.popleft(), timeout)
    finally:
        for worker in pool:
            worker.stop()


class _Worker(Generic[T]):
    """One worker process, the file it holds, and what it last said."""

    def __init__(self, context: BaseContext, work: Work[T]) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, work), daemon=True)
        self.process.start()
        child.close()
        self.task: int | None = None
        self.stage = ""
        self.deadline = float("inf")
        self.timeout = float("inf")

    def give(self, task: tuple[int, Item], timeout: float) -> None:
        index, path = task
        self.conn.send(path)
        self.task, self.stage, self.timeout = index, "read", timeout
        self.deadline = time.monotonic() + START_GRACE + timeout

    def receive(self) -> T | Stopped | None:
        """The result of the file held, a `Stopped` if the process died, or None
        after a message on the way (the file taken, a stage entered)."""
        try:
            kind, payload = self.conn.recv()
        except (EOFError, OSError):
            self.process.join(1)
            return Stopped(
                "crashed",
                f"the reader process died (exit code {self.process.exitcode})",
                self.stage,
            )
        if kind == "start":
            self.deadline = time.monotonic() + self.timeout
            return None
        if kind == "stage":
            self.stage = payload
            return None
        return payload

    def finish(self) -> int:
        index, self.task, self.deadline = self.task, None, float("inf")
        assert index is not None
        return index

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()


def _serve(conn: Connection, work: Work[T]) -> None:
    """A worker's loop: a path in, stage reports and the result out, until EOF.
    `work` returns failures as values; anything it raises ends the process, which
    the parent reports as a crash.

    Ctrl-C reaches every process of the terminal; the parent alone handles it
    (it stops the workers), so a worker prints no traceback of its own.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a forked worker: not the parent's
    gc.freeze()  # what the worker imported lives as long as it: never scanned
    gc.set_threshold(*WORKER_GC_THRESHOLDS)

    def report(stage: str) -> None:
        conn.send(("stage", stage))

    while True:
        try:
            path = conn.recv()
        except EOFError:  # the parent has no more files for this worker
            return
        conn.send(("start", None))
        conn.send(("done", work(path, report)))


def cores_per_worker(workers: int) -> int:
    """The cores each of `workers` processes has to itself (at least one): what
    one document may use beyond its worker (a long PDF's pages read in several
    processes) when the batch is smaller than the machine."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # no affinity on this system
        cores = os.cpu_count() or 1
    return max(1, cores // max(1, workers))


def start_early(paths: Sequence[Path]) -> None:
    """Start the fork server now (where the platform has one), so that its start
    (a fresh interpreter importing the pipeline) runs beside what this process
    still does before its first worker: loading the registry, finding the files.
    Without it the first worker's start waits for all of that in turn. One file
    needs none (its worker is forked from here)."""
    if len(paths) == 1 and paths[0].is_file() and _forks_here():
        return
    if _context().get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


def _context(single: bool = False) -> BaseContext:
    """A fork server where the platform has one (Linux, macOS), else spawn; for
    a `single` task (no worker ever replaced), a fork of this process if safe."""
    if single and _forks_here():
        return multiprocessing.get_context("fork")
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["extract.app.pipeline"])
        return context
    return multiprocessing.get_context("spawn")


def _forks_here() -> bool:
    """Whether a worker may be a plain fork of this process: Linux (where fork
    is the native start) and no other thread whose locks the fork would copy."""
    return sys.platform.startswith("linux") and threading.active_count() == 1
