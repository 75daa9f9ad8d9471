"""Writers: the batch's rows as Parquet and CSV, typed by the schemas in `schemas/`.

Each file is written under a temporary name and renamed, so an interrupted run
leaves the previous file or none, never half a table. CSV is UTF-8 with a byte
order mark so Excel shows dashes, quotes and bullets as printed.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from schemas.tables import TABLES


def arrow_table(name: str, rows: list[dict[str, Any]]) -> pa.Table:
    """Rows of table `name` as an Arrow table with exactly the declared columns."""
    schema = TABLES[name]
    columns = {field.name: [row.get(field.name) for row in rows] for field in schema}
    return pa.Table.from_pydict(columns, schema=schema)


def write_tables(
    outdir: Path,
    tables: dict[str, list[dict[str, Any]]],
    formats: tuple[str, ...] = ("parquet", "csv"),
) -> list[Path]:
    """Write every table in every format into `outdir`; return the paths written."""
    outdir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name, rows in tables.items():
        table = arrow_table(name, rows)
        for fmt in formats:
            path = outdir / f"{name}.{fmt}"
            _atomic(path, lambda tmp, t=table, f=fmt: _write(t, tmp, f))
            written.append(path)
    return written


def _write(table: pa.Table, path: Path, fmt: str) -> None:
    if fmt == "parquet":
        pq.write_table(table, path)
        return
    with path.open("wb") as handle:
        handle.write("\ufeff".encode())
        pacsv.write_csv(table, handle)


def _atomic(path: Path, write: Any) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
