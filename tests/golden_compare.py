"""Compare one document's extracted tables with its golden folder, cell by cell.

The golden folder (`tests/golden/<name>/`) holds `actions.csv`, `questions.csv`,
`findings.csv` and `document.json`; the output folder holds the CLI's tables, where a
`source` column names the input file. Every golden row and every compared column is
checked; nothing is sampled. Text is compared after folding white space runs to one
space (the golden README's rule); a null output cell counts as an empty string.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

# Columns compared for each table (actions: every column of the golden CSV).
QUESTION_COLUMNS = ("question_id", "finding_id", "text")
FINDING_COLUMNS = ("finding_id", "section", "title", "narrative")
DOCUMENT_COLUMNS = ("title", "board", "review", "case", "report_date", "rag_key")
TABLES = ("documents", "findings", "questions", "actions")

Row = dict[str, Any]


@dataclass(frozen=True)
class Difference:
    """One cell (or row count) that differs from the golden value."""

    table: str
    row: int  # 1-based position in document order; 0 for the table as a whole
    column: str
    expected: Any
    got: Any

    def __str__(self) -> str:
        where = f"{self.table} row {self.row} {self.column}"
        want, have = self.expected, self.got
        if isinstance(want, str) and isinstance(have, str):
            want, have = fold(want), fold(have)
            start = _first_mismatch(want, have)
            if start > 40:
                # Long cells: show where they part, not their shared beginning.
                where += f" (from char {start - 20})"
                want, have = "…" + want[start - 20 :], "…" + have[start - 20 :]
        return f"{where}: expected {_short(want)} got {_short(have)}"


@dataclass(frozen=True)
class Extraction:
    """One CLI run on one sample: output folder, exit code and what went to stderr."""

    source: str
    out_dir: Path
    exit_code: int
    stderr: str


def fold(value: Any) -> str:
    """A cell as compared: None (or NaN) is "", white space runs become one space."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return " ".join(str(value).split())


def load_golden(folder: Path) -> dict[str, list[Row]]:
    """The golden tables of one document; `documents` is a one-row list."""
    tables = {
        name: _read_csv(folder / f"{name}.csv")
        for name in ("findings", "questions", "actions")
    }
    document = json.loads((folder / "document.json").read_text(encoding="utf-8"))
    tables["documents"] = [document]
    return tables


def load_output(folder: Path, source: str) -> dict[str, list[Row]]:
    """The rows of `source` in an output folder's tables, in the order written."""
    tables: dict[str, list[Row]] = {}
    for name in TABLES:
        rows = _read_table(folder, name)
        tables[name] = [row for row in rows if row.get("source") == source]
    return tables


def compare_table(
    table: str, expected: list[Row], got: list[Row], columns: tuple[str, ...]
) -> list[Difference]:
    """Differences between two tables matched row by row in order, on `columns`."""
    diffs: list[Difference] = []
    if len(expected) != len(got):
        diffs.append(Difference(table, 0, "(row count)", len(expected), len(got)))
    for number, (want, have) in enumerate(zip(expected, got, strict=False), start=1):
        for column in columns:
            if column not in have:
                diffs.append(
                    Difference(table, number, column, want[column], "<no column>")
                )
            elif fold(want[column]) != fold(have[column]):
                diffs.append(
                    Difference(table, number, column, want[column], have[column])
                )
    return diffs


def compare_document(expected: list[Row], got: list[Row]) -> list[Difference]:
    """The document row: title block fields, and the colour key as a list of dicts."""
    diffs: list[Difference] = []
    if len(got) != 1:
        return [Difference("documents", 0, "(row count)", 1, len(got))]
    want, have = expected[0], dict(got[0])
    try:
        have["rag_key"] = json.loads(have.get("rag_key") or "null")
    except (TypeError, ValueError) as exc:
        have["rag_key"] = f"<not JSON: {exc}>"
    for column in DOCUMENT_COLUMNS:
        if column == "rag_key":
            if _fold_deep(want[column]) != _fold_deep(have.get(column)):
                diffs.append(
                    Difference("documents", 1, column, want[column], have.get(column))
                )
        elif column not in have:
            diffs.append(
                Difference("documents", 1, column, want[column], "<no column>")
            )
        elif fold(want[column]) != fold(have[column]):
            diffs.append(Difference("documents", 1, column, want[column], have[column]))
    return diffs


def compare_folder(
    golden: Path, out_dir: Path, source: str, tables: tuple[str, ...] = TABLES
) -> list[Difference]:
    """All differences between a golden folder and `source`'s rows in `out_dir`."""
    want = load_golden(golden)
    have = load_output(out_dir, source)
    diffs: list[Difference] = []
    for table in tables:
        if table == "documents":
            diffs += compare_document(want["documents"], have["documents"])
        elif table == "actions":
            columns = tuple(want["actions"][0]) if want["actions"] else ()
            diffs += compare_table(table, want[table], have[table], columns)
        else:
            columns = QUESTION_COLUMNS if table == "questions" else FINDING_COLUMNS
            diffs += compare_table(table, want[table], have[table], columns)
    return diffs


def describe(diffs: list[Difference], limit: int = 20) -> str:
    """The first `limit` differences, one per line, and the total count."""
    lines = [str(diff) for diff in diffs[:limit]]
    more = f" (first {limit} shown)" if len(diffs) > limit else ""
    return "\n".join([f"{len(diffs)} differences from golden{more}:", *lines])


def _read_csv(path: Path) -> list[Row]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _read_table(folder: Path, name: str) -> list[Row]:
    parquet = folder / f"{name}.parquet"
    if parquet.exists():
        return pq.read_table(parquet).to_pylist()
    path = folder / f"{name}.csv"
    return _read_csv(path) if path.exists() else []


def _fold_deep(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _fold_deep(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_fold_deep(item) for item in value]
    return fold(value) if isinstance(value, str) or value is None else value


def _first_mismatch(a: str, b: str) -> int:
    for index, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return index
    return min(len(a), len(b))


def _short(value: Any, limit: int = 120) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
