"""One document end to end (read, normalise, typed tables) and batches of them.

A document either yields its tables or one `Failure` naming the stage it stopped
in and a one-line reason. A batch never stops on a bad file: documents run in
worker processes under a time limit each (`extract.app.workers`), and the batch's
tables keep the input order whatever order the documents finish in, so the output
is the same for any number of workers.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from extract.app.workers import Stopped, run_each
from extract.read import SUFFIXES, read_document
from normalise import normalise
from normalise.agencies import Registry
from normalise.coverage import coverage
from normalise.tableset import Issue, Record, TableSet
from schemas.errors import ExtractError, one_line

if TYPE_CHECKING:
    import pyarrow as pa

TABLE_NAMES = ("documents", "findings", "questions", "actions")
# Where a document stopped: reading the file, building its rows, typing them.
STAGES = ("read", "normalise", "write")
DEFAULT_TIMEOUT = 300.0


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

        return {name: arrow_table(name, self.rows[name]) for name in TABLE_NAMES}

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
) -> TableSet:
    """The four tables of one document; every row carries `source` and `doc_id`,
    and the document row its `coverage`. `on_stage` hears each stage entered."""
    enter = on_stage or (lambda stage: None)
    enter("read")
    doc = read_document(path)
    enter("normalise")
    tables = normalise(doc, registry)
    if path.suffix.lower() != f".{doc.format}":
        tables.issues.append(
            Issue(
                "wrong_extension",
                f"the file is named {path.suffix} but is a {doc.format.upper()}; "
                f"read as {doc.format.upper()}",
            )
        )
    keys = {"source": path.name, "doc_id": doc.sha256[:16]}
    tables.document = {
        **keys,
        "format": doc.format,
        **tables.document,
        "pages": doc.pages,
        "findings": len(tables.findings),
        "questions": len(tables.questions),
        "actions": len(tables.actions),
        "coverage": coverage(tables),
        "issues": json.dumps([str(i) for i in tables.issues], ensure_ascii=False),
    }
    for rows in (tables.findings, tables.questions, tables.actions):
        for row in rows:
            row.update(keys)
    return tables


def extract_one(
    path: Path,
    registry: Registry | None = None,
    on_stage: Callable[[str], None] | None = None,
) -> TableSet | Failure:
    """`extract_file`, with a failure returned as a value instead of raised."""
    stage = STAGES[0]

    def enter(name: str) -> None:
        nonlocal stage
        stage = name
        if on_stage is not None:
            on_stage(name)

    try:
        return extract_file(path, registry, enter)
    except ExtractError as exc:
        return Failure(path.name, exc.kind, one_line(exc), stage)
    except Exception as exc:  # a reader bug must not end the batch
        message = f"{type(exc).__name__}: {one_line(exc)}"
        return Failure(path.name, "internal_error", message, stage)


def extract_tables(
    path: Path,
    on_stage: Callable[[str], None] | None = None,
    registry: Registry | None = None,
) -> DocumentTables | Failure:
    """`extract_one`, its rows gathered by output table."""
    result = extract_one(path, registry, on_stage)
    if isinstance(result, Failure):
        return result
    rows = {
        "documents": [result.document],
        "findings": result.findings,
        "questions": result.questions,
        "actions": result.actions,
    }
    return DocumentTables(path.name, rows, result.document["coverage"])


def extract_batch(
    paths: Sequence[Path],
    registry: Registry | None = None,
    workers: int = 1,
    timeout: float = DEFAULT_TIMEOUT,
) -> Iterator[tuple[int, DocumentTables | Failure]]:
    """Each document's outcome as it finishes: (index in `paths`, outcome).

    Workers are separate processes that import the caller's main module, so a
    script calling this keeps its own work under `if __name__ == "__main__":`.
    """
    work = partial(extract_tables, registry=registry)
    for index, outcome in run_each(work, paths, workers, timeout):
        if isinstance(outcome, Stopped):
            name = paths[index].name
            outcome = Failure(name, outcome.kind, outcome.message, outcome.stage)
        yield index, outcome


class Batch:
    """The batch's tables and error rows, built in input order from outcomes
    that arrive in any order (each is held only until those before it arrive)."""

    def __init__(self) -> None:
        self._waiting: dict[int, DocumentTables | Failure] = {}
        self._next = 0
        self._parts: dict[str, list[pa.Table]] = {name: [] for name in TABLE_NAMES}
        self.errors: list[dict[str, str]] = []
        self.extracted = 0
        self.failed = 0
        self.incomplete = 0

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
            self._parts[name].append(table)
        if outcome.warning is not None:
            self.incomplete += 1
            incomplete = Failure(
                outcome.source, "incomplete", outcome.warning, "normalise"
            )
            self.errors.append(_error_row(incomplete))

    @property
    def action_rows(self) -> int:
        """Action rows taken so far."""
        return sum(table.num_rows for table in self._parts["actions"])

    def tables(self) -> dict[str, pa.Table]:
        """Every output table, the errors included, over the documents taken."""
        import pyarrow as pa

        from extract.write.files import arrow_table

        assert not self._waiting, "outcomes missing for some inputs"
        out = {
            name: pa.concat_tables(parts) if parts else arrow_table(name, [])
            for name, parts in self._parts.items()
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


def find_inputs(paths: Iterable[Path]) -> Iterator[Path]:
    """Files as given, and folders walked (sorted) for .pdf and .docx files."""
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in SUFFIXES
                and not p.name.startswith("~$")
            )
        else:
            yield path
