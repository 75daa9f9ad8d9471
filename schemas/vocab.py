"""Canonical RAG statuses and the words plans print for them.

One place for the status vocabulary: the normaliser maps printed text through it and
the colour-key reader maps key labels through it.
"""

from __future__ import annotations

import re
from enum import Enum


class Rag(str, Enum):
    """Canonical status of an action, as defined in the golden contract."""

    COMPLETE = "complete"
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    NOT_APPLICABLE = "not_applicable"
    UNRATED = "unrated"


# Exact printed values (lower-cased, white space folded) and their status.
RAG_WORDS: dict[str, Rag] = {
    "g": Rag.GREEN,
    "green": Rag.GREEN,
    "a": Rag.AMBER,
    "amber": Rag.AMBER,
    "r": Rag.RED,
    "red": Rag.RED,
    "p": Rag.COMPLETE,
    "complete": Rag.COMPLETE,
    "completed": Rag.COMPLETE,
    "n/a": Rag.NOT_APPLICABLE,
    "na": Rag.NOT_APPLICABLE,
    "not applicable": Rag.NOT_APPLICABLE,
    "no actions": Rag.NOT_APPLICABLE,
}

# Phrases recognised at the start of a longer status text ("Action complete as ...").
RAG_PREFIXES: tuple[tuple[re.Pattern[str], Rag], ...] = (
    (re.compile(r"^action\s+complete(?:\(d\)|d)?\b"), Rag.COMPLETE),
    (re.compile(r"^(?:this\s+is\s+)?not\s+applicable\b"), Rag.NOT_APPLICABLE),
)

# Fill colours (RGB hex, upper case) of the usual RAG shading, for colour-only cells.
RAG_COLOURS: dict[Rag, str] = {
    Rag.RED: "FF0000",
    Rag.AMBER: "FFC000",
    Rag.GREEN: "00B050",
    Rag.COMPLETE: "8DB3E2",
}
