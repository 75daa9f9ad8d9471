"""Question and finding labels: split "1a. Does the Board..." into id and text."""

from __future__ import annotations

import re

_QUESTION = re.compile(
    r"^\s*(?:question\s+)?(\d{1,2}(?:\.\d{1,2})*[a-z]?|[a-z]?\d{1,2}[a-z]?)[.):]?\s+(.*)$",
    re.IGNORECASE | re.DOTALL,
)
FINDING = re.compile(
    r"^\s*(?:scr\s+)?(?:finding|theme|priority)\s+(\d+)\s*[:.\-–]\s*(.+)$",
    re.IGNORECASE | re.DOTALL,
)
NUMBERED = re.compile(r"^\s*(\d{1,2})[.)]\s+(.+)$", re.DOTALL)
ADDITIONAL_LEARNING = re.compile(r"additional\s+learning", re.IGNORECASE)


def split_question(text: str) -> tuple[str, str]:
    """(id, text) of a question cell; the id is "" when the cell has none."""
    match = _QUESTION.match(text)
    if not match:
        return "", text.strip()
    return match.group(1), match.group(2).strip()
