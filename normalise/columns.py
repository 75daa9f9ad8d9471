"""Header rows to canonical fields: which grid slots hold which kind of cell.

A header cell is matched through `schemas.fields.HEADER_SYNONYMS`, exactly on its
folded text and then fuzzily, so spelling and wording variants still map. A row is a
header row when most of its non-empty cells map to distinct fields.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from extract.types import Row
from normalise.text import fold
from schemas.fields import AGENCY, HEADER_SYNONYMS, QUESTION

FUZZY_CUTOFF = 85.0
_SYNONYM_TO_FIELD = {
    syn: name for name, synonyms in HEADER_SYNONYMS.items() for syn in synonyms
}


def field_for_header(text: str) -> str | None:
    """The canonical field a header cell names, or None."""
    key = fold(text).lower().rstrip(":")
    if not key:
        return None
    if key in _SYNONYM_TO_FIELD:
        return _SYNONYM_TO_FIELD[key]
    best = process.extractOne(
        key, list(_SYNONYM_TO_FIELD), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
    )
    return _SYNONYM_TO_FIELD[best[0]] if best else None


@dataclass(frozen=True, slots=True)
class ColumnMap:
    """Field of each grid slot of a table (None for a slot no header names)."""

    slots: tuple[str | None, ...]
    unmapped: tuple[str, ...] = ()

    def fields_covered(self, first: int, last: int) -> list[str]:
        """Distinct fields of the slots first..last, left to right."""
        out: list[str] = []
        for slot in range(first, min(last, len(self.slots) - 1) + 1):
            name = self.slots[slot]
            if name is not None and name not in out:
                out.append(name)
        return out

    @property
    def is_action_table(self) -> bool:
        """Enough action columns to be an action plan table, not a key or a list."""
        names = {name for name in self.slots if name}
        return len(names - {QUESTION, AGENCY}) >= 2 and bool(
            names & {"action", "response"}
        )


def header_map(row: Row, n_cols: int) -> ColumnMap | None:
    """The column map a row declares if it is a header row, else None."""
    texts = [cell for cell in row.cells if fold(cell.text)]
    if len(texts) < 3:
        return None
    slots: list[str | None] = [None] * n_cols
    unmapped: list[str] = []
    found: set[str] = set()
    for cell in texts:
        name = field_for_header(cell.text)
        if name is None or name in found:
            unmapped.append(fold(cell.text))
            continue
        found.add(name)
        for slot in range(cell.first_col, min(cell.last_col, n_cols - 1) + 1):
            slots[slot] = name
    if len(found) < max(3, (len(texts) + 1) // 2):
        return None
    return ColumnMap(tuple(slots), tuple(unmapped))


def is_header_like(row: Row, columns: ColumnMap) -> bool:
    """A repeat of the table's header (on a new page, or a new table of the plan)."""
    again = header_map(row, len(columns.slots))
    return again is not None and set(filter(None, again.slots)) == set(
        filter(None, columns.slots)
    )
