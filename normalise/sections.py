"""The document's paragraphs between its tables: findings, their narratives,
agency titles, and recommendations written as numbered paragraphs.

A plan may be a bare table or a whole review report with the plan as its
appendix. In a report a finding's narrative runs from its heading to the next
heading of the same or a higher level, so it never takes in the next section (the
recommendations, a glossary, the appendix's title). A finding heading that is a
bold paragraph rather than a styled heading has no level: its narrative runs to the
next finding or action table, skipping bold sub-headings. Numbered paragraphs under
a "Recommendations" heading are the report's recommendations; the plan may list
them again, or only name them ("Recommendation 3"), so they are kept aside and
merged with the plan's questions at the end (`merge_body_recommendations`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from normalise.agencies import Registry
from normalise.questions import ADDITIONAL_LEARNING, FINDING, NUMBERED, split_label
from normalise.rows import Grouping
from normalise.tableset import Record
from normalise.text import fold
from schemas.blocks import Paragraph
from schemas.fields import RECOMMENDATION
from schemas.rows import finding_row, question_row

# A bold line this short that does not end a sentence is a sub-heading, not narrative.
SUBHEADING_MAX_CHARS = 120
# A heading that opens a report's list of recommendations ("5. Recommendations",
# "Recommendations of the review"), not a plan's title ("Recommendations Action
# Plan", "Recommendations Tracker").
_RECOMMENDATIONS_HEADING = re.compile(
    r"^(?:\d+(?:\.\d+)*[.)]?\s+)?(?:the\s+|our\s+)?(?:review'?s\s+)?"
    r"recommendations?\b(?!.*\b(?:action\s+plan|tracker|progress)\b)",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Walk:
    """What the paragraphs so far have opened, read one paragraph at a time."""

    registry: Registry
    findings: list[Record] = field(default_factory=list)
    recommendations: list[Record] = field(default_factory=list)
    finding: Record | None = None
    agency_title: Grouping = field(default_factory=Grouping)
    narrative_open: bool = False
    # The level of the heading that opened the finding (None: a bold paragraph).
    finding_level: int | None = None
    in_additional: bool = False
    # The level of an open "Recommendations" heading, while its section lasts.
    recommendations_level: int | None = None

    def paragraph(self, block: Paragraph) -> None:
        """Read one paragraph outside the tables."""
        text = fold(block.text)
        self._close_sections(block)
        if is_heading(block) and ADDITIONAL_LEARNING.search(text):
            self.in_additional = True
            return
        new = finding_from(block, self.in_additional)
        if new is not None:
            self._open_finding(new, block)
        elif (title := agency_title(block, self.registry)) is not None:
            self.agency_title = title
        elif block.heading_level is not None and _RECOMMENDATIONS_HEADING.match(text):
            self.recommendations_level = block.heading_level
        elif self.recommendations_level is not None:
            self._recommendation(block, text)
        elif (
            self.finding is not None
            and self.narrative_open
            and not is_subheading(block)
        ):
            self.finding["narrative"] = "\n".join(
                filter(None, [self.finding["narrative"], block.text.strip()])
            )

    def table_read(self) -> None:
        """An action table ends the narrative above it; its title is used up."""
        self.narrative_open = False
        self.agency_title = Grouping(agency=self.agency_title.agency)

    def grouping(self) -> Grouping:
        """What the headings so far say about the next table's rows."""
        return Grouping(
            self.finding["finding_id"] if self.finding else "",
            self.agency_title.agency,
            self.agency_title.agency_raw,
        )

    def _open_finding(self, new: Record, block: Paragraph) -> None:
        self.finding = new
        self.findings.append(new)
        self.narrative_open = True
        self.finding_level = block.heading_level
        self.agency_title = Grouping()
        self.recommendations_level = None

    def _close_sections(self, block: Paragraph) -> None:
        """A heading ends the finding narrative and recommendations list it is not
        below (same level or higher, i.e. a smaller or equal level number)."""
        level = block.heading_level
        if level is None:
            return
        if self.finding_level is not None and level <= self.finding_level:
            self.narrative_open = False
        if (
            self.recommendations_level is not None
            and level <= self.recommendations_level
        ):
            self.recommendations_level = None

    def _recommendation(self, block: Paragraph, text: str) -> None:
        if is_heading(block):
            return
        label = split_label(text)
        if label.question_id and label.text and (NUMBERED.match(text) or label.kind):
            self.recommendations.append(
                question_row(
                    label.question_id, "", RECOMMENDATION, label.text, block.page
                )
            )


def merge_body_recommendations(
    questions: list[Record], recommendations: list[Record]
) -> None:
    """The body's numbered recommendations into the questions, each once: a plan
    question of the same id without text takes the body's text; one the plan does
    not list is added (with no finding) after the plan's."""
    by_id = {q["question_id"]: q for q in questions if q["kind"] == RECOMMENDATION}
    for body in recommendations:
        listed = by_id.get(body["question_id"])
        if listed is None:
            questions.append(body)
            by_id[body["question_id"]] = body
        elif not listed["text"]:
            listed["text"] = body["text"]


def finding_from(block: Paragraph, in_additional: bool) -> Record | None:
    """The finding a paragraph opens ("Finding 2: …", an additional-learning item)."""
    text = fold(block.text)
    match = FINDING.match(text)
    if match:
        finding_id, section, title = (
            match.group(2),
            match.group(1).lower(),
            match.group(3),
        )
    elif in_additional and is_heading(block) and (match := NUMBERED.match(text)):
        finding_id, section = f"AL{match.group(1)}", "additional_learning"
        title = match.group(2)
    else:
        return None
    return finding_row(finding_id, section, title.strip(), block.page)


def agency_title(block: Paragraph, registry: Registry) -> Grouping | None:
    """A heading that names a registry agency titles the tables that follow.

    Only a confident registry match counts: any other short bold line may be a
    sub-heading ("Issues for the Board to consider"), not an agency.
    """
    if not is_subheading(block):
        return None
    match = registry.match(block.text)
    if match.canonical is None:
        return None
    return Grouping(agency=match.canonical, agency_raw=fold(block.text))


def is_heading(block: Paragraph) -> bool:
    return block.heading_level is not None or block.bold


def is_subheading(block: Paragraph) -> bool:
    text = fold(block.text)
    return block.heading_level is not None or (
        block.bold and len(text) <= SUBHEADING_MAX_CHARS and not text.endswith(".")
    )
