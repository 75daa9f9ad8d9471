"""Printed RAG text (or a cell's fill colour) to a canonical status.

The plan's own colour key comes first, because plans disagree on what a word or a
colour means; the shared vocabulary in `schemas.vocab` is the fallback.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from normalise.text import fold
from schemas.vocab import RAG_COLOURS, RAG_PREFIXES, RAG_WORDS, Rag


@dataclass(frozen=True, slots=True)
class RagKey:
    """A document's colour key: printed labels, meanings and fills to statuses."""

    words: dict[str, Rag] = field(default_factory=dict)
    fills: dict[str, Rag] = field(default_factory=dict)


def status_from_text(raw: str, key: RagKey | None = None) -> Rag | None:
    """The status a printed value names, or None when the words are not known."""
    text = fold(raw).lower()
    if not text:
        return None
    if key is not None and text in key.words:
        return key.words[text]
    if text in RAG_WORDS:
        return RAG_WORDS[text]
    for pattern, status in RAG_PREFIXES:
        if pattern.match(text):
            return status
    return None


def status_from_fill(fill: str | None, key: RagKey | None = None) -> Rag | None:
    """The status a cell's fill colour stands for, if it is a known RAG colour."""
    if not fill:
        return None
    fill = fill.upper()
    if key is not None and fill in key.fills:
        return key.fills[fill]
    for status, colour in RAG_COLOURS.items():
        if _close(fill, colour):
            return status
    return None


def classify(raw: str, fill: str | None, key: RagKey | None = None) -> tuple[Rag, bool]:
    """Status of a RAG cell and whether its text was understood.

    Text wins over colour; an empty, unshaded cell is `unrated` (understood); text
    that names no status is `unrated` and flagged so the caller can report it.
    """
    status = status_from_text(raw, key)
    if status is not None:
        return status, True
    if not fold(raw):
        return status_from_fill(fill, key) or Rag.UNRATED, True
    return Rag.UNRATED, False


def _close(a: str, b: str, tolerance: int = 40) -> bool:
    """Two RGB hex colours within `tolerance` on every channel (PDF fills drift)."""
    try:
        pa = [int(a[i : i + 2], 16) for i in (0, 2, 4)]
        pb = [int(b[i : i + 2], 16) for i in (0, 2, 4)]
    except ValueError:
        return False
    return all(abs(x - y) <= tolerance for x, y in zip(pa, pb, strict=True))
