"""Every threshold the PDF reader uses, named for what it means (as pdfplumber's
`TableSettings` names its own).

No threshold is in points: each is a share of a length the page itself gives, the
body font size (the most common character size on the page), a table's line pitch
(the median distance between its lines) or the page height, so that the same rule
holds for 7 pt and 12 pt text, portrait and landscape pages, and any producer.
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True, slots=True)
class PdfSettings:
    """The reader's thresholds, with the defaults the project is measured with."""

    # A drawn line or rectangle at most this share of the body size thick (and at
    # least 1 pt) is a rule; anything thicker is a fill (shading, never a rule).
    rule_thickness: float = 0.25
    # Rules this many rule thicknesses apart are the same rule (pdfplumber's snap,
    # join and intersection tolerances).
    rule_snap: float = 1.5
    # Two parallel rules closer than this share of the body size with no text
    # between them are one boundary drawn twice (separate cell borders, double
    # rules): no row or column is shorter than one line of text.
    double_rule_gap: float = 0.9
    # A cell's side has a rule of its own (drawn on its side of a double rule, or
    # a single rule) when such rules cover this share of its length.
    own_rule_cover: float = 0.5
    # A word fits on a line only with this share of its size to spare: producers
    # measure cells in their own units and round (Chromium to 1/64 px, borders to
    # whole pixels), the reader from glyph advances and rule centres.
    fit_slack: float = 0.05
    # A digit or note mark at most this share of its line's size, raised by at
    # least this share above the line's foot, calls a note (a superscript "1").
    note_call_size: float = 0.7
    note_call_rise: float = 0.25
    # A line full to its edge whose every word gap is wider than a space by this
    # share of its size was justified (a word space is about 0.25).
    justified_stretch: float = 0.1
    # Characters further apart than this share of their size are separate words,
    # though no space was printed between them.
    word_gap: float = 0.25
    # Top and bottom share of the page height where a page number, or text
    # repeated on other pages, is furniture (running headers and footers: a
    # word processor sets them within its page margins, 7-9% of an A4 page).
    furniture_band: float = 0.1
    # Lines further apart than this share of their size start a new paragraph.
    paragraph_gap: float = 1.6
    # Two lines whose sizes differ by more than this share of the larger are set in
    # different styles (so start different paragraphs).
    size_change: float = 0.05
    # Paragraphs this share above the running-text size are headings.
    heading_ratio: float = 1.25
    # A cell whose last line ends within the table's bottom padding plus this share
    # of its line pitch from the cell's lower edge was full: no line fitted below.
    full_cell_slack: float = 0.9
    # Producers keep at least this many lines of a paragraph on each side of a
    # page break (CSS `widows` and `orphans`, Word's widow control), so a cell
    # the page end left open with room for fewer lines may still go on.
    kept_lines: int = 2
    # Text under a table's last band, in the columns of a cell the page end left
    # open, is that cell's when each line follows the one above at the table's
    # line pitch, within this share of it (the cell's text going on past its rules).
    run_on_pitch: float = 0.25
    # Bold fonts (`extract.pdf.font_weight`): a descriptor `FontWeight` at least
    # this (on the PDF's 100-900 scale) is bold; so is a font whose `StemV` is this
    # many times the lightest of its family's, or whose characters are all at least
    # as wide as another font of its family's and together this share wider, over
    # at least this many letters and digits both print.
    bold_weight: float = 600.0
    bold_stem_ratio: float = 1.3
    bold_width_ratio: float = 1.03
    bold_width_shared: int = 6
    # Tables without a full grid of rules (`extract.pdf.unruled`), in shares of
    # the body size unless said otherwise. White space at least `unruled_gutter`
    # wide between two runs of text on a line separates columns (a word space is
    # about 0.25; cell padding on both sides of a boundary is 0.6 or more).
    unruled_gutter: float = 0.6
    # A header row's lines are at most this far apart, over at most this many lines.
    unruled_header_pitch: float = 1.8
    unruled_header_lines: int = 4
    # White space beyond the usual gap between a cell's lines that separates two
    # rows when nothing is drawn between them.
    unruled_row_gap: float = 0.3
    # An empty vertical gap this tall ends the table.
    unruled_end_gap: float = 3.0
    # This many full-width lines in a row are running text, not table rows.
    unruled_prose_lines: int = 3
    # Share of the table's width a rule or shading edge must cover to bound rows.
    unruled_rule_cover: float = 0.5
    # Rules and shading edges closer than this are one row boundary.
    unruled_snap: float = 0.5
    # A fill at least this share of its column's width is a cell's background,
    # whose edges are row boundaries (not a highlight behind a few words).
    unruled_cell_fill: float = 0.6
    # An agency's name wraps over at most this many lines of its column.
    unruled_name_lines: int = 3

    def __post_init__(self) -> None:
        for spec in fields(self):
            value = getattr(self, spec.name)
            if not isinstance(value, (int, float)) or value <= 0:
                raise ValueError(f"PdfSettings.{spec.name} must be > 0, not {value!r}")
        if self.furniture_band >= 0.5:
            raise ValueError("PdfSettings.furniture_band must be below 0.5")
        if self.heading_ratio <= 1:
            raise ValueError("PdfSettings.heading_ratio must be above 1")

    def thin(self, body_size: float) -> float:
        """The thickest a rule can be on a page of this body size."""
        return max(1.0, self.rule_thickness * body_size)


SETTINGS = PdfSettings()
