"""Document metadata from the front matter: title block, report date, colour key.

Front matter is everything before the first finding. Plans word it differently, so
each fact is recognised by what it looks like (a board name, an "as at" date, a
two-column table of colours and meanings), not by its position.
"""

from __future__ import annotations

import re
from datetime import date

from extract.types import Paragraph, Table
from normalise.rag import RagKey, status_from_fill, status_from_text
from normalise.tableset import Record
from normalise.text import fold
from schemas.vocab import Rag

_BOARD = re.compile(
    r"^(.*?\b(?:LSCB|LSCP|SAB|SCP|Safeguarding\s+(?:Children|Adults)\s+"
    r"(?:Board|Partnership)|Safeguarding\s+Partnership))\b[\s:,–-]*(.*)$",
    re.IGNORECASE,
)
_CASE = re.compile(
    r"^(?:child|adult|baby|young\s+person|family|case)\b|[‘“\"']\w+", re.IGNORECASE
)
_TITLE = re.compile(r"findings|action\s+plan|questions|recommendations", re.IGNORECASE)
_AS_AT = re.compile(r"\b(?:as\s+at|as\s+of|dated?|updated)\s*:?\s*(.+)$", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[./-](\d{1,2})[./-](\d{2,4})\b")
_MONTHS = {
    name[:3]: number
    for number, name in enumerate(
        (
            "jan",
            "feb",
            "mar",
            "apr",
            "may",
            "jun",
            "jul",
            "aug",
            "sep",
            "oct",
            "nov",
            "dec",
        ),
        start=1,
    )
}
_WORD_DATE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?\s+(\d{4})\b")


def document_metadata(paragraphs: list[Paragraph]) -> Record:
    """Title, board, review, case and report date from the front-matter lines."""
    meta: Record = {
        "title": "",
        "board": "",
        "review": "",
        "case": "",
        "report_date": "",
    }
    for paragraph in paragraphs:
        text = fold(paragraph.text)
        as_at = _AS_AT.search(text)
        if as_at and not meta["report_date"]:
            meta["report_date"] = parse_day_first(as_at.group(1))
            if meta["report_date"]:
                continue
        board = _BOARD.match(text)
        if board and not meta["board"]:
            meta["board"], meta["review"] = board.group(1).strip(), board.group(2)
        elif _TITLE.search(text) and not meta["title"]:
            meta["title"] = text
        elif _CASE.search(text) and not meta["case"] and len(text) < 80:
            meta["case"] = text
    return meta


def parse_day_first(text: str) -> str:
    """ISO date of the first day-first date in `text` ("07.01.2016", "7 Jan 2016")."""
    numeric = _NUMERIC_DATE.search(text)
    if numeric:
        day, month, year = (int(part) for part in numeric.groups())
        return _iso(day, month, year + 2000 if year < 100 else year)
    word = _WORD_DATE.search(text)
    if word and word.group(2)[:3].lower() in _MONTHS:
        return _iso(
            int(word.group(1)), _MONTHS[word.group(2)[:3].lower()], int(word.group(3))
        )
    return ""


def _iso(day: int, month: int, year: int) -> str:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return ""


def colour_key(table: Table) -> tuple[list[Record], RagKey] | None:
    """A colour key table: rows of (shaded label, meaning). None if it is not one."""
    entries: list[Record] = []
    words: dict[str, Rag] = {}
    fills: dict[str, Rag] = {}
    for row in table.rows:
        cells = sorted(row.cells, key=lambda cell: cell.first_col)
        texts = [fold(cell.text) for cell in cells]
        fill = next((cell.fill for cell in cells if cell.fill), None)
        label = texts[0] if len(texts) > 1 else ""
        meaning = texts[-1] if texts else ""
        status = (
            status_from_text(label)
            or status_from_fill(fill)
            or status_from_text(meaning)
        )
        if status is None or len(texts) > 3:
            return None
        entries.append({"status": status.value, "label": label, "meaning": meaning})
        for word in (label, meaning):
            if word:
                words[word.lower()] = status
        if fill:
            fills[fill.upper()] = status
    if not entries:
        return None
    return entries, RagKey(words=words, fills=fills)
