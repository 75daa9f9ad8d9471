"""Document metadata from the front matter: title block, report date, colour key.

Front matter is everything before the first finding. Plans word it differently, so
each fact is recognised by what it looks like (a board name, an "as at" date, a
two-column table of colours and meanings), not by its position.
"""

from __future__ import annotations

import re

from normalise.dates import parse_day_first
from normalise.rag import RagKey, status_from_fill, status_from_text
from normalise.tableset import Record
from normalise.text import fold
from schemas.blocks import Paragraph, Table
from schemas.vocab import Rag

_BOARD = re.compile(
    r"^(.*?\b(?:LSCB|LSCP|SAB|SCP|Safeguarding\s+(?:Children|Adults)\s+"
    r"(?:Board|Partnership)|Safeguarding\s+Partnership|Community\s+Safety\s+"
    r"Partnership))\b[\s:,–-]*(.*)$",
    re.IGNORECASE,
)
_CASE = re.compile(
    r"^(?:child|adult|baby|young\s+person|family|case)\b|[‘“\"']\w+", re.IGNORECASE
)
_TITLE = re.compile(r"findings|action\s+plan|questions|recommendations", re.IGNORECASE)
_AS_AT = re.compile(r"\b(?:as\s+at|as\s+of|dated?|updated)\s*:?\s*(.+)$", re.IGNORECASE)


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


def colour_key(table: Table) -> tuple[list[Record], RagKey] | None:
    """A colour key table: rows of (shaded label, meaning). None if it is not one."""
    entries: list[Record] = []
    words: dict[str, Rag] = {}
    fills: dict[str, Rag] = {}
    for index, row in enumerate(table.rows):
        cells = sorted(row.cells, key=lambda cell: cell.first_col)
        texts = [fold(cell.text) for cell in cells]
        fill = next((cell.fill for cell in cells if cell.fill), None)
        label = texts[0] if len(texts) > 1 else ""
        meaning = texts[-1] if texts else ""
        # What the plan says the label means wins over what the label would mean
        # elsewhere ("Not started: off track" is red here, though usually unrated).
        status = (
            status_from_text(meaning)
            or status_from_fill(fill)
            or status_from_text(label)
        )
        if status is None and index == 0 and len(texts) <= 3:
            continue  # a header row ("Status | Meaning", maybe shaded) above the key
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
