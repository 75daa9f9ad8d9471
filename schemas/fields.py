"""Action-table columns by meaning: canonical field names and the headers plans print.

A header cell is matched to a field by its folded text (exact synonym first, then a
known prefix, then a fuzzy match in `normalise.columns`), so templates that say
"Lead Officer" instead of "Lead Person" still land in `lead`. The synonyms come from
the published plans surveyed in the shared field guide, table (a).
"""

from __future__ import annotations

# Grouping columns: they open a finding, a question or recommendation, or an agency
# block, and are filled down over the rows below instead of written as action cells.
FINDING = "finding"
QUESTION = "question"
RECOMMENDATION = "recommendation"
AGENCY = "agency"
# A numbering column ("No.", "Ref") beside or instead of the question text: it gives
# the label of the question or recommendation the row opens.
LABEL = "label"

# A question or recommendation cell opens a row of the questions table; its `kind`
# is the field's name, unless the label itself says otherwise ("Recommendation 2:").
QUESTION_KINDS: tuple[str, ...] = (QUESTION, RECOMMENDATION)
GROUPING_FIELDS: frozenset[str] = frozenset(
    {FINDING, QUESTION, RECOMMENDATION, AGENCY, LABEL}
)

# Action cells, in the order the actions table lists them. `target_evidence` is a
# combined "Target Date/Evidence" column (the Julia plan); plans with separate
# columns fill `target_date` and `evidence` instead.
ACTION_FIELDS: tuple[str, ...] = (
    "response",
    "action",
    "rag",
    "constraints",
    "target_evidence",
    "lead",
    "desired_outcome",
    "target_date",
    "evidence",
    "progress",
)

# Fields whose text is searched for target dates (the actions table's `target_dates`).
DATE_FIELDS: tuple[str, ...] = ("target_date", "target_evidence", "evidence")

# Header text (lower case, white space folded, trailing colon dropped) per field;
# a header with a bracketed note ("Lead Officer (name and role)") is also tried
# without it.
# A header that is ambiguous between two fields in the surveyed plans
# ("Accountability": agency or lead) is left out, so it is kept under `extra`.
HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    FINDING: (
        "finding",
        "findings",
        "scr finding",
        "multi-agency scr finding",
        "multi-agency finding",
        "theme",
        "themes",
        "priority",
        "identified improvement area",
    ),
    QUESTION: (
        "questions",
        "question",
        "questions to the board",
    ),
    RECOMMENDATION: (
        "recommendation",
        "recommendations",
        "overarching recommendation",
        "scr recommendation",
    ),
    LABEL: (
        "no.",
        "no",
        "#",
        "ref",
        "ref.",
        "ref no.",
        "ref no",
        "number",
        "rec no.",
        "rec no",
        "recommendation no.",
        "recommendation number",
    ),
    AGENCY: (
        "agency",
        "agencies",
        "lead agency",
        "lead agencies",
        "service",
        "service (provider or commissioner)",
        "organisation",
        "partner agency",
        "addressed to",
        "partnership group",
    ),
    "response": (
        "response",
        "agency response",
        "response/analysis",
        "agency response to recommendations",
        "nsab strategic response",
        "strategic response",
    ),
    "action": (
        "actions",
        "action",
        "agreed action",
        "agreed actions",
        "action to be taken",
        "actions to be taken",
        "actions required",
        "action required",
        "action to take",
        "specific action",
        "specific action (and timescale)",
        "additional action required",
        "what",
    ),
    "rag": (
        "rag",
        "rag rating",
        "rag status",
        "brag",
        "brag rating",
        "brag status",
        "red amber green",
        "red/amber/green",
        "r a g",
        "r/a/g",
        "status",
        "progress indicator",
        "assessment of progress",
        "assessment of progress (categories 1-4)",
    ),
    "constraints": ("constraints/problems", "constraints", "problems", "risks"),
    "target_evidence": (
        "target date/evidence",
        "target date / evidence",
        "target date and evidence",
    ),
    "target_date": (
        "target date",
        "target dates",
        "timescale",
        "timescales",
        "timescale/target",
        "timescale for completion",
        "target date for completion",
        "when",
        "date",
        "by when",
        "due",
        "due date",
        "date due",
        "due by",
        "deadline",
        "target and completion date",
        "realistic target date",
        "give expected new achievement date",
    ),
    "evidence": (
        "evidence",
        "evidence and assurance",
        "evidence of impact",
        "evidence of completion",
        "output/outcome measurement",
        "success indicators",
        "measures of success",
    ),
    "lead": (
        "lead person",
        "lead person(s)",
        "lead",
        "lead officer",
        "lead officer(s)",
        "responsible officer",
        "responsible person",
        "owner",
        "identified lead",
        "lead/ownership",
        "responsibility",
        "who",
    ),
    "desired_outcome": (
        "desired outcome",
        "desired outcomes",
        "outcome",
        "outcomes",
        "expected outcome",
        "intended outcome",
        "what difference do we expect to see?",
        "key milestones/outcome achieved in enacting recommendation",
        "date of completion and outcome",
    ),
    "progress": (
        "progress",
        "progress update",
        "progress to date",
        "comment/progress",
        "comments/progress",
        "update on progress",
        "monitoring: progress",
        "latest note",
        "update",
        "progress/update",
        "update/progress",
        "comments",
    ),
}

# Headers that carry a variable tail ("Progress presented to Committee March 2015"):
# a header starting with one of these names the field.
HEADER_PREFIXES: tuple[tuple[str, str], ...] = (
    ("progress presented to", "progress"),
    ("update on progress", "progress"),
    ("progress update", "progress"),
)
