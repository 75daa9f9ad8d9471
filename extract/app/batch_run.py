"""`scr-extract extract`: one run from the paths given to one consistent output
folder, safe whatever happens on the way.

Every check that can fail without reading a document comes first (paths exist,
the output folder is writable), so a typo costs nothing and destroys nothing. A run
that read no document leaves the folder's tables as they were and writes only its
errors. SIGINT (Ctrl-C) and SIGTERM stop the workers at once and end the run with
one line, the earlier outputs untouched; while the new files are being renamed
into place a signal waits, so a run is never half committed.
"""

from __future__ import annotations

import signal
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, TextIO

from extract.app.inputs import Inputs, MissingInput, gather
from extract.app.pipeline import Batch, DocumentTables, Failure, extract_batch
from extract.read import SUFFIXES
from extract.write.files import load_writers
from extract.write.folder import Run, write_errors_only, write_run
from normalise.agencies import Registry

if TYPE_CHECKING:
    from tqdm import tqdm

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupted(BaseException):
    """The run got SIGINT or SIGTERM; its exit code is 128 + the signal number.

    A BaseException, like KeyboardInterrupt, so no `except Exception` on the way
    (one that turns a bad row into an error row) can swallow it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.exit_code = 128 + signum


def run_extract(
    paths: Sequence[Path],
    outdir: Path,
    formats: tuple[str, ...],
    registry: Registry,
    workers: int,
    timeout: float,
    verbosity: int = 0,
) -> int:
    """Extract `paths` into `outdir`; return the exit code (0, 1, 2, 130, 143).

    `verbosity` -1 prints only errors and warnings, 1 also a line per document."""
    try:
        with _signals_raise():  # a large folder takes a while to walk and hash
            inputs = gather(paths, outdir)
    except MissingInput as exc:
        return _usage(str(exc))
    except Interrupted as exc:
        print("interrupted before any document was read", file=sys.stderr)
        return exc.exit_code
    if not inputs.documents:
        types = ", ".join(SUFFIXES)
        return _usage(f"no plan files ({types}) found in the paths given")
    problem = _unwritable(outdir)
    if problem:
        return _usage(f"cannot write to {outdir}: {problem}")
    batch = Batch()
    total = len(inputs.documents)
    try:
        with _signals_raise():
            _run_batch(inputs, batch, registry, workers, timeout, verbosity)
    except Interrupted as exc:
        done = batch.extracted + batch.failed
        print(
            f"interrupted after {done} of {total} documents; earlier outputs kept",
            file=sys.stderr,
        )
        return exc.exit_code
    for duplicate in inputs.duplicates:
        note = f"the same bytes as {duplicate.same_as}; read once"
        batch.note(Failure(duplicate.source, "duplicate", note))
    run = Run([i.source for i in inputs.documents], formats)
    received: list[int] = []
    try:
        with _signals_deferred(received):
            if batch.extracted:
                write_run(outdir, batch.tables(), run)
            else:
                write_errors_only(outdir, batch.tables()["errors"], run)
    except OSError as exc:
        return _usage(f"cannot write to {outdir}: {exc.strerror or exc}")
    if verbosity >= 0 or not batch.extracted:
        print(_summary_line(batch, inputs, outdir), file=sys.stderr)
    if received:
        print(
            "interrupted while writing; this run's outputs are complete",
            file=sys.stderr,
        )
        return 128 + received[0]
    return 1 if batch.failed else 0


def _run_batch(
    inputs: Inputs,
    batch: Batch,
    registry: Registry,
    workers: int,
    timeout: float,
    verbosity: int,
) -> None:
    """Extract every document into `batch`, a progress bar on a terminal only.

    The writers (pyarrow) are loaded while the workers read the first documents,
    so a one-document run does not wait for them before or after its document."""
    documents = inputs.documents
    shown = verbosity >= 0 and len(documents) > 1 and sys.stderr.isatty()
    outcomes = extract_batch(documents, registry, workers, timeout, load_writers)
    bar = _progress_bar(len(documents)) if shown else None
    say = _say if bar is None else bar.write
    try:
        for index, outcome in outcomes:
            _say_outcome(outcome, verbosity, say)
            batch.add(index, outcome)
            if bar is not None:
                bar.update()
    finally:
        outcomes.close()  # on a signal: every worker killed now
        if bar is not None:
            bar.close()


def _progress_bar(total: int) -> tqdm:
    """The documents' progress bar on stderr (tqdm loaded only to show one)."""
    from tqdm import tqdm

    return tqdm(total=total, desc="documents", unit="doc", file=sys.stderr)


def _say(line: str, file: TextIO) -> None:
    print(line, file=file)


def _say_outcome(
    outcome: DocumentTables | Failure,
    verbosity: int,
    say: Callable[..., None],
) -> None:
    """A line on stderr for a failed or incomplete document (and with -v, for
    each): `say` prints it above the progress bar when one is shown."""
    if isinstance(outcome, Failure):
        say(f"error: {outcome}", file=sys.stderr)
        return
    if outcome.warning is not None:
        say(f"warning: {outcome.source}: {outcome.warning}", file=sys.stderr)
    if verbosity > 0:
        rows = len(outcome.rows["actions"])
        say(f"extracted {outcome.source}: {rows} action rows", file=sys.stderr)


def _summary_line(batch: Batch, inputs: Inputs, outdir: Path) -> str:
    total = len(inputs.documents)
    if batch.extracted:
        line = (
            f"{batch.extracted} of {total} documents extracted, "
            f"{batch.action_rows} action rows -> {outdir}"
        )
    else:
        line = (
            f"0 of {total} documents extracted; the tables in {outdir} were left "
            "as they were, only errors written"
        )
    if batch.incomplete:
        line += f"; {batch.incomplete} below 100% coverage (see errors)"
    if inputs.duplicates:
        count = len(inputs.duplicates)
        line += f"; {count} duplicate{'s' * (count != 1)} (same bytes) read once"
    if inputs.skipped:
        count = inputs.skipped
        line += f"; {count} file{'s' * (count != 1)} skipped: not a plan format"
    return line


def _unwritable(outdir: Path) -> str | None:
    """Why `outdir` cannot take the run's files (None when it can): it is a file,
    cannot be made, or refuses a test file."""
    if outdir.exists() and not outdir.is_dir():
        return "it exists and is not a folder"
    try:
        outdir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=outdir, prefix=".scr-extract-"):
            pass
    except OSError as exc:
        return exc.strerror or str(exc)
    return None


def _usage(message: str) -> int:
    print(f"scr-extract: {message}", file=sys.stderr)
    return 2


@contextmanager
def _signals_raise() -> Iterator[None]:
    """SIGINT and SIGTERM raise `Interrupted` in the block (no traceback, the
    workers stopped by the code that unwinds)."""

    def handler(signum: int, frame: FrameType | None) -> None:
        raise Interrupted(signum)

    with _handlers(handler):
        yield


@contextmanager
def _signals_deferred(received: list[int]) -> Iterator[None]:
    """SIGINT and SIGTERM are noted in `received`, not acted on, in the block:
    the files of a run are renamed into place all together or not at all."""

    def handler(signum: int, frame: FrameType | None) -> None:
        received.append(signum)

    with _handlers(handler):
        yield


@contextmanager
def _handlers(handler: Callable[[int, FrameType | None], None]) -> Iterator[None]:
    """`handler` for SIGINT and SIGTERM in the block (main thread only: elsewhere,
    as in a test runner's worker thread, signals are left alone)."""
    try:
        previous = {signum: signal.signal(signum, handler) for signum in SIGNALS}
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)
