"""Writers: the batch's tables as Parquet, CSV and an Excel workbook, typed by the
schemas in `schemas/`, and the one atomic write every output file goes through.

Files are written under temporary names and renamed once all are complete, so an
interrupted run leaves the previous files or none, never half a table. CSV is UTF-8
with a byte order mark so Excel shows dashes, quotes and bullets as printed; every
text cell is quoted.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from extract.write.xlsx import WORKBOOK, write_workbook
from schemas.tables import TABLES

# The file formats a run can write, and the file suffix of each per-table format.
FORMATS = ("parquet", "csv", "xlsx")
TABLE_FORMATS = ("parquet", "csv")
Writer = Callable[[Path], None]


class RowShapeError(ValueError):
    """A row whose keys are not exactly its table's columns (a normaliser bug):
    refused rather than written with a null column."""


def arrow_table(name: str, rows: list[dict[str, Any]]) -> pa.Table:
    """Rows of table `name` as an Arrow table with exactly the declared columns.

    Every row must carry every column and nothing else, so a misspelt key is an
    error here instead of a column of nulls in the output."""
    schema = TABLES[name]
    declared = set(schema.names)
    for number, row in enumerate(rows, start=1):
        if row.keys() != declared:
            missing = sorted(declared - row.keys())
            unknown = sorted(row.keys() - declared)
            raise RowShapeError(
                f"{name} row {number}: missing columns {missing}, "
                f"unknown columns {unknown}"
            )
    columns = {field: [row[field] for row in rows] for field in schema.names}
    return pa.Table.from_pydict(columns, schema=schema)


def temporary_name(path: Path) -> Path:
    """Where `path` is written before it is renamed into place: hidden, beside it
    (same file system, so the rename is atomic), and named for this process."""
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


@contextmanager
def staged(paths: Iterable[Path]) -> Iterator[list[Path]]:
    """Temporary paths for `paths`, renamed onto them together when the block
    ends without an error; removed in every case, so none is ever left behind."""
    pairs = [(temporary_name(path), path) for path in paths]
    try:
        yield [tmp for tmp, _ in pairs]
        for tmp, path in pairs:
            os.replace(tmp, path)
    finally:
        for tmp, _ in pairs:
            tmp.unlink(missing_ok=True)


def atomic_write(path: Path, write: Writer) -> None:
    """`write(tmp)` then rename `tmp` onto `path`: readers see the old file or the
    whole new one, never a half-written file."""
    with staged([path]) as (tmp,):
        write(tmp)


def table_jobs(
    outdir: Path, tables: dict[str, pa.Table], formats: Iterable[str]
) -> dict[Path, Writer]:
    """The files `tables` make in `formats` (`parquet`, `csv`: a file per table;
    `xlsx`: one workbook with a sheet per table), each with its writer."""
    jobs: dict[Path, Writer] = {}
    for fmt in formats:
        if fmt == "xlsx":
            jobs[outdir / WORKBOOK] = lambda path: write_workbook(path, tables)
            continue
        for name, table in tables.items():
            jobs[outdir / f"{name}.{fmt}"] = _table_writer(table, fmt)
    return jobs


def write_files(jobs: dict[Path, Writer]) -> list[Path]:
    """Write every job's file under a temporary name, then rename them all: a
    failure part way leaves all the previous files as they were."""
    paths = list(jobs)
    with staged(paths) as temporary:
        for tmp, write in zip(temporary, jobs.values(), strict=True):
            write(tmp)
    return paths


def write_tables(
    outdir: Path,
    tables: dict[str, pa.Table],
    formats: tuple[str, ...] = TABLE_FORMATS,
) -> list[Path]:
    """Write the tables into `outdir` in each format; return the paths."""
    outdir.mkdir(parents=True, exist_ok=True)
    return write_files(table_jobs(outdir, tables, formats))


def _table_writer(table: pa.Table, fmt: str) -> Writer:
    def write(path: Path) -> None:
        _write(table, path, fmt)

    return write


def _write(table: pa.Table, path: Path, fmt: str) -> None:
    """One table to `path` in `fmt`: Parquet, or CSV behind a UTF-8 BOM with every
    text cell quoted (Arrow quotes every string), so a cell with line breaks stays
    one cell and a text id such as "1.1" is marked as text."""
    if fmt == "parquet":
        pq.write_table(table, path)
        return
    with path.open("wb") as handle:
        handle.write("\ufeff".encode())
        pacsv.write_csv(table, handle)
