"""The Julia plan's action-table headers, for tests that build small plans."""

HEADERS = (
    "Questions",
    "Agency",
    "Response",
    "Actions",
    "RAG",
    "Constraints/Problems",
    "Target Date/Evidence",
    "Lead Person",
    "Desired Outcome",
)
