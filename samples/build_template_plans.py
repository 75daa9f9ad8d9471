"""Build plans of four more template families, and a whole review report, from goldens.

Each document is rebuilt from its hand-written golden folder in `tests/golden/`, as
`build_other_plans.py` does, so every extracted cell has a known answer and the
answer is only in the visible text. Boards, areas, people and content are invented
(Westmoor, Hollinsby, Carrow Vale and Ashdown are fictional).

- `westmoor-sar-plan`: a Safeguarding Adults Review plan, landscape, whose header is
  two rows ("Action" spanning What / Who / When), with action numbers (1.1, 1.2.a)
  in a "No." column, percentage and word statuses read through the plan's key,
  and agencies as full-width section rows.
- `hollinsby-dhr-plan`: a portrait Domestic Homicide Review plan (Recommendation /
  Scope / Action / Lead Agency / Key milestones / Target date / Date of completion
  and outcome) whose long rows break over pages; also printed with ReportLab
  (`hollinsby-dhr-plan-reportlab.pdf`), a second PDF producer.
- `carrow-vale-tracker`: a 159-row tracker over about 20 landscape pages (Ref /
  Finding / Recommendation / Action / Owner / Agency / Due / RAG / Update /
  Evidence), every row printing its finding and recommendation, as spreadsheet
  exports do.
- `ashdown-child-c-report`: a whole review report: prose under numbered headings,
  a panel membership table, a chronology over pages, themes with narratives,
  recommendations as numbered paragraphs, a glossary, and the plan as an appendix.

The SAR and DHR plans are small and go to `samples/`; the tracker and the report to
`tests/fixtures/templates/`.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections.abc import Callable, Sequence
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

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"
FIXTURES = REPO / "tests" / "fixtures" / "templates"
SECTION_FILL = "D9D9D9"
HEADER_FILL = "DBE5F1"
RAG_FILLS = {
    "complete": "8DB3E2",
    "green": "00B050",
    "amber": "FFC000",
    "red": "FF0000",
}


@dataclass(frozen=True)
class Golden:
    """A document's golden tables."""

    document: dict
    findings: list[dict[str, str]]
    questions: dict[str, dict[str, str]]
    actions: list[dict[str, str]]

    @property
    def meta(self) -> dict:
        return self.document

    def groups(self, key: str) -> list[list[dict[str, str]]]:
        """Consecutive action rows sharing `key`."""
        return [list(g) for _, g in itertools.groupby(self.actions, lambda a: a[key])]


def load_golden(name: str) -> Golden:
    folder = REPO / "tests" / "golden" / name
    questions = {q["question_id"]: q for q in read_csv(folder / "questions.csv")}
    actions = sorted(read_csv(folder / "actions.csv"), key=lambda r: int(r["row"]))
    document = json.loads((folder / "document.json").read_text(encoding="utf-8"))
    return Golden(document, read_csv(folder / "findings.csv"), questions, actions)


def fixed_time(golden: Golden) -> datetime:
    day = date.fromisoformat(golden.meta["report_date"])
    return datetime(day.year, day.month, day.day, 9)


def new_document(
    golden: Golden, font: str, size: float, portrait: bool
) -> DocxDocument:
    doc = Document()
    meta = golden.meta
    scrub_package(doc, meta["title"], meta["board"], fixed_time(golden))
    configure_page(doc, portrait=portrait)
    configure_styles(doc, font, size)
    doc.add_heading(f"{meta['board']} – {meta['review']}", level=1)
    doc.add_heading(meta["case"], level=2)
    doc.add_heading(meta["title"], level=3)
    return doc


def widths_of(shares: Sequence[float], portrait: bool) -> list[int]:
    usable = text_width(portrait)
    return [int(usable * share / sum(shares)) for share in shares]


def grid_table(doc: DocxDocument, n_rows: int, widths: Sequence[int]) -> Table:
    table = doc.add_table(rows=n_rows, cols=len(widths))
    table.style = doc.styles["Table Grid"]
    set_widths(table, widths)
    return table


def header_row(row: _Row, titles: Sequence[str]) -> None:
    for cell, title in zip(row.cells, titles, strict=True):
        set_cell_text(cell, title, bold=True)
        shade(cell._tc, HEADER_FILL)
    repeat_as_header(row)


def full_width(row: _Row, widths: Sequence[int], text: str) -> None:
    set_cell_text(row.cells[0], text, bold=True)
    merge_across(row, widths, 0, len(widths) - 1)
    shade(row._tr.tc_lst[0], SECTION_FILL)


def fill_row(row: _Row, texts: Sequence[str]) -> None:
    for cell, text in zip(row.cells, texts, strict=True):
        set_cell_text(cell, text)


def label(template: str, golden: Golden, qid: str) -> str:
    return template.format(id=qid, text=golden.questions[qid]["text"])


# --- (a) Safeguarding Adults Review plan: two-row header ----------------------------

SAR_TITLES = ("No.", "Recommendation", "Action", "", "", "Progress update", "Status")
SAR_SUB = ("What", "Who", "When")


def sar_header(table: Table, widths: Sequence[int]) -> None:
    """Two header rows: "Action" spans What / Who / When; the rest span both rows."""
    top, sub = table.rows[0], table.rows[1]
    for row, titles in ((top, SAR_TITLES), (sub, ("", "", *SAR_SUB, "", ""))):
        header_row(row, titles)
    for column in (0, 1, 5, 6):
        vmerge([top, sub], column, [(0, 2)])
    merge_across(top, widths, 2, 4)


def build_sar(golden: Golden) -> DocxDocument:
    doc = new_document(golden, "DejaVu Sans", 8.5, portrait=False)
    doc.add_paragraph("Status key", style="Heading 3")
    key = grid_table(doc, 1 + len(golden.meta["rag_key"]), (Mm(30), Mm(120)))
    header_row(key.rows[0], ("Status", "Meaning"))
    for row, entry in zip(key.rows[1:], golden.meta["rag_key"], strict=True):
        fill_row(row, (entry["label"], entry["meaning"]))
    day = date.fromisoformat(golden.meta["report_date"])
    doc.add_paragraph(f"Position as at {day.day} {day:%B %Y}")
    widths = widths_of((0.6, 2.6, 2.6, 1.5, 1.0, 2.4, 0.9), portrait=False)
    sections = golden.groups("agency")
    n_rows = 2 + len(sections) + len(golden.actions)
    table = grid_table(doc, n_rows, widths)
    sar_header(table, widths)
    rows = iter(table.rows[2:])
    for section in sections:
        full_width(next(rows), widths, section[0]["agency_raw"])
        for group in itertools.groupby(section, lambda a: a["question_id"]):
            actions = list(group[1])
            block = [next(rows) for _ in actions]
            for i, (row, action) in enumerate(zip(block, actions, strict=True)):
                rec = label("Recommendation {id}: {text}", golden, group[0])
                fill_row(
                    row,
                    (
                        action["action_id"],
                        rec if i == 0 else "",
                        action["action"],
                        action["lead"],
                        action["target_date"],
                        action["progress"],
                        action["rag_raw"],
                    ),
                )
            vmerge(block, 1, [(0, len(block))])
    return doc


# --- (b) Domestic Homicide Review plan, portrait -------------------------------------

DHR_TITLES = (
    "Recommendation",
    "Scope",
    "Action",
    "Lead Agency",
    "Key milestones",
    "Target date",
    "Date of completion and outcome",
)
DHR_SHARES = (2.1, 1.05, 2.2, 1.7, 1.9, 1.35, 1.8)


def dhr_cells(golden: Golden, action: dict[str, str], first: bool) -> list[str]:
    extra = json.loads(action["extra"])
    return [
        label("{id}. {text}", golden, action["question_id"]) if first else "",
        extra.get("Scope", ""),
        action["action"],
        action["agency_raw"],
        extra.get("Key milestones", ""),
        action["target_date"],
        action["desired_outcome"],
    ]


def build_dhr(golden: Golden) -> DocxDocument:
    doc = new_document(golden, "Liberation Serif", 9.0, portrait=True)
    day = date.fromisoformat(golden.meta["report_date"])
    doc.add_paragraph(f"Updated: {day:%d/%m/%Y}")
    widths = widths_of(DHR_SHARES, portrait=True)
    table = grid_table(doc, 1 + len(golden.actions), widths)
    header_row(table.rows[0], DHR_TITLES)
    start = 1
    for group in golden.groups("question_id"):
        block = table.rows[start : start + len(group)]
        for i, (row, action) in enumerate(zip(block, group, strict=True)):
            fill_row(row, dhr_cells(golden, action, i == 0))
        vmerge(block, 0, [(0, len(block))])
        vmerge(block, 1, [(0, len(block))])
        start += len(group)
    return doc


def build_dhr_reportlab(golden: Golden, out: Path) -> None:
    """The same plan printed by ReportLab: another producer's geometry and text."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer
    from reportlab.platypus import Table as RlTable

    body = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13)
    cell = ParagraphStyle("cell", fontName="Helvetica", fontSize=8, leading=10)
    bold = ParagraphStyle("bold", parent=cell, fontName="Helvetica-Bold")
    meta = golden.meta
    story: list = [
        Paragraph(
            f"{meta['board']} – {meta['review']}",
            ParagraphStyle(
                "h1", parent=body, fontName="Helvetica-Bold", fontSize=16, leading=20
            ),
        ),
        Paragraph(
            meta["case"],
            ParagraphStyle(
                "h2", parent=body, fontName="Helvetica-Bold", fontSize=13, leading=17
            ),
        ),
        Paragraph(
            meta["title"],
            ParagraphStyle(
                "h3", parent=body, fontName="Helvetica-Bold", fontSize=12, leading=15
            ),
        ),
        Paragraph(f"Updated: {date.fromisoformat(meta['report_date']):%d/%m/%Y}", body),
        Spacer(1, 4 * mm),
    ]
    data = [[Paragraph(t, bold) for t in DHR_TITLES]]
    spans = []
    for group in golden.groups("question_id"):
        top = len(data)
        for i, action in enumerate(group):
            data.append(
                [Paragraph(_xml(t), cell) for t in dhr_cells(golden, action, i == 0)]
            )
        if len(group) > 1:
            spans += [("SPAN", (c, top), (c, len(data) - 1)) for c in (0, 1)]
    usable = A4[0] - 36 * mm
    widths = [usable * s / sum(DHR_SHARES) for s in DHR_SHARES]
    table = RlTable(data, colWidths=widths, repeatRows=1, splitInRow=1)
    table.setStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DBE5F1")),
            *spans,
        ]
    )
    story.append(table)
    SimpleDocTemplate(
        str(out),
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=meta["title"],
        author=meta["board"],
        invariant=1,
    ).build(story)


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- (c) a long tracker --------------------------------------------------------------

TRACKER_TITLES = (
    "Ref",
    "Finding",
    "Recommendation",
    "Action",
    "Owner",
    "Agency",
    "Due",
    "RAG",
    "Update",
    "Evidence",
)
TRACKER_SHARES = (0.6, 1.3, 2.1, 2.0, 1.2, 1.3, 0.9, 0.7, 2.6, 1.4)


def build_tracker(golden: Golden) -> DocxDocument:
    doc = new_document(golden, "Liberation Sans", 8.0, portrait=False)
    day = date.fromisoformat(golden.meta["report_date"])
    doc.add_paragraph(f"Data as at {day:%d/%m/%Y}")
    widths = widths_of(TRACKER_SHARES, portrait=False)
    table = grid_table(doc, 1 + len(golden.actions), widths)
    header_row(table.rows[0], TRACKER_TITLES)
    titles = {f["finding_id"]: f["title"] for f in golden.findings}
    for row, action in zip(table.rows[1:], golden.actions, strict=True):
        fill_row(
            row,
            (
                action["action_id"],
                f"{action['finding_id']}. {titles[action['finding_id']]}",
                label("{id} {text}", golden, action["question_id"]),
                action["action"],
                action["lead"],
                action["agency_raw"],
                action["target_date"],
                action["rag_raw"],
                action["progress"],
                action["evidence"],
            ),
        )
        if fill := RAG_FILLS.get(action["rag"]):
            shade(row.cells[7]._tc, fill)
    return doc


# --- (d) a whole review report with the plan as its appendix -------------------------

INTRODUCTION = (
    "This review was commissioned by the Ashdown Safeguarding Children Partnership "
    "after Callum, aged seven, was seriously injured at home in August 2021. His "
    "mother's partner was later convicted of causing grievous bodily harm.",
    "The review looked at the involvement of agencies with Callum and his family "
    "from January 2021, when the family moved to Ashdown, to August 2021. It was led "
    "by an independent reviewer with a panel of senior managers from the agencies "
    "involved. Callum's mother and grandmother took part in the review.",
)
PANEL = (
    ("Name", "Role", "Agency"),
    ("Helen Marsh", "Independent reviewer", "Independent"),
    ("David Okoro", "Head of Safeguarding", "Ashdown Children's Services"),
    ("Priya Shah", "Designated Nurse", "Ashdown ICB"),
    ("DI Mark Lewis", "Public Protection Unit", "Southmere Police"),
    ("Ann Kerr", "Head of Health Visiting", "Ashdown Community Health Services"),
    ("Tom Reid", "Head of Inclusion", "Ashdown Council Education Service"),
    ("Sara Dunn", "Business Manager", "Ashdown Safeguarding Children Partnership"),
)
CHRONOLOGY_EVENTS = (
    (
        "Ashdown Children's Services",
        "Transfer-in request received from the "
        "neighbouring area; no early help plan is attached to it.",
    ),
    (
        "GP Practices",
        "Family registers with a new GP practice; no previous records "
        "arrive for six weeks.",
    ),
    (
        "Ashdown Community Health Services",
        "Health visitor's new-birth style visit "
        "to the younger sibling; an adult male is present and is not named.",
    ),
    (
        "Ashdown Council Education Service",
        "Callum starts at a special school; his "
        "communication profile is completed by the speech and language therapist.",
    ),
    (
        "Southmere Police",
        "Neighbour reports shouting at the address; officers "
        "attend and speak to the mother at the door.",
    ),
    (
        "Ashdown Council Education Service",
        "School notes that Callum hid under a "
        "table twice during the day; his teacher records it in the class log.",
    ),
    (
        "Ashdown Children's Services",
        "Referral from school about bruising to "
        "Callum's arm; a strategy discussion is held the same day.",
    ),
    (
        "Ashdown Children's Services",
        "Single assessment completed; Callum is "
        "described as happy and settled; the case is closed.",
    ),
)
CHRONOLOGY_DATES = (
    "12/01/2021",
    "18/01/2021",
    "02/02/2021",
    "08/02/2021",
    "22/02/2021",
    "01/03/2021",
    "15/03/2021",
    "29/03/2021",
    "06/04/2021",
    "19/04/2021",
    "03/05/2021",
    "17/05/2021",
    "01/06/2021",
    "14/06/2021",
    "28/06/2021",
    "05/07/2021",
    "12/07/2021",
    "19/07/2021",
    "26/07/2021",
    "02/08/2021",
    "09/08/2021",
    "16/08/2021",
    "23/08/2021",
    "30/08/2021",
)
GLOSSARY = (
    ("Term", "Meaning"),
    ("CSPR", "Child Safeguarding Practice Review"),
    ("ICB", "Integrated Care Board, which commissions health services"),
    ("MARAC", "Multi-Agency Risk Assessment Conference"),
    ("Early help", "Support for a family before a statutory service is needed"),
    (
        "Strategy discussion",
        "A meeting of agencies when a child may be at risk of significant harm",
    ),
    (
        "Communication aid",
        "A picture board, symbols or a device a child uses in place of speech",
    ),
)
PLAN_TITLES = (
    "Recommendation",
    "Action",
    "Lead Agency",
    "Lead Officer",
    "By when",
    "Progress",
    "RAG",
)
PLAN_SHARES = (1.4, 2.8, 1.6, 1.5, 1.0, 2.2, 0.8)
# What the plan prints for a theme: its short name (the heading has the full title).
PLAN_THEMES = {
    "1": "Professional curiosity",
    "2": "The voice of the child",
    "3": "Information sharing between areas",
}


def simple_table(doc: DocxDocument, rows: Sequence[Sequence[str]], shares) -> None:
    widths = widths_of(shares, portrait=True)
    table = grid_table(doc, len(rows), widths)
    header_row(table.rows[0], rows[0])
    for row, texts in zip(table.rows[1:], rows[1:], strict=True):
        fill_row(row, texts)


def chronology() -> list[tuple[str, str, str]]:
    events = itertools.cycle(CHRONOLOGY_EVENTS)
    return [("Date", "Agency", "Event")] + [
        (day, *next(events)) for day in CHRONOLOGY_DATES for _ in range(2)
    ]


def report_body(doc: DocxDocument, golden: Golden) -> None:
    doc.add_heading("1. Introduction", level=1)
    for text in INTRODUCTION:
        doc.add_paragraph(text)
    doc.add_heading("2. The review panel", level=1)
    doc.add_paragraph("The panel members were:")
    simple_table(doc, PANEL, (1.2, 1.5, 2.3))
    doc.add_heading("3. Chronology of key events", level=1)
    doc.add_paragraph("The table below sets out the key contacts in the period.")
    simple_table(doc, chronology(), (0.9, 1.8, 3.3))
    doc.add_heading("4. Findings", level=1)
    doc.add_paragraph("The review found three themes in the agencies' practice.")
    for finding in golden.findings:
        title = f"Theme {finding['finding_id']}: {finding['title']}"
        doc.add_heading(title, level=2)
        for line in finding["narrative"].split("\n"):
            doc.add_paragraph(line)
    doc.add_heading("5. Recommendations", level=1)
    doc.add_paragraph(f"The review makes {len(golden.questions)} recommendations.")
    for qid, question in golden.questions.items():
        doc.add_paragraph(f"{qid}. {question['text']}")
    doc.add_heading("6. Glossary", level=1)
    simple_table(doc, GLOSSARY, (1.2, 4.0))


def build_report(golden: Golden) -> DocxDocument:
    doc = new_document(golden, "DejaVu Serif", 9.0, portrait=True)
    day = date.fromisoformat(golden.meta["report_date"])
    doc.add_paragraph(f"Report dated {day.day} {day:%B %Y}")
    report_body(doc, golden)
    doc.add_heading("Appendix A: Action plan", level=1)
    doc.add_paragraph("The agencies' actions in response to the recommendations.")
    widths = widths_of(PLAN_SHARES, portrait=True)
    themes = golden.groups("finding_id")
    table = grid_table(doc, 1 + len(themes) + len(golden.actions), widths)
    header_row(table.rows[0], PLAN_TITLES)
    rows = iter(table.rows[1:])
    for theme in themes:
        fid = theme[0]["finding_id"]
        full_width(next(rows), widths, f"Theme {fid}: {PLAN_THEMES[fid]}")
        for group in itertools.groupby(theme, lambda a: a["question_id"]):
            actions = list(group[1])
            block = [next(rows) for _ in actions]
            for i, (row, action) in enumerate(zip(block, actions, strict=True)):
                fill_row(
                    row,
                    (
                        f"Recommendation {group[0]}" if i == 0 else "",
                        action["action"],
                        action["agency_raw"],
                        action["lead"],
                        action["target_date"],
                        action["progress"],
                        action["rag_raw"],
                    ),
                )
                if fill := RAG_FILLS.get(action["rag"]):
                    shade(row.cells[6]._tc, fill)
            vmerge(block, 0, vmerge_runs([""] * len(block)))
    return doc


@dataclass(frozen=True)
class Plan:
    stem: str
    golden: str
    folder: Path
    build: Callable[[Golden], DocxDocument]


PLANS = {
    plan.stem: plan
    for plan in (
        Plan("westmoor-sar-plan", "westmoor-sar-plan", SAMPLES, build_sar),
        Plan("hollinsby-dhr-plan", "hollinsby-dhr-plan", SAMPLES, build_dhr),
        Plan("carrow-vale-tracker", "carrow-vale-tracker", FIXTURES, build_tracker),
        Plan(
            "ashdown-child-c-report", "ashdown-child-c-report", FIXTURES, build_report
        ),
    )
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stems", nargs="*", help="plans to build (default: all)")
    parser.add_argument("--no-pdf", action="store_true", help="write the DOCX only")
    args = parser.parse_args(argv)
    unknown = set(args.stems) - set(PLANS)
    if unknown:
        raise SystemExit(f"unknown plan(s): {', '.join(sorted(unknown))}")
    for stem in args.stems or PLANS:
        plan = PLANS[stem]
        golden = load_golden(plan.golden)
        out = plan.folder / f"{stem}.docx"
        save_deterministic(plan.build(golden), out, fixed_time(golden))
        print(f"wrote {out} ({len(golden.actions)} action rows)")
        if args.no_pdf:
            continue
        print(f"wrote {convert_to_pdf(out)}")
        if stem == "hollinsby-dhr-plan":
            reportlab = plan.folder / f"{stem}-reportlab.pdf"
            build_dhr_reportlab(golden, reportlab)
            print(f"wrote {reportlab}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
