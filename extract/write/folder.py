"""An output folder as one consistent set of files: what a run owns, its manifest,
and reading its tables back (for `summary`, `check` and the tests alike).

A run replaces every table file it owns together: the new files are written under
temporary names, renamed into place, the files of an earlier run that this run did
not write (another format) are removed, and `manifest.json` says what is there.
So a folder never mixes two runs, and a reader that goes through the manifest
never reads a stale table. The manifest alone holds the time of the run: the
Parquet and CSV files stay byte-identical from one run to the next.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extract.write.files import (
    TABLE_FORMATS,
    WORKBOOK,
    Writer,
    atomic_write,
    table_jobs,
    write_files,
)

if TYPE_CHECKING:
    import pyarrow as pa

MANIFEST = "manifest.json"
Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Run:
    """What a run was given and asked for, as the manifest records it."""

    inputs: Sequence[str]  # the sources, in input order
    formats: Sequence[str]


def tool_version() -> str:
    """The installed scr-extract version ("unknown" when run from a bare tree).
    importlib.metadata is loaded here, at write time: at import it would cost
    every run about 0.02 s before its first document is read (issue 16)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("scr-extract")
    except PackageNotFoundError:
        return "unknown"


def owned_files(outdir: Path) -> set[Path]:
    """Every file in `outdir` a run of this tool may have written: each table in
    each format, the workbook, and whatever the manifest lists."""
    from schemas.tables import TABLE_NAMES  # loads pyarrow: at write time only

    names = {f"{t}.{fmt}" for t in TABLE_NAMES for fmt in TABLE_FORMATS}
    names.add(WORKBOOK)
    manifest = read_manifest(outdir)
    if manifest is not None:
        for section in ("files", "errors_files"):
            names.update(Path(name).name for name in manifest.get(section, []))
    return {outdir / name for name in names if (outdir / name).is_file()}


def write_run(outdir: Path, tables: dict[str, pa.Table], run: Run) -> list[Path]:
    """Replace the folder's run with this one: its tables in `run.formats`, the
    earlier run's other files removed, and a new manifest."""
    outdir.mkdir(parents=True, exist_ok=True)
    old = owned_files(outdir)
    written = write_files(table_jobs(outdir, tables, run.formats))
    for path in old - set(written):
        path.unlink(missing_ok=True)
    rows = {name: table.num_rows for name, table in tables.items()}
    names = [path.name for path in written]
    manifest = _manifest(run, names, rows)
    manifest["errors_files"] = [n for n in names if n.startswith("errors.")]
    _write_manifest(outdir, manifest)
    return written


def write_errors_only(outdir: Path, errors: pa.Table, run: Run) -> list[Path]:
    """A run that read nothing good: only its `errors` table is written (CSV, or
    the table formats asked for), and the earlier run's tables stay as they were.

    The manifest keeps describing those tables and records this run apart, under
    `failed_run`; an earlier run's errors files in other formats are removed, so
    the folder holds one run's errors only."""
    outdir.mkdir(parents=True, exist_ok=True)
    formats = [fmt for fmt in run.formats if fmt in TABLE_FORMATS] or ["csv"]
    jobs: dict[Path, Writer] = table_jobs(outdir, {"errors": errors}, formats)
    written = write_files(jobs)
    previous = read_manifest(outdir) or {}
    stale = {f"errors.{fmt}" for fmt in TABLE_FORMATS} - {p.name for p in written}
    for name in stale:
        (outdir / name).unlink(missing_ok=True)
    names = [path.name for path in written]
    manifest = {key: value for key, value in previous.items() if key != "failed_run"}
    manifest.setdefault("tool", "scr-extract")
    manifest["files"] = [n for n in manifest.get("files", []) if n not in stale]
    manifest["errors_files"] = names
    manifest["failed_run"] = _manifest(run, names, {"errors": errors.num_rows})
    _write_manifest(outdir, manifest)
    return written


def read_manifest(outdir: Path) -> dict[str, Any] | None:
    """The folder's manifest, or None when it has none (or an unreadable one)."""
    try:
        data = json.loads((outdir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def table_file(outdir: Path, name: str) -> Path | None:
    """The file to read table `name` from: the one the manifest lists (Parquet
    before CSV), else, in a folder without a manifest, whichever exists."""
    manifest = read_manifest(outdir)
    listed = None
    if manifest is not None:
        section = "errors_files" if name == "errors" else "files"
        listed = set(manifest.get(section, []))
    for fmt in TABLE_FORMATS:
        path = outdir / f"{name}.{fmt}"
        if (listed is None or path.name in listed) and path.is_file():
            return path
    return None


def read_table(outdir: Path, name: str) -> list[Row]:
    """Table `name` of an output folder as rows (see `table_file`); [] if absent."""
    path = table_file(outdir, name)
    if path is None:
        return []
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        return pq.read_table(path).to_pylist()
    return read_csv(path)


def read_csv(path: Path) -> list[Row]:
    """A CSV file (UTF-8, with or without a byte order mark) as rows of text."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _manifest(run: Run, files: list[str], rows: dict[str, int]) -> dict[str, Any]:
    return {
        "tool": "scr-extract",
        "version": tool_version(),
        "written": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "inputs": list(run.inputs),
        "formats": list(run.formats),
        "files": files,
        "rows": rows,
    }


def _write_manifest(outdir: Path, manifest: dict[str, Any]) -> None:
    text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    atomic_write(outdir / MANIFEST, lambda path: path.write_text(text, "utf-8"))
