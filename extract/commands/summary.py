"""Where a plan stands: RAG counts by agency and by finding, and a heatmap for papers.

Boards ask two questions of an action plan: which agencies are behind, and which
findings are still open. `summary` answers both from an output folder's `actions`
table, as terminal tables and as one PNG (agency × finding) that can go straight
into a board paper. Each heatmap cell is split into bars by the share of its actions
that are complete, green, amber, red or other (not applicable or unrated), so a
cell with mixed statuses is not hidden behind one average colour.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle
from rich.console import Console
from rich.table import Table

from extract.commands.check import Row, read_table
from schemas.vocab import RAG_COLOURS, Rag

HEATMAP = "heatmap.png"
# Columns of the terminal tables, best status first.
STATUSES = (
    Rag.COMPLETE,
    Rag.GREEN,
    Rag.AMBER,
    Rag.RED,
    Rag.NOT_APPLICABLE,
    Rag.UNRATED,
)
# Heatmap segments: the four colours of the RAG key, then everything else in grey.
SEGMENTS = (Rag.COMPLETE, Rag.GREEN, Rag.AMBER, Rag.RED)
_SEGMENT_COLOURS = (*(f"#{RAG_COLOURS[status]}" for status in SEGMENTS), "#BFBFBF")
_SEGMENT_NAMES = (*(status.value for status in SEGMENTS), "n/a or unrated")
# A white box under each cell's count, readable on any of the colours.
_COUNT_BOX = {"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none"}
# Terminal headers short enough for an 80-column window.
_SHORT = {Rag.NOT_APPLICABLE: "n/a"}
NO_AGENCY = "(no agency)"
NO_FINDING = "(no finding)"


@dataclass(frozen=True)
class Grid:
    """Status counts of the actions of each agency (rows) under each finding
    (columns); `counts[i][j]` is for `agencies[i]` and `findings[j]`."""

    agencies: list[str]
    findings: list[str]
    counts: list[list[Counter[Rag]]]


def load_actions(outdir: Path) -> list[Row]:
    """The `actions` rows of an output folder (Parquet, else CSV).

    Raises FileNotFoundError when the folder has neither file."""
    if not any((outdir / f"actions.{ext}").is_file() for ext in ("parquet", "csv")):
        raise FileNotFoundError(
            f"no actions.parquet or actions.csv in {outdir} (extract with "
            "--format both or all to write them)"
        )
    return read_table(outdir, "actions")


def counts_by(rows: list[Row], key: str) -> dict[str, Counter[Rag]]:
    """Status counts per agency or finding (`key`), in order of first appearance."""
    out: dict[str, Counter[Rag]] = {}
    for row, label in zip(rows, _labels(rows, key), strict=True):
        out.setdefault(label, Counter())[_status(row)] += 1
    return out


def grid(rows: list[Row]) -> Grid:
    """The agency × finding grid: agencies A to Z, findings in document order."""
    agency_of, finding_of = _labels(rows, "agency"), _labels(rows, "finding_id")
    agencies = sorted(set(agency_of), key=str.casefold)
    findings = list(dict.fromkeys(finding_of))
    counts = [[Counter[Rag]() for _ in findings] for _ in agencies]
    for row, agency, finding in zip(rows, agency_of, finding_of, strict=True):
        counts[agencies.index(agency)][findings.index(finding)][_status(row)] += 1
    return Grid(agencies, findings, counts)


def print_counts(rows: list[Row], console: Console) -> None:
    """The two terminal tables: by agency and by finding."""
    for title, key in (("RAG by agency", "agency"), ("RAG by finding", "finding")):
        table = Table(title=title)
        table.add_column(key)
        for status in STATUSES:
            colour = RAG_COLOURS.get(status)
            header = _SHORT.get(status, status.value)
            table.add_column(
                header,
                justify="right",
                header_style=f"bold #{colour}" if colour else "bold",
                min_width=len(header),
            )
        table.add_column("total", justify="right", min_width=5)
        column = "finding_id" if key == "finding" else key
        for label, counts in counts_by(rows, column).items():
            cells = [str(counts[status]) for status in STATUSES]
            table.add_row(label, *cells, str(counts.total()))
        console.print(table)


def write_heatmap(cells: Grid, path: Path) -> None:
    """The grid as a PNG, written under a temporary name and renamed."""
    rows, cols = len(cells.agencies), len(cells.findings)
    figure = Figure(figsize=(2.0 + 0.9 * cols, 1.2 + 0.45 * rows), layout="tight")
    axes = figure.add_subplot()
    for i, row in enumerate(cells.counts):
        for j, counts in enumerate(row):
            total = counts.total()
            if not total:
                continue
            shares = [counts[status] / total for status in SEGMENTS]
            shares.append(1 - sum(shares))
            left = j
            for share, colour in zip(shares, _SEGMENT_COLOURS, strict=True):
                axes.add_patch(Rectangle((left, i), share, 1, color=colour, lw=0))
                left += share
            axes.text(
                j + 0.5, i + 0.5, str(total), ha="center", va="center", bbox=_COUNT_BOX
            )
    axes.set_xlim(0, cols)
    axes.set_ylim(rows, 0)
    # Long labels (findings named with their source) stand upright.
    upright = max(len(finding) for finding in cells.findings) > 6
    axes.set_xticks(
        [j + 0.5 for j in range(cols)], cells.findings, rotation=90 if upright else 0
    )
    axes.set_yticks([i + 0.5 for i in range(rows)], cells.agencies)
    axes.set_xlabel("finding")
    axes.set_xticks(range(cols + 1), minor=True)
    axes.set_yticks(range(rows + 1), minor=True)
    axes.grid(which="minor", color="white", linewidth=2)
    axes.tick_params(which="both", length=0)
    handles = [
        Patch(color=colour, label=name)
        for colour, name in zip(_SEGMENT_COLOURS, _SEGMENT_NAMES, strict=True)
    ]
    axes.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1))
    axes.set_title("Status of actions by agency and finding (number: actions)")
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        figure.savefig(tmp, format="png", dpi=150)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _status(row: Row) -> Rag:
    """The row's canonical status; a value outside the vocabulary is unrated."""
    try:
        return Rag(row.get("rag") or Rag.UNRATED)
    except ValueError:
        return Rag.UNRATED


def _labels(rows: list[Row], key: str) -> list[str]:
    """Each row's agency or finding as shown. With several documents a finding is
    named with its source, since finding 1 of one plan is not finding 1 of another."""
    empty = NO_AGENCY if key == "agency" else NO_FINDING
    several = key == "finding_id" and len({row.get("source") for row in rows}) > 1
    labels = [str(row.get(key) or "") or empty for row in rows]
    if several:
        return [
            f"{label} ({row.get('source')})"
            for row, label in zip(rows, labels, strict=True)
        ]
    return labels
