"""Header rows to canonical fields: which grid slots hold which kind of cell.

A header cell is matched through `schemas.fields.HEADER_SYNONYMS`, exactly on its
folded text, then by a known prefix, then fuzzily, so spelling and wording variants
still map. A row is a header row when most of its non-empty cells map to distinct
fields. A column whose header maps to nothing keeps its header text, so its cells
can still be written (under `extra`) instead of being dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from normalise.text import fold
from schemas.blocks import Row
from schemas.fields import (
    GROUPING_FIELDS,
    HEADER_PREFIXES,
    HEADER_SYNONYMS,
    QUESTION_KINDS,
)

FUZZY_CUTOFF = 85.0
_BRACKETED = re.compile(r"\([^)]*\)")
_SYNONYM_TO_FIELD = {
    syn: name for name, synonyms in HEADER_SYNONYMS.items() for syn in synonyms
}


def field_for_header(text: str) -> str | None:
    """The canonical field a header cell names, or None."""
    key = fold(text).lower().rstrip(":").strip()
    if not key:
        return None
    if key in _SYNONYM_TO_FIELD:
        return _SYNONYM_TO_FIELD[key]
    bare = fold(_BRACKETED.sub(" ", key)).rstrip(":").strip()
    if bare in _SYNONYM_TO_FIELD:
        return _SYNONYM_TO_FIELD[bare]
    for prefix, name in HEADER_PREFIXES:
        if key.startswith(prefix):
            return name
    if any(ch.isdigit() for ch in key):
        return None  # fuzzy matching mends spelling; "Finding 1" is not a header
    best = process.extractOne(
        key, list(_SYNONYM_TO_FIELD), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
    )
    return _SYNONYM_TO_FIELD[best[0]] if best else None


@dataclass(frozen=True, slots=True)
class ColumnMap:
    """Field of each grid slot of a table (None for a slot no header names).

    `headers` holds each slot's header text as printed (folded), so a cell under an
    unmapped column is kept under its header's name. `header_row` is the index of
    the (first) header row in its table and `header_rows` how many rows the header
    has (a group header over sub-headers is two).
    """

    slots: tuple[str | None, ...]
    headers: tuple[str, ...] = ()
    unmapped: tuple[str, ...] = ()
    header_row: int = 0
    header_rows: int = 1

    def fields_covered(self, first: int, last: int) -> list[str]:
        """Distinct fields of the slots first..last, left to right."""
        out: list[str] = []
        for slot in range(first, min(last, len(self.slots) - 1) + 1):
            name = self.slots[slot]
            if name is not None and name not in out:
                out.append(name)
        return out

    def extra_name(self, slot: int) -> str:
        """The name a cell of an unmapped column is kept under: its header, or
        `column N` (1-based) when the column has no header text."""
        header = self.headers[slot] if slot < len(self.headers) else ""
        return header or f"column {slot + 1}"

    @property
    def has_question_column(self) -> bool:
        """Whether a column holds question or recommendation text."""
        return any(slot in QUESTION_KINDS for slot in self.slots)

    @property
    def is_action_table(self) -> bool:
        """Enough action columns to be an action plan table, not a key or a list."""
        names = {name for name in self.slots if name}
        return len(names - GROUPING_FIELDS) >= 2 and bool(
            names & {"action", "response"}
        )


def header_map(row: Row, n_cols: int) -> ColumnMap | None:
    """The column map a row declares if it is a header row, else None."""
    texts = [cell for cell in row.cells if fold(cell.text)]
    if len(texts) < 3:
        return None
    slots: list[str | None] = [None] * n_cols
    headers = [""] * n_cols
    unmapped: list[str] = []
    found: set[str] = set()
    for cell in texts:
        name = field_for_header(cell.text)
        last = min(cell.last_col, n_cols - 1)
        headers[cell.first_col : last + 1] = [fold(cell.text)] * (
            last + 1 - cell.first_col
        )
        if name is None or name in found:
            unmapped.append(fold(cell.text))
            continue
        found.add(name)
        slots[cell.first_col : last + 1] = [name] * (last + 1 - cell.first_col)
    if len(found) < max(3, (len(texts) + 1) // 2):
        return None
    return ColumnMap(tuple(slots), tuple(headers), tuple(unmapped))
