"""Rebuild the Thurrock LSCB "Julia" action plan as a Word document and a PDF.

The only copy we have of the real plan is a lossy text rendering, so the
extractor cannot be tested on the document it was written for. This script
recreates that document from the golden tables in ``tests/golden/julia/`` the
way its authors would have built it in Word: a title block, the RAG colour
key, each finding's narrative and a nine-column action table with vertically
merged question and agency cells, horizontally merged cells, shaded RAG cells
and a header row repeated on every page. LibreOffice then prints it to PDF.

Because the golden tables are the ground truth for the original, the sample
has a known answer cell by cell. The answer lives only in the visible text:
nothing extra is written to metadata, custom XML or hidden text.

Options produce other renderings of the same plan (portrait, another font,
other column widths, no repeated header) so tests can check that extraction
does not depend on one layout.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.shared import Mm
from docx_helpers import (
    configure_page,
    configure_styles,
    convert_to_pdf,
    merge_across,
    read_csv,
    repeat_as_header,
    save_deterministic,
    scrub_package,
    set_cell_text,
    set_widths,
    shade,
    text_width,
    vmerge,
    vmerge_runs,
)

from schemas.vocab import RAG_COLOURS

REPO = Path(__file__).resolve().parent.parent
GOLDEN_DIR = REPO / "tests" / "golden" / "julia"
DEFAULT_OUT = REPO / "samples" / "julia-action-plan.docx"

# Action-table columns in document order: (golden column name, header text).
# The names are the ones `spans` uses; "question" and "agency" are the
# vertically merged columns.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("question", "Questions"),
    ("agency", "Agency"),
    ("response", "Response"),
    ("action", "Actions"),
    ("rag", "RAG"),
    ("constraints", "Constraints/Problems"),
    ("target_evidence", "Target Date/Evidence"),
    ("lead", "Lead Person"),
    ("desired_outcome", "Desired Outcome"),
)
COLUMN_INDEX = {name: i for i, (name, _) in enumerate(COLUMNS)}
# Golden field holding each column's printed text (question text is looked up).
SOURCE_FIELD = {"agency": "agency_raw", "rag": "rag_raw"}
FIRST_SPANNABLE = COLUMN_INDEX["response"]

# Fill colour of each RAG status, for the RAG cells and the colour key alike.
# not_applicable and unrated cells are left unshaded.
RAG_FILL = {status.value: colour for status, colour in RAG_COLOURS.items()}

# The original has an "Issues for the Board to consider" sub-heading under
# two findings only, styled differently each time: a Heading 2 under
# finding 2, a bold plain paragraph under finding 6.
ISSUES_HEADING = "Issues for the Board to consider"
ISSUES_STYLE = {"2": "heading", "6": "bold"}

ADDITIONAL_LEARNING_HEADING = "Chapter 4 of Review Report – ADDITIONAL LEARNING"

DEFAULT_WIDTHS = (1.4, 1.1, 1.9, 1.9, 1.1, 1.4, 1.7, 1.4, 1.7)
KEY_WIDTHS = (Mm(25), Mm(110))

# Fixed package timestamp, the plan's report date, so rebuilds are identical.
FIXED_TIME = datetime(2016, 1, 7, 9, 0, 0)
AUTHOR = "Thurrock LSCB"


@dataclass(frozen=True)
class Options:
    """How to render the plan; the defaults reproduce the original's layout."""

    portrait: bool = False
    font: str = "Arial"
    font_size: float = 9.0
    repeat_header: bool = True
    widths: tuple[float, ...] = DEFAULT_WIDTHS


@dataclass(frozen=True)
class Golden:
    """The golden tables of one document, as read from disk."""

    document: dict
    findings: list[dict[str, str]]
    questions: dict[str, str]
    actions: list[dict[str, str]]


def load_golden(folder: Path) -> Golden:
    """Load document.json and the three golden CSVs of a document folder."""
    document = json.loads((folder / "document.json").read_text(encoding="utf-8"))
    questions = {
        q["question_id"]: q["text"] for q in read_csv(folder / "questions.csv")
    }
    actions = sorted(read_csv(folder / "actions.csv"), key=lambda r: int(r["row"]))
    return Golden(document, read_csv(folder / "findings.csv"), questions, actions)


def parse_spans(spans: str) -> list[tuple[int, int]]:
    """Turn a `spans` cell into sorted (first, last) column indexes.

    Spans may not touch the vertically merged question/agency columns or
    overlap each other: the table could not be drawn as the golden says.
    """
    result = []
    for entry in filter(None, (s.strip() for s in spans.split(";"))):
        first, last = (COLUMN_INDEX[name] for name in entry.split("-"))
        if not FIRST_SPANNABLE <= first < last:
            raise ValueError(f"unsupported span {entry!r}")
        result.append((first, last))
    result.sort()
    for (_, last), (first, _) in itertools.pairwise(result):
        if first <= last:
            raise ValueError(f"overlapping spans {spans!r}")
    return result


def column_widths(options: Options) -> list[int]:
    """Split the text width between the columns in the requested proportions."""
    usable = text_width(options.portrait)
    total = sum(options.widths)
    return [int(usable * w / total) for w in options.widths]


def add_key_table(doc: DocxDocument, rag_key: list[dict[str, str]]) -> None:
    """Add the colour key: a shaded label cell beside each status's meaning."""
    table = doc.add_table(rows=len(rag_key), cols=2)
    table.style = doc.styles["Table Grid"]
    for row, entry in zip(table.rows, rag_key, strict=True):
        label, meaning = row.cells
        set_cell_text(label, entry["label"])
        set_cell_text(meaning, entry["meaning"])
        shade(label._tc, RAG_FILL[entry["status"]])
    set_widths(table, KEY_WIDTHS)


def cell_texts(golden: Golden, action: dict[str, str]) -> list[str]:
    """The printed text of each of the nine columns of one action row."""
    question = f"{action['question_id']}. {golden.questions[action['question_id']]}"
    return [question] + [
        action[SOURCE_FIELD.get(name, name)] for name, _ in COLUMNS[1:]
    ]


def add_action_table(
    doc: DocxDocument, golden: Golden, actions: list[dict[str, str]], options: Options
) -> None:
    """Add one finding's action table, merged and shaded like the original.

    Cells are written on a plain grid first and merged afterwards in the XML,
    since python-docx's cell.merge would move the text about.
    """
    widths = column_widths(options)
    table = doc.add_table(rows=1 + len(actions), cols=len(COLUMNS))
    table.style = doc.styles["Table Grid"]
    set_widths(table, widths)

    header = table.rows[0]
    for cell, (_, title) in zip(header.cells, COLUMNS, strict=True):
        set_cell_text(cell, title, bold=True)
    if options.repeat_header:
        repeat_as_header(header)

    rows = table.rows[1:]
    rag = COLUMN_INDEX["rag"]
    for row, action, previous in zip(rows, actions, [None, *actions], strict=False):
        texts = cell_texts(golden, action)
        if previous and previous["question_id"] == action["question_id"]:
            texts[COLUMN_INDEX["question"]] = ""  # continuation of a merged cell
        spans = parse_spans(action["spans"])
        for first, last in spans:
            if any(texts[first + 1 : last + 1]):
                raise ValueError(f"row {action['row']}: text under a merged cell")
        for cell, text in zip(row.cells, texts, strict=True):
            set_cell_text(cell, text)
        # Shade the RAG cell unless a merged cell starting further left covers it.
        rag_shown = not any(first < rag <= last for first, last in spans)
        if rag_shown and (fill := RAG_FILL.get(action["rag"])):
            shade(row.cells[rag]._tc, fill)

    start = 0
    for _, group in itertools.groupby(actions, key=lambda a: a["question_id"]):
        block = rows[start : start + len(list(group))]
        agencies = [a["agency_raw"] for a in actions[start : start + len(block)]]
        vmerge(block, COLUMN_INDEX["question"], [(0, len(block))])
        vmerge(block, COLUMN_INDEX["agency"], vmerge_runs(agencies))
        start += len(block)

    # Horizontal merges last: removing w:tc elements shifts the column indexes.
    for row, action in zip(rows, actions, strict=True):
        for first, last in reversed(parse_spans(action["spans"])):
            merge_across(row, widths, first, last)


def add_bold_paragraph(doc: DocxDocument, text: str) -> None:
    """A bold plain paragraph, how the plan marks findings."""
    doc.add_paragraph().add_run(text).bold = True


def add_narrative(doc: DocxDocument, narrative: str) -> None:
    """One Normal paragraph per line of a finding's narrative."""
    for line in narrative.replace("\r", "").split("\n"):
        if line.strip():
            doc.add_paragraph(line)


def build_document(golden: Golden, options: Options) -> DocxDocument:
    """Lay the whole plan out in document order."""
    doc = Document()
    meta = golden.document
    scrub_package(doc, meta["title"], AUTHOR, FIXED_TIME)
    configure_page(doc, options.portrait)
    configure_styles(doc, options.font, options.font_size)

    doc.add_heading(f"{meta['board']} {meta['review']}", level=1)
    doc.add_heading(meta["case"], level=2)
    doc.add_heading(meta["title"], level=3)
    add_key_table(doc, meta["rag_key"])
    report_date = date.fromisoformat(meta["report_date"])
    doc.add_paragraph(f"Report as at {report_date:%d.%m.%Y}")

    in_additional_learning = False
    for finding in golden.findings:
        fid = finding["finding_id"]
        if finding["section"] == "finding":
            add_bold_paragraph(doc, f"Finding {fid}: {finding['title']}")
            if ISSUES_STYLE.get(fid) == "heading":
                doc.add_heading(ISSUES_HEADING, level=2)
            elif ISSUES_STYLE.get(fid) == "bold":
                add_bold_paragraph(doc, ISSUES_HEADING)
        else:
            if not in_additional_learning:
                doc.add_heading(ADDITIONAL_LEARNING_HEADING, level=2)
                in_additional_learning = True
            add_bold_paragraph(doc, f"{fid.removeprefix('AL')}. {finding['title']}")
        add_narrative(doc, finding["narrative"])
        actions = [a for a in golden.actions if a["finding_id"] == fid]
        add_action_table(doc, golden, actions, options)
    # Word always ends the body with a paragraph after a closing table.
    doc.add_paragraph()
    return doc


def check_readback(path: Path, golden: Golden) -> int:
    """Reopen the saved file and confirm the key table and every action row.

    Returns the number of action tables; raises if python-docx cannot read
    the file back into the expected shape.
    """
    tables = Document(str(path)).tables
    expected_tables = 1 + len(golden.findings)
    rows = sum(len(t.rows) - 1 for t in tables[1:])
    if len(tables) != expected_tables or rows != len(golden.actions):
        raise RuntimeError(
            f"{path}: read back {len(tables)} tables / {rows} action rows, "
            f"expected {expected_tables} / {len(golden.actions)}"
        )
    return len(tables) - 1


def _widths_arg(value: str) -> tuple[float, ...]:
    """Parse --widths: nine positive numbers separated by commas."""
    try:
        widths = tuple(float(w) for w in value.split(","))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc
    if len(widths) != len(COLUMNS) or min(widths) <= 0:
        raise argparse.ArgumentTypeError(f"need {len(COLUMNS)} positive widths")
    return widths


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Command line: output path and the rendering options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help="DOCX to write; the PDF goes beside it",
    )
    parser.add_argument(
        "--portrait", action="store_true", help="A4 portrait instead of landscape"
    )
    parser.add_argument("--font", default=Options.font, help="font for all text")
    parser.add_argument(
        "--font-size",
        type=float,
        default=Options.font_size,
        help="table text size in points (body text stays 10)",
    )
    parser.add_argument(
        "--no-repeat-header",
        action="store_true",
        help="do not repeat the table header on each page",
    )
    parser.add_argument(
        "--widths",
        type=_widths_arg,
        default=DEFAULT_WIDTHS,
        help="nine relative column widths, comma separated",
    )
    parser.add_argument("--no-pdf", action="store_true", help="write the DOCX only")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Build the DOCX, check it reads back, and print it to PDF."""
    args = parse_args(argv)
    options = Options(
        portrait=args.portrait,
        font=args.font,
        font_size=args.font_size,
        repeat_header=not args.no_repeat_header,
        widths=args.widths,
    )
    golden = load_golden(GOLDEN_DIR)
    out: Path = args.out
    save_deterministic(build_document(golden, options), out, FIXED_TIME)
    tables = check_readback(out, golden)
    print(f"wrote {out} ({tables} action tables, {len(golden.actions)} rows)")
    if not args.no_pdf:
        print(f"wrote {convert_to_pdf(out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
