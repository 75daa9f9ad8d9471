"""Where a plan stands: RAG counts by agency and by finding, and a heatmap for papers.

Boards ask two questions of an action plan: which agencies are behind, and which
findings are still open. `summary` answers both from an output folder's `actions`
table, as terminal tables and as one PNG per document (agency × finding) that can
go straight into a board paper. Each heatmap cell is split into bars by the share
of its actions in each status, so a cell with mixed statuses is not hidden behind
one average colour.

Everything is grouped by document (`source`): finding 1 of one plan is not finding
1 of another. The heatmap's palette is safe for colour-blind readers (the
Okabe-Ito colours, and two greys that differ in lightness), and "unrated" (no
update given, what a board most needs to chase) has its own colour, apart from
"not applicable".
"""

from __future__ import annotations

import re
import sys
import textwrap
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle
from rich.console import Console
from rich.table import Table

from extract.write.files import atomic_write
from extract.write.folder import Row, read_table, table_file
from schemas.vocab import Rag

HEATMAP = "heatmap.png"
# Columns of the terminal tables and bars of a heatmap cell, best status first.
STATUSES = (
    Rag.COMPLETE,
    Rag.GREEN,
    Rag.AMBER,
    Rag.RED,
    Rag.NOT_APPLICABLE,
    Rag.UNRATED,
)
# The heatmap's colours: Okabe & Ito's palette (blue, bluish green, yellow,
# vermillion), told apart under every common colour-vision deficiency, then a
# light grey for "not applicable" and a dark grey for "unrated".
PALETTE: dict[Rag, str] = {
    Rag.COMPLETE: "#0072B2",
    Rag.GREEN: "#009E73",
    Rag.AMBER: "#F0E442",
    Rag.RED: "#D55E00",
    Rag.NOT_APPLICABLE: "#BBBBBB",
    Rag.UNRATED: "#555555",
}
_LEGEND = {Rag.NOT_APPLICABLE: "not applicable", Rag.UNRATED: "unrated (no update)"}
# A white box under each cell's count, readable on any of the colours.
_COUNT_BOX = {"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none"}
# Terminal headers short enough for an 80-column window.
_SHORT = {Rag.NOT_APPLICABLE: "n/a"}
# The narrowest heatmap (inches), and about how many title characters fit in an
# inch of its width at matplotlib's default title size.
MIN_FIGURE_WIDTH, TITLE_CHARS_PER_INCH = 6.0, 8
TITLE_LINE_INCHES = 0.3
# A piped table is printed this wide at most, so no column is ever cut.
PIPED_WIDTH = 10_000
# The names `heatmap_names` gives, and no other file's.
_PICTURE = re.compile(r"heatmap(?:-\d+-[A-Za-z0-9.-]+)?\.png")
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
    """The `actions` rows of an output folder (the run its manifest names).

    Raises FileNotFoundError when the folder has no actions table."""
    if table_file(outdir, "actions") is None:
        raise FileNotFoundError(
            f"no actions.parquet or actions.csv in {outdir} (extract with "
            "--format both or all to write them)"
        )
    return read_table(outdir, "actions")


def summarise(outdir: Path, picture_dir: Path, console: Console | None = None) -> int:
    """`scr-extract summary`: print the counts, write the heatmaps; exit code."""
    try:
        rows = load_actions(outdir)
    except FileNotFoundError as exc:
        print(f"scr-extract: {exc}", file=sys.stderr)
        return 2
    if not rows:
        print(f"scr-extract: no action rows in {outdir}", file=sys.stderr)
        return 1
    print_counts(rows, console or _console())
    titles = {row["source"]: row for row in read_table(outdir, "documents")}
    pictures = heatmap_names(list(by_document(rows)))
    try:
        picture_dir.mkdir(parents=True, exist_ok=True)
        for source, actions in by_document(rows).items():
            title = heatmap_title(source, titles.get(source, {}))
            write_heatmap(grid(actions), picture_dir / pictures[source], title)
        _remove_stale_pictures(picture_dir, set(pictures.values()))
    except OSError as exc:
        reason = exc.strerror or exc
        print(f"scr-extract: cannot write to {picture_dir}: {reason}", file=sys.stderr)
        return 2
    names = ", ".join(pictures.values())
    print(f"heatmap -> {picture_dir}/{names}", file=sys.stderr)
    return 0


def by_document(rows: list[Row]) -> dict[str, list[Row]]:
    """The rows of each document (`source`), documents in order of appearance."""
    out: dict[str, list[Row]] = {}
    for row in rows:
        out.setdefault(str(row.get("source") or ""), []).append(row)
    return out


def heatmap_names(sources: list[str]) -> dict[str, str]:
    """The picture file of each document: `heatmap.png` for one document, else
    `heatmap-N-NAME.png` (N its place, zero-padded so the files sort in document
    order; NAME its source in safe characters)."""
    if len(sources) == 1:
        return {sources[0]: HEATMAP}
    digits = len(str(len(sources)))
    return {
        source: f"heatmap-{number:0{digits}d}-{_slug(source)}.png"
        for number, source in enumerate(sources, start=1)
    }


def heatmap_title(source: str, document: Row) -> str:
    """The plan's title (or file), where it came from, and its report date."""
    title = str(document.get("title") or "").strip() or source
    line = f"{title} ({source})" if title != source else source
    if document.get("report_date"):
        line += f", report as at {document['report_date']}"
    return line


def counts_by(rows: list[Row], key: str) -> dict[tuple[str, str], Counter[Rag]]:
    """Status counts per (document, agency or finding `key`), in order of first
    appearance."""
    out: dict[tuple[str, str], Counter[Rag]] = {}
    for row, label in zip(rows, _labels(rows, key), strict=True):
        group = (str(row.get("source") or ""), label)
        out.setdefault(group, Counter())[_status(row)] += 1
    return out


def grid(rows: list[Row]) -> Grid:
    """The agency × finding grid: agencies A to Z, findings in document order.
    With rows of several documents a finding is named with its source."""
    finding_of = _labels(rows, "finding_id")
    if len(by_document(rows)) > 1:
        finding_of = [
            f"{label} ({row.get('source')})"
            for row, label in zip(rows, finding_of, strict=True)
        ]
    agency_of = _labels(rows, "agency")
    agencies = sorted(set(agency_of), key=str.casefold)
    findings = list(dict.fromkeys(finding_of))
    counts = [[Counter[Rag]() for _ in findings] for _ in agencies]
    for row, agency, finding in zip(rows, agency_of, finding_of, strict=True):
        counts[agencies.index(agency)][findings.index(finding)][_status(row)] += 1
    return Grid(agencies, findings, counts)


def print_counts(rows: list[Row], console: Console) -> None:
    """The two terminal tables: by agency and by finding, each row within its
    document (a `document` column when there are several)."""
    several = len(by_document(rows)) > 1
    for title, key in (("RAG by agency", "agency"), ("RAG by finding", "finding")):
        table = Table(title=title)
        if several:
            table.add_column("document")
        table.add_column(key)
        for status in STATUSES:
            header = _SHORT.get(status, status.value)
            table.add_column(
                header,
                justify="right",
                header_style=f"bold {PALETTE[status]}",
                min_width=len(header),
            )
        table.add_column("total", justify="right", min_width=5)
        column = "finding_id" if key == "finding" else key
        for (source, label), counts in counts_by(rows, column).items():
            cells = [str(counts[status]) for status in STATUSES]
            first = [source, label] if several else [label]
            table.add_row(*first, *cells, str(counts.total()))
        console.print(table)


def write_heatmap(cells: Grid, path: Path, title: str = "") -> None:
    """The grid as a PNG, written under a temporary name and renamed."""
    figure = heatmap_figure(cells, title)
    atomic_write(path, lambda tmp: figure.savefig(tmp, format="png", dpi=150))


def heatmap_figure(cells: Grid, title: str = "") -> Figure:
    """The grid drawn: a cell per agency and finding, its legend and title."""
    rows, cols = len(cells.agencies), len(cells.findings)
    width = max(MIN_FIGURE_WIDTH, 3.0 + 0.9 * cols)
    heading = "Status of actions by agency and finding (number: actions)"
    # A long plan title is wrapped to the picture's width, never cut at its edge.
    lines = [*textwrap.wrap(title, int(width * TITLE_CHARS_PER_INCH)), heading]
    height = 1.2 + 0.45 * rows + TITLE_LINE_INCHES * len(lines)
    figure = Figure(figsize=(width, height), layout="tight")
    figure.suptitle("\n".join(lines))
    axes = figure.add_subplot()
    for i, row in enumerate(cells.counts):
        for j, counts in enumerate(row):
            _draw_cell(axes, i, j, counts)
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
        Patch(color=PALETTE[status], label=_LEGEND.get(status, status.value))
        for status in STATUSES
    ]
    axes.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1))
    return figure


def _draw_cell(axes: Axes, i: int, j: int, counts: Counter[Rag]) -> None:
    """One agency × finding cell: a bar per status by share, and the count."""
    total = counts.total()
    if not total:
        return
    left = float(j)
    for status in STATUSES:
        share = counts[status] / total
        if share:
            axes.add_patch(Rectangle((left, i), share, 1, color=PALETTE[status], lw=0))
            left += share
    axes.text(j + 0.5, i + 0.5, str(total), ha="center", va="center", bbox=_COUNT_BOX)


def _remove_stale_pictures(folder: Path, kept: set[str]) -> None:
    """Heatmaps an earlier summary drew in `folder` for documents no longer in
    the table: removed, so every picture there is of the table just read."""
    for path in folder.glob("heatmap*.png"):
        if path.name not in kept and _PICTURE.fullmatch(path.name):
            path.unlink(missing_ok=True)


def _console() -> Console:
    """A console for the tables: the terminal's width, or when piped wide enough
    that no column is cut (a file or another program has no edge)."""
    console = Console()
    return console if console.is_terminal else Console(width=PIPED_WIDTH)


def _status(row: Row) -> Rag:
    """The row's canonical status; a value outside the vocabulary is unrated."""
    try:
        return Rag(row.get("rag") or Rag.UNRATED)
    except ValueError:
        return Rag.UNRATED


def _labels(rows: list[Row], key: str) -> list[str]:
    """Each row's agency or finding as shown."""
    empty = NO_AGENCY if key == "agency" else NO_FINDING
    return [str(row.get(key) or "") or empty for row in rows]


def _slug(source: str) -> str:
    """A source path as a file name: letters, digits, dots and dashes."""
    return re.sub(r"[^A-Za-z0-9.]+", "-", source).strip("-") or "document"
