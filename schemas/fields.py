"""Action-table columns by meaning: canonical field names and the headers plans print.

A header cell is matched to a field by its folded text (exact synonym first, then a
fuzzy match in `normalise.columns`), so templates that say "Lead Officer" instead of
"Lead Person" still land in `lead`.
"""

from __future__ import annotations

# Key columns: they group rows and are filled down, not written as action cells.
QUESTION = "question"
AGENCY = "agency"

# Action cells, in the order the actions table lists them.
ACTION_FIELDS: tuple[str, ...] = (
    "response",
    "action",
    "rag",
    "constraints",
    "target_evidence",
    "lead",
    "desired_outcome",
)

HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    QUESTION: (
        "questions",
        "question",
        "questions to the board",
        "recommendation",
        "recommendations",
    ),
    AGENCY: (
        "agency",
        "lead agency",
        "agencies",
        "service",
        "organisation",
        "partner agency",
    ),
    "response": (
        "response",
        "agency response",
        "response/analysis",
        "agency response to recommendations",
    ),
    "action": (
        "actions",
        "action",
        "agreed action",
        "action to be taken",
        "actions required",
        "action to take",
    ),
    "rag": ("rag", "rag rating", "rag status", "status", "progress indicator"),
    "constraints": ("constraints/problems", "constraints", "problems", "risks"),
    "target_evidence": (
        "target date/evidence",
        "target date / evidence",
        "target date and evidence",
    ),
    "lead": (
        "lead person",
        "lead person(s)",
        "lead",
        "lead officer",
        "responsible officer",
        "owner",
        "identified lead",
    ),
    "desired_outcome": (
        "desired outcome",
        "desired outcomes",
        "outcome",
        "expected outcome",
    ),
}
