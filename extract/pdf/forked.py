"""Part of a job done in a forked child process, its results streamed back.

A long PDF is read faster on two cores by giving the second half of its pages to
a child: the child is a fork of the reading process, so it holds the open
document and everything imported, and sends each page's result back as soon as
it has one. The reader runs inside a worker process that may not start
`multiprocessing` children of its own (a daemonic process), hence a plain
`os.fork` and a pipe.

Nothing the child does can change an outcome, only its speed: it stops at its
first exception, and whatever it did not deliver (it failed, died, or was slow)
the parent computes itself, exactly as it would have without the child. The
child dies with its parent (Linux's `PR_SET_PDEATHSIG`), so a worker killed on a
time limit or a signal leaves no reader behind; where that guarantee is missing
(other systems), or the process runs threads (a fork would copy their locks in
an unknown state), `available()` says no and the caller works alone.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import pickle
import signal
import struct
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import Generic, TypeVar

R = TypeVar("R")
_PR_SET_PDEATHSIG = 1
_FRAME = struct.Struct("<Q")  # each result: its pickle's length, then the pickle


def available() -> bool:
    """Whether this process may fork a helper: Linux (the helper dies with it)
    and a single thread (a fork copies only the calling thread)."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


class ForkedRun(Generic[R]):
    """`work(i)` for each i of `indexes` in a forked child, in order.

    `results()` yields what the child delivered, in order, and stops early where
    the child stopped; the caller does the rest. `stop()` ends the child (always
    call it, e.g. in a `finally`)."""

    def __init__(self, work: Callable[[int], R], indexes: Sequence[int]) -> None:
        self.indexes = indexes
        self.pid: int | None = None
        parent = os.getpid()
        read_end, write_end = os.pipe()
        try:
            self.pid = os.fork()
        except OSError:  # no process to be had: the caller does it all
            os.close(write_end)
        if self.pid == 0:  # the child: never returns
            os.close(read_end)
            _child(work, indexes, write_end, parent)
        elif self.pid is not None:
            os.close(write_end)
        self._stream = os.fdopen(read_end, "rb")

    def results(self) -> Iterator[R]:
        """The child's results in order; fewer than `indexes` if it stopped."""
        for _ in self.indexes if self.pid is not None else ():
            head = self._stream.read(_FRAME.size)
            if len(head) < _FRAME.size:
                return
            (size,) = _FRAME.unpack(head)
            body = self._stream.read(size)
            if len(body) < size:  # the child died while writing
                return
            yield pickle.loads(body)

    def stop(self) -> None:
        """Kill the child (a no-op if it has ended) and reap it."""
        if self.pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)
            self.pid = None
        self._stream.close()


def _child(
    work: Callable[[int], object], indexes: Sequence[int], out: int, parent: int
) -> None:
    """The child's whole life: results into the pipe, as the parent takes them
    (buffered here meanwhile), until done or the first exception; then exit
    without running anything of the parent's (no `finally`, no `atexit`)."""
    with contextlib.suppress(BaseException):  # the parent does what is left
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() == parent:  # else the parent died before that took effect
            outbox = _Outbox(out)
            with contextlib.suppress(Exception):  # delivered so far: still good
                for index in indexes:
                    result = work(index)
                    outbox.put(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
            outbox.flush()
    with contextlib.suppress(BaseException):
        sys.stderr.flush()
    os._exit(0)


class _Outbox:
    """Frames written to the pipe as far as the parent takes them, the rest
    held here, so the child never waits for a parent busy with its own part."""

    def __init__(self, out: int) -> None:
        self.out = out
        self.chunks: deque[memoryview] = deque()
        os.set_blocking(out, False)

    def put(self, body: bytes) -> None:
        self.chunks.append(memoryview(_FRAME.pack(len(body)) + body))
        self._send()

    def flush(self) -> None:
        """Everything, waiting for the parent as long as it takes."""
        os.set_blocking(self.out, True)
        self._send()

    def _send(self) -> None:
        while self.chunks:
            chunk = self.chunks[0]
            try:
                sent = os.write(self.out, chunk)
            except BlockingIOError:
                return
            if sent == len(chunk):
                self.chunks.popleft()
            else:
                self.chunks[0] = chunk[sent:]
