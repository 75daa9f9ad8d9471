"""Writers: the batch's tables as Parquet, CSV and an Excel workbook, typed by the
schemas in `schemas/`.

Files are written under temporary names and renamed once all are complete, so an
interrupted run leaves the previous files or none, never half a table. CSV is UTF-8
with a byte order mark so Excel shows dashes, quotes and bullets as printed.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from extract.write.xlsx import WORKBOOK, write_workbook
from schemas.tables import TABLES


def arrow_table(name: str, rows: list[dict[str, Any]]) -> pa.Table:
    """Rows of table `name` as an Arrow table with exactly the declared columns."""
    schema = TABLES[name]
    columns = {field.name: [row.get(field.name) for row in rows] for field in schema}
    return pa.Table.from_pydict(columns, schema=schema)


def write_tables(
    outdir: Path,
    tables: dict[str, pa.Table],
    formats: tuple[str, ...] = ("parquet", "csv"),
) -> list[Path]:
    """Write the tables into `outdir` in each format (`parquet` and `csv`: a file
    per table; `xlsx`: one workbook with a sheet per table); return the paths.

    All files are written under temporary names first and renamed only when every
    one is complete, so a failure part way leaves all the previous files as they
    were (and no temporary file behind).
    """
    jobs: list[tuple[Path, Callable[[Path], None]]] = []
    for fmt in formats:
        if fmt == "xlsx":
            jobs.append((outdir / WORKBOOK, partial(write_workbook, tables=tables)))
            continue
        for name, table in tables.items():
            jobs.append((outdir / f"{name}.{fmt}", partial(_write, table, fmt=fmt)))
    outdir.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[Path, Path]] = []
    try:
        for path, write in jobs:
            staged.append((path.with_name(f".{path.name}.{os.getpid()}.tmp"), path))
            write(staged[-1][0])
        for tmp, path in staged:
            os.replace(tmp, path)
    finally:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
    return [path for _, path in staged]


def _write(table: pa.Table, path: Path, fmt: str) -> None:
    """One table to `path` in `fmt`: Parquet, or CSV behind a UTF-8 BOM."""
    if fmt == "parquet":
        pq.write_table(table, path)
        return
    with path.open("wb") as handle:
        handle.write("\ufeff".encode())
        pacsv.write_csv(table, handle)
