"""A PDF's pages read in several processes (issue 16): the blocks are those of one
process reading every page, whatever the helpers do (deliver, fail, die), and a
helper never outlives the process that started it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from processes import alive

from extract.pdf import forked, reader
from extract.pdf.reader import read_pdf

pytestmark = pytest.mark.skipif(
    not forked.available(), reason="page processes need Linux and one thread"
)

# Documents with rows cut by page breaks (hollinsby, westmoor), an unruled table
# whose columns are handed from page to page (marlbury), and running text.
DOCUMENTS = (
    "samples/hollinsby-dhr-plan.pdf",
    "samples/westmoor-sar-plan.pdf",
    "tests/fixtures/unruled/marlbury-rl-linebelow.pdf",
    "tests/fixtures/unruled/prose-report-rl.pdf",
)


@pytest.fixture
def every_page_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    """Split even a short document, one page per process where it can."""
    monkeypatch.setattr(reader, "MIN_PAGES_PER_PROCESS", 1)


def _same(path: Path, processes: int) -> None:
    alone, split = read_pdf(path, 1), read_pdf(path, processes)
    assert split.blocks == alone.blocks
    assert (split.pages, split.notes) == (alone.pages, alone.notes)


@pytest.mark.parametrize("name", DOCUMENTS)
@pytest.mark.usefixtures("every_page_its_own")
def test_pages_split_over_processes_read_as_one(repo_root: Path, name: str) -> None:
    path = repo_root / name
    pages = read_pdf(path).pages
    assert len(reader._parts(pages, 4)) == min(pages, 4)  # the split happens
    _same(path, 4)


@pytest.mark.usefixtures("every_page_its_own")
def test_a_helper_that_fails_or_dies_changes_nothing(
    repo_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A helper raising on a page, or killed at one, delivers the pages before
    it; the caller reads the rest itself."""
    here = os.getpid()
    read_page = reader._page_record

    def failing(pages: list, tally: reader._Tally, index: int) -> object:
        if os.getpid() != here and index % 2:
            if index % 4 == 1:
                raise RuntimeError("a helper's bug")
            os._exit(1)
        return read_page(pages, tally, index)

    monkeypatch.setattr(reader, "_page_record", failing)
    for name in DOCUMENTS[:3]:
        _same(repo_root / name, 2)


def _square(index: int) -> int:
    if index == 3:
        raise ValueError("stops here")
    return index * index


def test_a_helper_delivers_in_order_until_it_stops() -> None:
    run = forked.ForkedRun(_square, range(6))
    try:
        assert list(run.results()) == [0, 1, 4]
    finally:
        run.stop()


def test_stop_ends_a_busy_helper() -> None:
    run = forked.ForkedRun(lambda index: time.sleep(60), range(2))
    pid = run.pid
    assert pid is not None
    run.stop()
    with pytest.raises(ChildProcessError):  # killed and already reaped
        os.waitpid(pid, os.WNOHANG)


_ORPHANING = """
import sys, time
from extract.pdf import forked
run = forked.ForkedRun(lambda index: time.sleep(60), range(1))
print(run.pid, flush=True)
time.sleep(60)
"""


def test_a_helper_dies_with_its_parent() -> None:
    """A worker killed on its time limit (SIGKILL, no clean-up) takes its page
    helpers with it."""
    parent = subprocess.Popen(
        [sys.executable, "-c", _ORPHANING], stdout=subprocess.PIPE, text=True
    )
    assert parent.stdout is not None
    helper = int(parent.stdout.readline())
    assert alive(helper)
    parent.send_signal(signal.SIGKILL)
    parent.wait(timeout=30)
    parent.stdout.close()
    deadline = time.monotonic() + 10
    while alive(helper) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(helper)
