"""Build two plans of other templates, as Word documents and PDFs, from their goldens.

The Julia sample covers one template. These two cover layouts the field guide
(`/work/shared/notes/field-guide.md`) reports in other published plans, with a
fictional board and case each (the content is invented, not taken from a real
review):

- `marlbury-recommendations-plan`: a recommendation-based plan with the columns
  Recommendation | Action | Lead Agency | Lead Officer | Target Date | Progress |
  RAG. Agencies are full-width section rows; the Lead Agency cell is filled only
  where another agency leads. Statuses are BRAG words in shaded cells.
- `fenbridge-colour-rag-plan`: themes as full-width rows, recommendations and
  agencies merged vertically, an unmapped "Scope" column, and a RAG column given
  by cell colour only, read through the plan's own key of non-standard colours.

As with `build_samples.py`, each plan is rebuilt from its golden folder in
`tests/golden/`, so every cell has a known answer, and the answer is only in
the visible text.
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
from docx.table import Table, _Row
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
FONT, TABLE_FONT_SIZE = "Arial", 9.0
KEY_WIDTHS = (Mm(25), Mm(110))
# Full-width section rows are bold on a light grey band, as such plans print them.
SECTION_FILL = "D9D9D9"

# What a column prints: a golden field, or one of these.
QUESTION, AGENCY, RAG = "question", "agency", "rag"


@dataclass(frozen=True)
class Template:
    """How one plan is laid out; the content comes from its golden folder."""

    stem: str
    golden: str
    # (what the column prints, header text). Besides golden fields and the three
    # names above, a header listed in `extra_columns` prints that key of `extra`.
    columns: tuple[tuple[str, str], ...]
    widths: tuple[float, ...]
    key_fills: dict[str, str]
    date_line: str
    label: str
    key_header: tuple[str, str] | None = None
    merge_groups: bool = False
    themes: bool = False
    # Rows (1-based) that open an agency section: a full-width row printing the
    # row's `agency_raw` comes before them, and their Lead Agency cell is empty.
    agency_sections: tuple[int, ...] = ()
    extra_columns: tuple[str, ...] = ()


USUAL_FILLS = {status.value: colour for status, colour in RAG_COLOURS.items()}

MARLBURY = Template(
    stem="marlbury-recommendations-plan",
    golden="marlbury-recommendations-plan",
    columns=(
        (QUESTION, "Recommendation"),
        ("action", "Action"),
        (AGENCY, "Lead Agency"),
        ("lead", "Lead Officer"),
        ("target_date", "Target Date"),
        ("progress", "Progress"),
        (RAG, "RAG"),
    ),
    widths=(2.6, 2.4, 1.3, 1.4, 1.1, 2.2, 0.8),
    key_fills=USUAL_FILLS,
    date_line="Position as at {:%d %B %Y}",
    label="Recommendation {id}: {text}",
    agency_sections=(1, 9, 14, 21, 25),
)

FENBRIDGE = Template(
    stem="fenbridge-colour-rag-plan",
    golden="fenbridge-colour-rag-plan",
    columns=(
        (QUESTION, "Recommendation"),
        (AGENCY, "Agency"),
        ("action", "Action to be taken"),
        ("lead", "Responsible Officer"),
        ("target_date", "Timescale"),
        ("evidence", "Evidence of impact"),
        ("Scope", "Scope"),
        (RAG, "RAG"),
    ),
    widths=(2.3, 1.3, 2.2, 1.3, 1.0, 2.2, 0.9, 0.6),
    # The plan's own colours, none of them the usual RAG shades.
    key_fills={
        "complete": "0070C0",
        "green": "92D050",
        "amber": "FFFF00",
        "red": "C00000",
    },
    key_header=("Colour", "Meaning"),
    date_line="Updated: {:%d/%m/%Y}",
    label="{id} {text}",
    merge_groups=True,
    themes=True,
    extra_columns=("Scope",),
)

TEMPLATES = {t.stem: t for t in (MARLBURY, FENBRIDGE)}


@dataclass(frozen=True)
class Golden:
    """A template's golden tables."""

    document: dict
    findings: list[dict[str, str]]
    questions: dict[str, str]
    actions: list[dict[str, str]]


def load_golden(template: Template) -> Golden:
    """Read the golden folder of a template."""
    folder = REPO / "tests" / "golden" / template.golden
    questions = {
        q["question_id"]: q["text"] for q in read_csv(folder / "questions.csv")
    }
    actions = sorted(read_csv(folder / "actions.csv"), key=lambda r: int(r["row"]))
    document = json.loads((folder / "document.json").read_text(encoding="utf-8"))
    return Golden(document, read_csv(folder / "findings.csv"), questions, actions)


def fixed_time(golden: Golden) -> datetime:
    """Package time, fixed so rebuilds are identical: the report date at 9 am."""
    day = date.fromisoformat(golden.document["report_date"])
    return datetime(day.year, day.month, day.day, 9)


def add_key_table(doc: DocxDocument, template: Template, rag_key: list[dict]) -> None:
    """The plan's colour key: a shaded label cell beside each status's meaning."""
    header = [template.key_header] if template.key_header else []
    table = doc.add_table(rows=len(header) + len(rag_key), cols=2)
    table.style = doc.styles["Table Grid"]
    for row, texts in zip(table.rows, header, strict=False):
        for cell, text in zip(row.cells, texts, strict=True):
            set_cell_text(cell, text, bold=True)
    for row, entry in zip(table.rows[len(header) :], rag_key, strict=True):
        label, meaning = row.cells
        set_cell_text(label, entry["label"])
        set_cell_text(meaning, entry["meaning"])
        shade(label._tc, template.key_fills[entry["status"]])
    set_widths(table, KEY_WIDTHS)


def _cell_text(
    template: Template, golden: Golden, action: dict[str, str], name: str, first: bool
) -> str:
    """What one column prints in one action row."""
    if name == QUESTION:
        qid = action["question_id"]
        return (
            template.label.format(id=qid, text=golden.questions[qid]) if first else ""
        )
    if name == AGENCY:
        opens_section = int(action["row"]) in template.agency_sections
        return "" if opens_section else action["agency_raw"]
    if name == RAG:
        return action["rag_raw"]
    if name in template.extra_columns:
        return json.loads(action["extra"]).get(name, "")
    return action[name]


def _headings(template: Template, golden: Golden) -> dict[int, str]:
    """Full-width rows to print before an action row, by the row's number."""
    headings: dict[int, str] = {}
    if template.themes:
        titles = {f["finding_id"]: f["title"] for f in golden.findings}
        for fid, group in itertools.groupby(
            golden.actions, key=lambda a: a["finding_id"]
        ):
            headings[int(next(group)["row"])] = f"Theme {fid}: {titles[fid]}"
    for number in template.agency_sections:
        headings[number] = golden.actions[number - 1]["agency_raw"]
    return headings


def add_action_table(doc: DocxDocument, template: Template, golden: Golden) -> Table:
    """The plan's one action table, with section rows, merges and shading."""
    names = [name for name, _ in template.columns]
    usable = text_width(portrait=False)
    widths = [int(usable * w / sum(template.widths)) for w in template.widths]
    headings = _headings(template, golden)
    table = doc.add_table(rows=1 + len(headings) + len(golden.actions), cols=len(names))
    table.style = doc.styles["Table Grid"]
    set_widths(table, widths)
    header = table.rows[0]
    for cell, (_, title) in zip(header.cells, template.columns, strict=True):
        set_cell_text(cell, title, bold=True)
    repeat_as_header(header)

    rows = iter(table.rows[1:])
    action_rows: list[_Row] = []
    section_rows: list[_Row] = []
    previous: dict[str, str] | None = None
    for action in golden.actions:
        if (heading := headings.get(int(action["row"]))) is not None:
            row = next(rows)
            set_cell_text(row.cells[0], heading, bold=True)
            section_rows.append(row)
        row = next(rows)
        first = previous is None or previous["question_id"] != action["question_id"]
        for cell, name in zip(row.cells, names, strict=True):
            set_cell_text(cell, _cell_text(template, golden, action, name, first))
        if fill := template.key_fills.get(action["rag"]):
            shade(row.cells[names.index(RAG)]._tc, fill)
        action_rows.append(row)
        previous = action

    if template.merge_groups:
        start = 0
        for _, group in itertools.groupby(
            golden.actions, key=lambda a: a["question_id"]
        ):
            block = action_rows[start : start + len(list(group))]
            agencies = [
                a["agency_raw"] for a in golden.actions[start : start + len(block)]
            ]
            vmerge(block, names.index(QUESTION), [(0, len(block))])
            vmerge(block, names.index(AGENCY), vmerge_runs(agencies))
            start += len(block)
    for row in section_rows:
        merge_across(row, widths, 0, len(names) - 1)
        shade(row._tr.tc_lst[0], SECTION_FILL)
    return table


def build_document(template: Template, golden: Golden) -> DocxDocument:
    """Title block, colour key, report date line and the action table."""
    doc = Document()
    meta = golden.document
    scrub_package(doc, meta["title"], meta["board"], fixed_time(golden))
    configure_page(doc, portrait=False)
    configure_styles(doc, FONT, TABLE_FONT_SIZE)
    doc.add_heading(f"{meta['board']} – {meta['review']}", level=1)
    doc.add_heading(meta["case"], level=2)
    doc.add_heading(meta["title"], level=3)
    add_key_table(doc, template, meta["rag_key"])
    doc.add_paragraph(
        template.date_line.format(date.fromisoformat(meta["report_date"]))
    )
    add_action_table(doc, template, golden)
    doc.add_paragraph()
    return doc


def check_readback(path: Path, template: Template, golden: Golden) -> None:
    """Reopen the saved file: a key table and one action table of the right size."""
    tables = Document(str(path)).tables
    headings = len(_headings(template, golden))
    expected = 1 + headings + len(golden.actions)
    if len(tables) != 2 or len(tables[1].rows) != expected:
        raise RuntimeError(
            f"{path}: read back {len(tables)} tables, expected 2 with {expected} rows"
        )


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Command line: which plans to build, and whether to print them to PDF."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "stems",
        nargs="*",
        choices=[[], *TEMPLATES],
        help="plans to build (default: all)",
    )
    parser.add_argument(
        "--out-dir", type=Path, default=REPO / "samples", help="folder to write to"
    )
    parser.add_argument("--no-pdf", action="store_true", help="write the DOCX only")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Build each plan's DOCX, check it reads back, and print it to PDF."""
    args = parse_args(argv)
    unknown = set(args.stems) - set(TEMPLATES)
    if unknown:
        raise SystemExit(f"unknown plan(s): {', '.join(sorted(unknown))}")
    for stem in args.stems or TEMPLATES:
        template = TEMPLATES[stem]
        golden = load_golden(template)
        out: Path = args.out_dir / f"{stem}.docx"
        save_deterministic(build_document(template, golden), out, fixed_time(golden))
        check_readback(out, template, golden)
        print(f"wrote {out} ({len(golden.actions)} action rows)")
        if not args.no_pdf:
            print(f"wrote {convert_to_pdf(out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
