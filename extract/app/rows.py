"""One document's output rows, finished: the keys every row carries, the document
row (assembled here and nowhere else) and each action's due date and overdue flag.

Analysts sort and filter by dates, so dates leave as dates: the report date, and per
action the date it is due by, read from its target date cell. A month-precision
target ("Jun-15") is due by the month's last day and a year ("by 2016") by 31
December, since a plan that says "June" means by the end of June.
"""

from __future__ import annotations

import calendar
import json
from datetime import date
from pathlib import Path

from normalise.coverage import coverage
from normalise.dates import FoundDate, find_dates
from normalise.tableset import Issue, Record, TableSet
from schemas.blocks import ExtractedDocument
from schemas.vocab import Rag

# The cells that say when an action is due: a target date column, or a combined
# "Target Date/Evidence" column. Dates under `evidence` say when it was shown.
DUE_FIELDS = ("target_date", "target_evidence")
# Statuses for which a past due date does not make an action overdue.
CLOSED = frozenset({Rag.COMPLETE.value, Rag.NOT_APPLICABLE.value})


def finish_rows(
    doc: ExtractedDocument, path: Path, source: str, tables: TableSet
) -> None:
    """Complete `tables` in place: a `wrong_extension` issue when the name lies,
    `source` and `doc_id` on every row, each action's dates, the document row."""
    if path.suffix.lower() != f".{doc.format}":
        tables.issues.append(
            Issue(
                "wrong_extension",
                f"the file is named {path.suffix} but is a {doc.format.upper()}; "
                f"read as {doc.format.upper()}",
            )
        )
    tables.issues += [Issue(n.code, n.message, n.page) for n in doc.notes]
    keys = {"source": source, "doc_id": doc.sha256[:16]}
    report = _iso_date(tables.document.get("report_date", ""))
    for action in tables.actions:
        action["due_date"] = due_date(action)
        action["overdue"] = overdue(action["due_date"], report, action["rag"])
    for rows in (tables.findings, tables.questions, tables.actions):
        for row in rows:
            row.update(keys)
    tables.document = {
        **keys,
        "format": doc.format,
        **tables.document,
        "report_date": report,
        "pages": doc.pages,
        "findings": len(tables.findings),
        "questions": len(tables.questions),
        "actions": len(tables.actions),
        "coverage": coverage(tables),
        "issues": json.dumps([str(i) for i in tables.issues], ensure_ascii=False),
    }


def due_date(action: Record) -> date | None:
    """The latest date printed in the action's target date cell, or None."""
    found = [d for name in DUE_FIELDS for d in find_dates(action[name])]
    return max((_last_day(d) for d in found), default=None)


def overdue(due: date | None, report: date | None, status: str) -> bool | None:
    """Whether the action was due before the report date and is still open;
    None when either date is unknown (no guess)."""
    if due is None or report is None:
        return None
    return due < report and status not in CLOSED


def _last_day(found: FoundDate) -> date:
    """The last day a date covers: itself, its month's last day, or 31 December."""
    day = date.fromisoformat(found.iso)
    if found.precision == "month":
        return day.replace(day=calendar.monthrange(day.year, day.month)[1])
    if found.precision == "year":
        return day.replace(month=12, day=31)
    return day


def _iso_date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None
