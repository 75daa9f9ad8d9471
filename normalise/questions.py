"""Question, recommendation and finding labels: "1a. Does the Board..." to id and text.

Plans number their questions and recommendations in many ways ("1a.", "10.1.2",
"Recommendation 1:", "R3", "1)", "2 (i)", "7.2.1(a)"); the id is the label as printed
without its trailing punctuation or the word "Recommendation"/"Question". A label
word also tells the kind, whatever the column is called.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LABEL_WORD = re.compile(r"^\s*(question|recommendation)\s+(?=\d)", re.IGNORECASE)
_SUB_ITEM = r"(?:\s?\((?:[ivx]+|[a-z])\))?"
_QUESTION = re.compile(
    rf"^\s*(\d{{1,2}}(?:\.\d{{1,2}})*[a-z]?{_SUB_ITEM}|[a-z]?\d{{1,2}}[a-z]?{_SUB_ITEM})"
    r"[.):]?(?:\s+(.*))?$",
    re.IGNORECASE | re.DOTALL,
)
FINDING = re.compile(
    r"^\s*(?:(?:multi-agency\s+)?scr\s+)?(finding|theme|priority)\s+(\d+[a-z]?)"
    r"\s*[:.\-–]\s*(.+)$",
    re.IGNORECASE | re.DOTALL,
)
NUMBERED = re.compile(r"^\s*(\d{1,2})[.)]\s+(.+)$", re.DOTALL)
ADDITIONAL_LEARNING = re.compile(r"additional\s+learning", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Label:
    """A question or recommendation cell split into id, text and the kind its label
    word names (None when the label has no word: the column's kind applies)."""

    question_id: str
    text: str
    kind: str | None = None


def split_label(text: str) -> Label:
    """The label of a question or recommendation cell, its text and kind."""
    word = _LABEL_WORD.match(text)
    kind = word.group(1).lower() if word else None
    rest = text[word.end() :] if word else text
    match = _QUESTION.match(rest)
    if not match:
        return Label("", text.strip(), kind)
    return Label(match.group(1), (match.group(2) or "").strip(), kind)
