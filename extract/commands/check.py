"""Compare one document's extracted tables with its golden folder, cell by cell.

One comparer serves both `scr-extract check` and the project's own regression
tests, so a document checked by hand and the test suite judge cells the same way.

The golden folder (`tests/golden/<name>/`) holds `actions.csv`, `questions.csv`,
`findings.csv` and `document.json`; the output folder holds the CLI's tables, where a
`source` column names the input file. Every golden row and every compared column is
checked; nothing is sampled. Text is compared after folding white space runs to one
space (the golden README's rule); a null output cell counts as an empty string. The
fold is the normaliser's own (`normalise.text.fold`), so cells are compared by the
rule they are matched by.
"""

from __future__ import annotations

import json
import math
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extract.app.pipeline import Failure, extract_batch
from extract.write.files import write_tables
from extract.write.folder import Row, read_csv, read_table
from normalise.text import fold
from schemas.tables import DOCUMENT_TABLES

# Columns compared for each table (actions: every column of the golden CSV).
QUESTION_COLUMNS = ("question_id", "finding_id", "text")
FINDING_COLUMNS = ("finding_id", "section", "title", "narrative")
DOCUMENT_COLUMNS = ("title", "board", "review", "case", "report_date", "rag_key")
# The tables compared: a document's four (errors hold no golden rows).
TABLES = DOCUMENT_TABLES


@dataclass(frozen=True)
class Difference:
    """One cell (or row count) that differs from the golden value."""

    table: str
    row: int  # 1-based position in document order; 0 for the table as a whole
    column: str
    expected: Any
    got: Any
    page: int | None = None  # where the extracted row starts, when the format has pages

    def __str__(self) -> str:
        where = f"{self.table} row {self.row}"
        if self.page is not None:
            where += f" (page {self.page})"
        where += f" {self.column}"
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
class FieldScore:
    """How many cells of one column match the golden table."""

    table: str
    column: str
    exact: int
    cells: int

    @property
    def percent(self) -> float:
        """Share of exact cells; a column with no cells on either side is exact."""
        return 100.0 * self.exact / self.cells if self.cells else 100.0


@dataclass(frozen=True)
class CheckResult:
    """A document checked against its golden folder: scores per field, differences."""

    scores: list[FieldScore]
    diffs: list[Difference]

    @property
    def percent(self) -> float:
        """Share of exact cells over every compared field."""
        cells = sum(score.cells for score in self.scores)
        exact = sum(score.exact for score in self.scores)
        return 100.0 * exact / cells if cells else 100.0


def load_golden(folder: Path) -> dict[str, list[Row]]:
    """The golden tables of one document; `documents` is a one-row list."""
    tables = {
        name: read_csv(folder / f"{name}.csv")
        for name in ("findings", "questions", "actions")
    }
    document = json.loads((folder / "document.json").read_text(encoding="utf-8"))
    tables["documents"] = [document]
    return tables


def load_output(folder: Path, source: str) -> dict[str, list[Row]]:
    """The rows of `source` in an output folder's tables, in the order written."""
    tables: dict[str, list[Row]] = {}
    for name in TABLES:
        rows = read_table(folder, name)
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
        page = have.get("page_start", have.get("page"))
        for column in columns:
            if column not in have:
                diffs.append(
                    Difference(table, number, column, want[column], "<no column>", page)
                )
            elif fold(want[column]) != fold(have[column]):
                diffs.append(
                    Difference(table, number, column, want[column], have[column], page)
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


def compared_columns(table: str, golden: dict[str, list[Row]]) -> tuple[str, ...]:
    """The columns of `table` that are compared (actions: all of the golden CSV's)."""
    if table == "documents":
        return DOCUMENT_COLUMNS
    if table == "actions":
        return tuple(golden["actions"][0]) if golden["actions"] else ()
    return QUESTION_COLUMNS if table == "questions" else FINDING_COLUMNS


def compare_tables(
    want: dict[str, list[Row]],
    have: dict[str, list[Row]],
    tables: tuple[str, ...] = TABLES,
) -> list[Difference]:
    """All differences between golden tables and one document's extracted tables."""
    diffs: list[Difference] = []
    for table in tables:
        if table == "documents":
            diffs += compare_document(want["documents"], have["documents"])
        else:
            columns = compared_columns(table, want)
            diffs += compare_table(table, want[table], have[table], columns)
    return diffs


def compare_folder(
    golden: Path, out_dir: Path, source: str, tables: tuple[str, ...] = TABLES
) -> list[Difference]:
    """All differences between a golden folder and `source`'s rows in `out_dir`."""
    return compare_tables(load_golden(golden), load_output(out_dir, source), tables)


def field_scores(
    want: dict[str, list[Row]], have: dict[str, list[Row]], diffs: list[Difference]
) -> list[FieldScore]:
    """Exact cells per compared column. A row missing on either side counts as a
    wrong cell in every column, so extra rows lower the score as much as lost ones."""
    wrong: dict[tuple[str, str], int] = {}
    for diff in diffs:
        if diff.row > 0:
            wrong[diff.table, diff.column] = wrong.get((diff.table, diff.column), 0) + 1
    scores: list[FieldScore] = []
    for table in TABLES:
        expected, got = len(want[table]), len(have[table])
        if table == "documents":
            # One document: a missing or doubled row makes every field wrong.
            expected, got = 1, (1 if got == 1 else 0)
        cells = max(expected, got)
        for column in compared_columns(table, want):
            unpaired = cells - min(expected, got)
            exact = cells - unpaired - wrong.get((table, column), 0)
            scores.append(FieldScore(table, column, exact, cells))
    return scores


def check_document(document: Path, golden: Path) -> CheckResult | Failure:
    """Extract `document` as `scr-extract extract` does (in a worker process, under
    the same time limit) into a temporary folder, and compare it with `golden`; a
    document that cannot be extracted gives its `Failure`."""
    want = load_golden(golden)
    [(_, result)] = extract_batch([document], workers=1)
    if isinstance(result, Failure):
        return result
    with tempfile.TemporaryDirectory(prefix="scr-check-") as tmp:
        write_tables(Path(tmp), result.tables, ("parquet",))
        have = load_output(Path(tmp), document.name)
    diffs = compare_tables(want, have)
    return CheckResult(field_scores(want, have, diffs), diffs)


def describe(diffs: list[Difference], limit: int = 20) -> str:
    """The first `limit` differences, one per line, and the total count."""
    lines = [str(diff) for diff in diffs[:limit]]
    more = f" (first {limit} shown)" if len(diffs) > limit else ""
    return "\n".join([f"{len(diffs)} differences from golden{more}:", *lines])


def report(result: CheckResult, limit: int = 20) -> str:
    """What `scr-extract check` prints: a line per field, then the differences."""
    width = max(len(f"{s.table}.{s.column}") for s in result.scores)
    lines = [f"{'field':<{width}}  {'exact':>7}  {'cells':>5}"]
    for score in result.scores:
        name = f"{score.table}.{score.column}"
        lines.append(f"{name:<{width}}  {shown(score.percent):>7}  {score.cells:>5}")
    cells = sum(score.cells for score in result.scores)
    lines.append(f"{'all fields':<{width}}  {shown(result.percent):>7}  {cells:>5}")
    if result.diffs:
        lines += ["", describe(result.diffs, limit)]
    return "\n".join(lines)


def shown(percent: float) -> str:
    """A percentage to two decimals, rounded down so that 100.00% means exact."""
    return f"{math.floor(percent * 100) / 100:.2f}%"


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
