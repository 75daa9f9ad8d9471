"""Printed RAG text (or a cell's fill colour) to a canonical status.

The plan's own colour key comes first, because plans disagree on what a word or a
colour means; the shared vocabulary in `schemas.vocab` is the fallback.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from normalise.text import fold
from schemas.vocab import PERCENT, RAG_COLOURS, RAG_PREFIXES, RAG_WORDS, Rag

# Largest per-channel difference for a fill to count as a key's or the usual colour.
COLOUR_TOLERANCE = 40


@dataclass(frozen=True, slots=True)
class RagKey:
    """A document's colour key: printed labels, meanings and fills to statuses."""

    words: dict[str, Rag] = field(default_factory=dict)
    fills: dict[str, Rag] = field(default_factory=dict)


def status_from_text(raw: str, key: RagKey | None = None) -> Rag | None:
    """The status a printed value names, or None when the words are not known.

    The plan's key first (it may define "50%" or "Not started" its own way), then
    the vocabulary, then a bare percentage (only 100% is a status without a key).
    """
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
    if share := PERCENT.match(text):
        return Rag.COMPLETE if float(share.group(1)) == 100 else Rag.UNRATED
    return None


def status_from_fill(fill: str | None, key: RagKey | None = None) -> Rag | None:
    """The status a cell's fill colour stands for, if it is a known RAG colour."""
    if not fill:
        return None
    fill = fill.upper()
    if key is not None and key.fills:
        return _nearest(fill, key.fills)
    return _nearest(fill, {colour: status for status, colour in RAG_COLOURS.items()})


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


def _nearest(fill: str, colours: dict[str, Rag]) -> Rag | None:
    """The status of the colour closest to `fill`, if one is within `COLOUR_TOLERANCE`
    on every channel (a PDF's fill drifts from the Word shading it was printed from).

    A plan with its own key is read through that key only: its colours may sit
    near the usual ones with other meanings.
    """
    target = _rgb(fill)
    if target is None:
        return None
    best: tuple[int, Rag] | None = None
    for colour, status in colours.items():
        rgb = _rgb(colour)
        if rgb is None:
            continue
        distance = max(abs(x - y) for x, y in zip(target, rgb, strict=True))
        if distance <= COLOUR_TOLERANCE and (best is None or distance < best[0]):
            best = (distance, status)
    return best[1] if best else None


def _rgb(colour: str) -> tuple[int, int, int] | None:
    try:
        return (int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16))
    except ValueError:
        return None
