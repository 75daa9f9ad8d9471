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
- Percentages ("75%"): through the key where it defines them; without, 100% is
  `complete` and any other share `unrated`, understood (`PERCENT`).
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

# A status printed as a share of the work done ("75%"). Without a key that defines
# it, only 100% says how the action stands (complete); any other share is
# `unrated`, understood and not reported, its text kept in `rag_raw`.
PERCENT = re.compile(r"^(\d{1,3}(?:\.\d+)?)\s*%$")

# What kind of body an agency is: the `agency_kind` column, which researchers
# comparing reviews group by. Registry entries carry one of these; a name the
# registry does not know gets one from its own words (`AGENCY_KIND_WORDS`), else
# "other".
AGENCY_KINDS: tuple[str, ...] = (
    "police",
    "health commissioner",
    "acute trust",
    "mental health trust",
    "community health",
    "primary care",
    "children's social care",
    "adult social care",
    "education",
    "housing",
    "probation",
    "youth justice",
    "courts",
    "board or partnership",
    "voluntary sector",
    "other",
)
OTHER_KIND = "other"

# Words in a name that say what kind of body it is, tried in this order on the
# name's match key (lower case, apostrophes dropped, "&" as "and"); the first that
# occurs as whole words wins. The order puts the service a name names before the
# kind of organisation: "Westmoor Council Adult Social Care" is adult social care,
# not a council; "Carrow Vale Hospitals NHS Trust" is an acute trust. An NHS trust
# whose name names no service is taken for an acute trust (the usual case for a
# hospital trust named in a plan); "partnership" before "NHS" is how mental health
# and community trusts are named. A council naming no service is "other".
AGENCY_KIND_WORDS: tuple[tuple[str, str], ...] = (
    ("police", "police"),
    ("constabulary", "police"),
    ("constabularies", "police"),
    ("icb", "health commissioner"),
    ("integrated care board", "health commissioner"),
    ("ccg", "health commissioner"),
    ("clinical commissioning group", "health commissioner"),
    ("mental health", "mental health trust"),
    ("partnership nhs", "mental health trust"),
    ("partnership university nhs", "mental health trust"),
    ("community health", "community health"),
    ("community healthcare", "community health"),
    ("district nursing", "community health"),
    ("health visiting", "community health"),
    ("hospital", "acute trust"),
    ("hospitals", "acute trust"),
    ("gp", "primary care"),
    ("gps", "primary care"),
    ("general practice", "primary care"),
    ("primary care", "primary care"),
    ("surgery", "primary care"),
    ("medical practice", "primary care"),
    ("childrens services", "children's social care"),
    ("childrens social care", "children's social care"),
    ("childrens social work", "children's social care"),
    ("early help", "children's social care"),
    ("adult social care", "adult social care"),
    ("adults social care", "adult social care"),
    ("adult services", "adult social care"),
    ("adults services", "adult social care"),
    ("education", "education"),
    ("school", "education"),
    ("schools", "education"),
    ("academy", "education"),
    ("college", "education"),
    ("housing", "housing"),
    ("probation", "probation"),
    ("youth justice", "youth justice"),
    ("youth offending", "youth justice"),
    ("court", "courts"),
    ("courts", "courts"),
    ("cafcass", "courts"),
    ("nhs foundation trust", "acute trust"),
    ("nhs trust", "acute trust"),
    ("board", "board or partnership"),
    ("partnership", "board or partnership"),
    ("womens aid", "voluntary sector"),
    ("refuge", "voluntary sector"),
    ("victim support", "voluntary sector"),
    ("charity", "voluntary sector"),
    ("voluntary", "voluntary sector"),
)
