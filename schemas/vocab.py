"""Canonical RAG statuses and the words plans print for them.

One place for the status vocabulary: the normaliser maps printed text through it and
the colour-key reader maps key labels and meanings through it. A plan's own key
always comes first (`normalise.rag`), because plans disagree: in Thurrock plans
Green means "on track", in some council trackers "achieved".

Canonical mapping of the wider vocabulary (field guide, table (b)), and why:

- `complete`: Complete(d), Action complete(d), Achieved, Fully achieved, Blue / B
  (BRAG plans colour finished actions blue), Signed off, and Thurrock's `P`.
- `green` (on track): G, Green, On track, On target (to achieve), In progress.
- `amber` (at risk): A, Amber, Orange, Slipped / Slippage, At risk, Within tolerance.
- `red` (off track): R, Red, Off track, Off target, Overdue, Not achieved,
  Not progressed.
- `not_applicable`: N/A, Not applicable, No actions, Cancelled, Not agreed.
- `unrated`, understood and not reported: Update pending, Check progress, Awaiting
  confirmation, TBC, Not started, Unassigned, Paused, Data not available, Target not
  set. None of these says how the action stands, so none is given a colour.
- A progress note ending in the sentence "Completed." is `complete` when the
  status cell is empty and unshaded (the field guide's T8 plan says it only there).
- Numeric scales (Stockton's 1-4) and anything else only through the plan's own
  key; without one they are `unrated` and reported as `unknown_status`. "Ongoing"
  is reported too: plans use it for a status and for a target date alike.
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
    "orange": Rag.AMBER,
    "r": Rag.RED,
    "red": Rag.RED,
    "b": Rag.COMPLETE,
    "blue": Rag.COMPLETE,
    "p": Rag.COMPLETE,
    "n/a": Rag.NOT_APPLICABLE,
    "na": Rag.NOT_APPLICABLE,
    "no actions": Rag.NOT_APPLICABLE,
    "update pending": Rag.UNRATED,
    "check progress": Rag.UNRATED,
    "awaiting confirmation": Rag.UNRATED,
    "tbc": Rag.UNRATED,
    "to be confirmed": Rag.UNRATED,
    "not started": Rag.UNRATED,
    "unassigned": Rag.UNRATED,
    "paused": Rag.UNRATED,
    "data not available": Rag.UNRATED,
    "target not set": Rag.UNRATED,
}

# Phrases recognised at the start of a longer status text ("Action complete as ...",
# "On track – no concerns"), tried in order after the exact words.
RAG_PREFIXES: tuple[tuple[re.Pattern[str], Rag], ...] = (
    (re.compile(r"^(?:action\s+)?complete(?:\(d\)|d)?\b"), Rag.COMPLETE),
    (re.compile(r"^(?:fully\s+)?achieved\b|^signed\s+off\b"), Rag.COMPLETE),
    (re.compile(r"^on\s+(?:track|target)\b|^in\s+progress\b"), Rag.GREEN),
    (
        re.compile(
            r"^(?:slipped|slippage|some\s+slippage|at\s+risk|within\s+tolerance)\b"
        ),
        Rag.AMBER,
    ),
    (
        re.compile(
            r"^(?:off\s+(?:track|target)|overdue|not\s+(?:achieved|progressed))\b"
        ),
        Rag.RED,
    ),
    (re.compile(r"^(?:this\s+is\s+)?not\s+applicable\b"), Rag.NOT_APPLICABLE),
    (re.compile(r"^(?:cancelled|not\s+agreed)\b"), Rag.NOT_APPLICABLE),
)

# A progress note whose last sentence is "Completed." (some plans have no status
# cell and say so in the narrative): `complete` when the status cell is empty and
# unshaded. "Not completed." does not match: the sentence must be the word alone.
PROGRESS_COMPLETE = re.compile(
    r"(?:^|[.!?]\s+)(?:action\s+)?complete(?:d)?\.?\s*$", re.IGNORECASE
)

# Fill colours (RGB hex, upper case) of the usual RAG shading, for colour-only cells
# in a plan without its own key.
RAG_COLOURS: dict[Rag, str] = {
    Rag.RED: "FF0000",
    Rag.AMBER: "FFC000",
    Rag.GREEN: "00B050",
    Rag.COMPLETE: "8DB3E2",
}
