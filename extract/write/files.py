"""Writers: the batch's tables as Parquet, CSV and an Excel workbook, typed by the
schemas in `schemas/`, and the one atomic write every output file goes through.

Files are written under temporary names and renamed once all are complete, so an
interrupted run leaves the previous files or none, never half a table. CSV is UTF-8
with a byte order mark so Excel shows dashes, quotes and bullets as printed; every
text cell is quoted.

pyarrow (and openpyxl, for the workbook) are imported when a table is first typed
or written, not with this module: the command's main process loads them while its
workers read the documents (`load_writers`), and a worker never loads them.
"""

from __future__ import annotations

import importlib.abc
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyarrow as pa

# The file formats a run can write, and the file suffix of each per-table format.
FORMATS = ("parquet", "csv", "xlsx")
TABLE_FORMATS = ("parquet", "csv")
# The one workbook the `xlsx` format writes, a sheet per table.
WORKBOOK = "scr-extract.xlsx"
Writer = Callable[[Path], None]


class RowShapeError(ValueError):
    """A row whose keys are not exactly its table's columns (a normaliser bug):
    refused rather than written with a null column."""


def arrow_table(name: str, rows: list[dict[str, Any]]) -> pa.Table:
    """Rows of table `name` as an Arrow table with exactly the declared columns.

    Every row must carry every column and nothing else, so a misspelt key is an
    error here instead of a column of nulls in the output."""
    import pyarrow as pa

    from schemas.tables import TABLES

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


def load_writers() -> None:
    """Import what typing and writing the tables takes (pyarrow and its Parquet
    and CSV writers), so that a caller can do it while it waits for other work.

    pyarrow's first conversion of a Python list asks whether the list is a
    pandas object, importing pandas (about 0.3 s) to find out; rows are never
    pandas objects, so when pandas is not loaded yet that first conversion is
    made with pandas hidden, and pyarrow settles on "no pandas" for its type
    checks. pandas stays importable: loading it afterwards works as usual, and
    pyarrow's own pandas conversions (`to_pandas`, `from_pandas`) load it then.
    """
    import pyarrow as pa
    import pyarrow.csv
    import pyarrow.parquet

    if "pandas" in sys.modules:
        return
    hidden = _Hidden(("pandas",))
    sys.meta_path.insert(0, hidden)
    try:
        pa.array([], pa.string())
    finally:
        sys.meta_path.remove(hidden)


class _Hidden(importlib.abc.MetaPathFinder):
    """An import finder under which some packages cannot be imported."""

    def __init__(self, packages: Sequence[str]) -> None:
        self.packages = tuple(packages)

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name.split(".", 1)[0] in self.packages:
            raise ModuleNotFoundError(f"{name} hidden", name=name)
        return None


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
            jobs[outdir / WORKBOOK] = lambda path: _write_workbook(path, tables)
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


def _write_workbook(path: Path, tables: dict[str, pa.Table]) -> None:
    from extract.write.xlsx import write_workbook  # openpyxl: only for a workbook

    write_workbook(path, tables)


def _table_writer(table: pa.Table, fmt: str) -> Writer:
    def write(path: Path) -> None:
        _write(table, path, fmt)

    return write


def _write(table: pa.Table, path: Path, fmt: str) -> None:
    """One table to `path` in `fmt`: Parquet, or CSV behind a UTF-8 BOM with every
    text cell quoted (Arrow quotes every string), so a cell with line breaks stays
    one cell and a text id such as "1.1" is marked as text."""
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    if fmt == "parquet":
        pq.write_table(table, path)
        return
    with path.open("wb") as handle:
        handle.write("\ufeff".encode())
        pacsv.write_csv(table, handle)
