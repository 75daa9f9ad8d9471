"""One found table cut where its column grid changes: each part is a table.

The table finder joins any cells whose rules touch, so two tables printed one
right under the other come out as one. Report generators do this when a table
splits: ReportLab may print the next part of a table on the same page, right
under the part before, with its whole grid a few points to the side; the finder
then sees one table whose columns are the two grids' edges side by side, every
cell a merge of two "columns". A table's rows share its outer edges and its
column edges, so where, at a level no cell crosses, the rows below have other
outer edges than the rows above and neither row's column edges are among the
other's (a header merged over columns, a full-width row, a narrower last row
keep theirs within the grid), the rows below are another table. The tolerance is
the rule snap the table finder itself uses. Each part is then read as any table
is (repeated header, stitching to the part before on the same grid, rows cut by
a page break).
"""

from __future__ import annotations

from extract.pdf.cell_boxes import cluster
from schemas.blocks import BBox


def grid_runs(
    bbox: BBox, boxes: list[BBox], tolerance: float
) -> list[tuple[BBox, list[BBox]]]:
    """The found table's cells cut into runs of rows on one column grid, each
    with its own box; a table on one grid is one run, its box unchanged."""
    cuts = _grid_changes(boxes, tolerance)
    if not cuts:
        return [(bbox, boxes)]
    runs: list[list[BBox]] = [[] for _ in range(len(cuts) + 1)]
    for box in boxes:
        runs[sum(1 for y in cuts if box[1] >= y - tolerance)].append(box)
    return [(_outline(run), run) for run in runs if run]


def _grid_changes(boxes: list[BBox], tolerance: float) -> list[float]:
    """The levels, top to bottom, where the cells starting there are on another
    column grid than the run of rows above: no cell crosses the level, and
    neither the run's column edges (all its rows', so a row with holes or a
    full-width row still has the run's grid) nor the new cells' are all among
    the other's."""
    levels = cluster([b[1] for b in boxes], tolerance)
    cuts: list[float] = []
    grid: list[float] = []
    for y in levels:
        starting = [b for b in boxes if abs(b[1] - y) <= tolerance]
        edges = _edges(starting, tolerance)
        crossed = any(b[1] < y - tolerance and b[3] > y + tolerance for b in boxes)
        if grid and not crossed and not _nested(grid, edges, tolerance):
            cuts.append(y)
            grid = []
        grid = cluster(grid + edges, tolerance)
    return cuts


def _edges(boxes: list[BBox], tolerance: float) -> list[float]:
    return cluster([b[0] for b in boxes] + [b[2] for b in boxes], tolerance)


def _nested(one: list[float], other: list[float], tolerance: float) -> bool:
    """Whether all of one list's edges are among the other's (either way)."""
    return _within(one, other, tolerance) or _within(other, one, tolerance)


def _within(edges: list[float], grid: list[float], tolerance: float) -> bool:
    return all(any(abs(x - g) <= tolerance for g in grid) for x in edges)


def _outline(boxes: list[BBox]) -> BBox:
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
