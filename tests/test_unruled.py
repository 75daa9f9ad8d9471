"""Action tables without a full grid of rules (issue 15).

The renderings in `tests/fixtures/unruled/` print the samples' action tables with
horizontal rules only, zebra shading only or white space only, from LibreOffice
and from ReportLab (see that folder's README). Each must give every row and at
least 99% of the golden cells, compared in full by the project's comparer. The
prose pages (paragraphs, a two-column page, a title block, lists, an unruled
glossary of the action-plan column names) must give no table at all.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from golden_compare import Extraction, describe

from extract.commands.check import (
    compare_tables,
    field_scores,
    load_golden,
    load_output,
    read_table,
)
from extract.pdf.gutters import Segment, make_line, segments
from extract.pdf.reader import read_pdf
from extract.pdf.row_bands import white_space_starts
from extract.pdf.unruled import UNCERTAIN_ROW
from schemas.blocks import Table

FIXTURES = Path(__file__).parent / "fixtures" / "unruled"
sys.path.insert(0, str(FIXTURES))
import build_unruled  # noqa: E402
from docx_helpers import read_csv  # noqa: E402

RENDERINGS = {r.name: r for r in build_unruled.RENDERINGS}
# The tight renderings' rows (no rules, shading or cell padding between them)
# that nothing on the page tells apart but one column starting afresh, each a
# golden row whose only text is its action: read as rows, and reported.
UNCERTAIN = {
    "julia-part-lo-tight": [(9, "Assess awareness of"), (9, "Circulate SCR Julia for")],
    # the same rows, with a running header and footer in the page margins
    "julia-part-lo-tight-running": [
        (9, "Assess awareness of"),
        (9, "Circulate SCR Julia for"),
    ],
}
PROSE = sorted(FIXTURES.glob("prose-*.pdf"))
MIN_PERCENT = 99.0


def test_every_rendering_is_committed() -> None:
    """The builder's list and the committed PDFs agree (none stale, none missing)."""
    built = {p.stem for p in FIXTURES.glob("*.pdf") if not p.stem.startswith("prose")}
    assert built == set(RENDERINGS)


def test_julia_part_golden_is_the_julia_golden_cut() -> None:
    """`golden/julia-part` is the Julia golden's first findings, nothing else
    (rebuild the fixtures when the Julia golden changes)."""
    folder = build_unruled.PART_GOLDEN
    for name, rows in build_unruled.julia_part_rows().items():
        assert read_csv(folder / f"{name}.csv") == rows, name
    julia = build_unruled.GOLDEN / "julia" / "document.json"
    assert (folder / "document.json").read_bytes() == julia.read_bytes()


@pytest.mark.parametrize("name", sorted(RENDERINGS))
def test_unruled_rendering_matches_golden(
    name: str, document_run: Callable[[Path], Extraction]
) -> None:
    rendering = RENDERINGS[name]
    pdf = FIXTURES / f"{name}.pdf"
    run = document_run(pdf)
    assert run.exit_code == 0, run.stderr
    want = load_golden(build_unruled.golden_dir(rendering))
    have = load_output(run.out_dir, pdf.name)
    diffs = compare_tables(want, have)
    for table in ("actions", "questions", "findings"):
        assert len(have[table]) == len(want[table]), (table, describe(diffs))
    assert not [d for d in diffs if d.table == "documents"], describe(diffs)
    scores = field_scores(want, have, diffs)
    cells = sum(s.cells for s in scores)
    exact = sum(s.exact for s in scores)
    assert exact >= MIN_PERCENT / 100 * cells, describe(diffs)


@pytest.mark.parametrize("name", sorted(RENDERINGS))
def test_thin_row_evidence_is_reported(
    name: str, document_run: Callable[[Path], Extraction]
) -> None:
    """A row told from the one above only by one column starting afresh (it may
    be a new paragraph of the same cell) is an `uncertain_row` issue with its
    page, never a silent answer; rows with stronger evidence raise none."""
    run = document_run(FIXTURES / f"{name}.pdf")
    (document,) = read_table(run.out_dir, "documents")
    issues = [i for i in json.loads(document["issues"]) if i.startswith(UNCERTAIN_ROW)]
    want = UNCERTAIN.get(name, [])
    assert len(issues) == len(want), issues
    for issue, (page, text) in zip(issues, want, strict=True):
        assert issue.endswith(f"(page {page})") and repr(text) in issue, issue


@pytest.mark.parametrize("pdf", PROSE, ids=lambda p: p.name)
def test_prose_pages_give_no_action_table(
    pdf: Path, document_run: Callable[[Path], Extraction]
) -> None:
    run = document_run(pdf)
    assert run.exit_code == 1
    errors = [r for r in read_table(run.out_dir, "errors") if r["source"] == pdf.name]
    assert [e["kind"] for e in errors] == ["no_action_table"]
    assert not [r for r in read_table(run.out_dir, "actions")]


@pytest.mark.parametrize("pdf", PROSE, ids=lambda p: p.name)
def test_prose_pages_give_no_table_at_all(pdf: Path) -> None:
    """Not even a table that normalising would then reject: the finder invents
    no table in running text, lists, two columns or a definition list."""
    blocks = read_pdf(pdf).blocks
    assert not [b for b in blocks if isinstance(b, Table)]
    text = " ".join(b.text for b in blocks if not isinstance(b, Table))
    assert "Glossary" in text and "Lead Officer" in text


def test_inspect_draws_the_inferred_edges(tmp_path: Path) -> None:
    """`inspect` runs the same finder: the page's ruled key and its unruled action
    table, whose inferred edges are drawn dashed in their own colour."""
    from PIL import Image

    from extract.commands.inspect_page import inspect_page
    from extract.pdf.unruled import INFERRED_COLOUR

    out = tmp_path / "page.png"
    drawing = inspect_page(FIXTURES / "fenbridge-rl-blank.pdf", 1, out)
    assert drawing.tables == 2
    pixels = Image.open(out).convert("RGB").getdata()
    assert sum(1 for p in pixels if p == INFERRED_COLOUR[:3]) > 500


def _segment(text: str, col: int, top: float) -> Segment:
    """A one-line cell segment in column `col` (columns 100 pt apart, letters
    5 pt wide, lines 8 pt tall)."""
    x0 = 100.0 * col
    chars = [
        {"text": c, "x0": x0 + 5 * i, "x1": x0 + 5 * i + 5, "top": top}
        | {"bottom": top + 8, "size": 8.0, "fontname": "Helvetica"}
        for i, c in enumerate(text)
    ]
    return Segment(make_line(chars), col, col)


def _short_line_ends(above: Segment, below: Segment) -> bool:
    """Stand-in paragraph judgement: a line under 60 pt wide ended its paragraph."""
    return above.line.x1 - above.line.x0 < 60


# A tight table (lines 10 pt apart, no gap between rows): row 1 at 0, then
# the line at 20 under test, then a row at 30 that columns 2 and 3 start after
# a blank stretch.
_ROW_1 = [
    ("Agree a standard for", 0, 0),
    ("the team", 0, 10),
    ("Named Nurse", 1, 0),
    ("June 2015", 2, 0),
    ("Blue", 3, 0),
]
_ROW_3 = [("Designated Nurse", 1, 30), ("May 2016", 2, 30), ("Green", 3, 30)]


@pytest.mark.parametrize(
    ("line_20", "want"),
    [
        # One column alone starts a new paragraph: a row, with a doubt.
        ([("Circulate the plan", 0, 20)], "doubt"),
        # Every column with text starts afresh at once: a row, no doubt.
        ([("Circulate the plan", 0, 20), ("Lead GP", 1, 20)], "row"),
        # One column starts afresh, another only opens with a capital under a
        # full line (a title wrapped over lines?): a row, with a doubt.
        (
            [
                ("Assurance and Quality", 1, 10),
                ("Circulate the plan", 0, 20),
                ("Manager", 1, 20),
            ],
            "doubt",
        ),
        # The line goes on in lower case: the same cell, no row.
        ([("and the board", 0, 20)], "none"),
    ],
    ids=["one-column", "two-columns", "capitals", "goes-on"],
)
def test_rows_told_by_text_alone(
    line_20: list[tuple[str, int, float]], want: str
) -> None:
    segments = [_segment(*s) for s in [*_ROW_1, *line_20, *_ROW_3]]
    starts = white_space_starts(
        segments, frozenset(), 4.4, lambda *_: False, _short_line_ends, []
    )
    at_20 = [s for s in starts if s.y == 20]
    assert [s.y for s in starts if s.y != 20] == [0, 30]
    if want == "none":
        assert not at_20
    else:
        (start,) = at_20
        assert (start.doubt is not None) == (want == "doubt")
        if want == "doubt":
            assert "'Circulate the plan'" in start.doubt


def test_a_justified_word_space_inside_a_cell_stays_a_space() -> None:
    """A justified line stretches its word spaces past a gutter's width and
    LibreOffice sets the space glyph inside the gap: the two runs of one cell
    are one segment with a space between, not "Revisethe"."""
    chars = [
        {"text": ch, "x0": x, "x1": x + 4.0, "top": 0.0, "bottom": 8.0, "size": 8.0,
         "fontname": "Helvetica"}
        for ch, x in [*zip("Revise", range(0, 24, 4), strict=True), (" ", 34.0),
                      *zip("the", range(50, 62, 4), strict=True)]
    ]  # fmt: skip
    parts = segments(make_line(chars), [0.0, 100.0, 200.0], gutter=8.0)
    assert [(p.first_col, p.line.text) for p in parts] == [(0, "Revise the")]
