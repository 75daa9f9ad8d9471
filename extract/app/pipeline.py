"""One document end to end (read, normalise, typed tables) and batches of them.

A document either yields its tables or one `Failure` naming the stage it stopped
in and a one-line reason. A batch never stops on a bad file: documents run in
worker processes under a time limit each (`extract.app.workers`), and the batch's
tables keep the input order whatever order the documents finish in, so the output
is the same for any number of workers.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from extract.app.inputs import Input
from extract.app.rows import finish_rows
from extract.app.workers import DEFAULT_TIMEOUT, Stopped, cores_per_worker, run_each
from extract.read import read_document
from normalise import normalise
from normalise.agencies import Registry
from normalise.tableset import Record, TableSet
from schemas.errors import ExtractError, one_line

if TYPE_CHECKING:
    import pyarrow as pa

# Where a document stopped: reading the file, building its rows, typing them.
STAGES = ("read", "normalise", "write")


@dataclass(frozen=True, slots=True)
class Failure:
    """Why one input produced no tables, and at which stage."""

    source: str
    kind: str
    message: str
    stage: str = "read"

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


@dataclass(frozen=True, slots=True)
class DocumentTables:
    """One document's rows, typed as the output tables where they are used.

    Rows travel from a worker as plain Python and are typed (`tables`) in the
    process that writes them, so a worker never loads pyarrow and pandas, about
    100 MB of its memory.
    """

    source: str
    rows: dict[str, list[Record]]
    coverage: float

    @property
    def tables(self) -> dict[str, pa.Table]:
        """The rows as Arrow tables, checked against the schemas."""
        from extract.write.files import arrow_table
        from schemas.tables import DOCUMENT_TABLES

        return {name: arrow_table(name, self.rows[name]) for name in DOCUMENT_TABLES}

    @property
    def warning(self) -> str | None:
        """Why the document, though extracted, needs a look (text left behind)."""
        if self.coverage >= 1.0:
            return None
        shown = math.floor(self.coverage * 10_000) / 100  # never rounds up to 100%
        return f"only {shown:.2f}% of the action tables' text reached the output rows"


def extract_file(
    path: Path,
    registry: Registry | None = None,
    on_stage: Callable[[str], None] | None = None,
    source: str | None = None,
    processes: int = 1,
) -> TableSet:
    """The four tables of one document; every row carries `source` (default: the
    file's name) and `doc_id`, and the document row its `coverage`. `on_stage`
    hears each stage entered; `processes` is how many a long PDF's pages may be
    read in."""
    enter = on_stage or (lambda stage: None)
    enter("read")
    doc = read_document(path, processes)
    enter("normalise")
    tables = normalise(doc, registry)
    finish_rows(doc, path, source or path.name, tables)
    return tables


def extract_one(
    path: Path,
    registry: Registry | None = None,
    on_stage: Callable[[str], None] | None = None,
    source: str | None = None,
    processes: int = 1,
) -> TableSet | Failure:
    """`extract_file`, with a failure returned as a value instead of raised.

    A file the system will not let us read (permissions, an I/O error) is a
    `load_error`: the file's situation, not a bug."""
    stage = STAGES[0]
    name = source or path.name

    def enter(name: str) -> None:
        nonlocal stage
        stage = name
        if on_stage is not None:
            on_stage(name)

    try:
        return extract_file(path, registry, enter, name, processes)
    except ExtractError as exc:
        return Failure(name, exc.kind, one_line(exc), stage)
    except OSError as exc:
        reason = exc.strerror or one_line(exc)
        return Failure(name, "load_error", f"cannot read the file: {reason}", stage)
    except Exception as exc:  # a reader bug must not end the batch
        message = f"{type(exc).__name__}: {one_line(exc)}"
        return Failure(name, "internal_error", message, stage)


def extract_tables(
    path: Path,
    on_stage: Callable[[str], None] | None = None,
    registry: Registry | None = None,
    source: str | None = None,
    processes: int = 1,
) -> DocumentTables | Failure:
    """`extract_one`, its rows gathered by output table."""
    result = extract_one(path, registry, on_stage, source, processes)
    if isinstance(result, Failure):
        return result
    rows = {  # the names of `schemas.tables.DOCUMENT_TABLES` (no pyarrow here)
        "documents": [result.document],
        "findings": result.findings,
        "questions": result.questions,
        "actions": result.actions,
    }
    return DocumentTables(result.document["source"], rows, result.document["coverage"])


def extract_batch(
    paths: Sequence[Path | Input],
    registry: Registry | None = None,
    workers: int = 1,
    timeout: float = DEFAULT_TIMEOUT,
    while_waiting: Callable[[], object] | None = None,
) -> Iterator[tuple[int, DocumentTables | Failure]]:
    """Each document's outcome as it finishes: (index in `paths`, outcome). A
    plain path is its own input, its source the file's name. `while_waiting` is
    called once the first documents are being read (see `workers.run_each`).

    Workers are separate processes that import the caller's main module, so a
    script calling this keeps its own work under `if __name__ == "__main__":`.
    """
    inputs = [p if isinstance(p, Input) else Input(p, p.name) for p in paths]
    # A core no worker takes helps read a long PDF's pages (one document, say).
    processes = cores_per_worker(min(workers, len(inputs)))
    work = partial(_extract_input, registry=registry, processes=processes)
    for index, outcome in run_each(work, inputs, workers, timeout, while_waiting):
        if isinstance(outcome, Stopped):
            name = inputs[index].source
            outcome = Failure(name, outcome.kind, outcome.message, outcome.stage)
        yield index, outcome


def _extract_input(
    item: Input,
    on_stage: Callable[[str], None],
    registry: Registry | None = None,
    processes: int = 1,
) -> DocumentTables | Failure:
    return extract_tables(item.path, on_stage, registry, item.source, processes)


class Batch:
    """The batch's tables and error rows, built in input order from outcomes
    that arrive in any order (each is held only until those before it arrive)."""

    def __init__(self) -> None:
        self._waiting: dict[int, DocumentTables | Failure] = {}
        self._next = 0
        # Each table's parts, by name; filled as documents are taken (typing
        # them loads pyarrow, which the batch's start does not wait for).
        self._parts: dict[str, list[pa.Table]] = {}
        self.errors: list[dict[str, str]] = []
        self.extracted = 0
        self.failed = 0
        self.incomplete = 0

    def note(self, failure: Failure) -> None:
        """An error row for an input that was not extracted, though nothing failed
        (the same bytes as an earlier input): listed, not counted as failed."""
        self.errors.append(_error_row(failure))

    def add(self, index: int, outcome: DocumentTables | Failure) -> None:
        """Take the outcome of input `index`."""
        self._waiting[index] = outcome
        while self._next in self._waiting:
            self._take(self._waiting.pop(self._next))
            self._next += 1

    def _take(self, outcome: DocumentTables | Failure) -> None:
        if isinstance(outcome, DocumentTables):
            try:
                tables = outcome.tables
            except Exception as exc:  # a row that does not fit: a normaliser bug
                message = f"{type(exc).__name__}: {one_line(exc)}"
                outcome = Failure(outcome.source, "internal_error", message, "write")
        if isinstance(outcome, Failure):
            self.failed += 1
            self.errors.append(_error_row(outcome))
            return
        self.extracted += 1
        for name, table in tables.items():
            self._parts.setdefault(name, []).append(table)
        if outcome.warning is not None:
            self.incomplete += 1
            incomplete = Failure(
                outcome.source, "incomplete", outcome.warning, "normalise"
            )
            self.errors.append(_error_row(incomplete))

    @property
    def action_rows(self) -> int:
        """Action rows taken so far."""
        return sum(table.num_rows for table in self._parts.get("actions", []))

    def tables(self) -> dict[str, pa.Table]:
        """Every output table, the errors included, over the documents taken."""
        import pyarrow as pa

        from extract.write.files import arrow_table
        from schemas.tables import DOCUMENT_TABLES

        assert not self._waiting, "outcomes missing for some inputs"
        out = {
            name: pa.concat_tables(self._parts[name])
            if name in self._parts
            else arrow_table(name, [])
            for name in DOCUMENT_TABLES
        }
        out["errors"] = arrow_table("errors", self.errors)
        return out


def _error_row(failure: Failure) -> dict[str, str]:
    return {
        "source": failure.source,
        "stage": failure.stage,
        "kind": failure.kind,
        "message": failure.message,
    }
