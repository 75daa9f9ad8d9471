"""Dates in free text, read day first: "30/09/2014", "7th Jan 2016", "Sept 14".

Plans print target dates as whatever the author typed, often several in one cell
("Nov 14 & Audit March 15"). Every date found is returned with its precision and the
text it came from. A month-precision date is given as the first day of its month,
a year-precision date as 1 January, so all dates sort and compare as ISO strings
while `precision` says how much of them was printed. Text without a recognisable
date gives nothing: a number is never taken for a date on its own ("Level 3",
"0-19 services", "95%").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from normalise.text import fold

Precision = Literal["day", "month", "year"]

_MONTH_NAMES = (
    "jan(?:uary)?",
    "feb(?:ruary)?",
    "mar(?:ch)?",
    "apr(?:il)?",
    "may",
    "june?",
    "july?",
    "aug(?:ust)?",
    "sep(?:t(?:ember)?)?",
    "oct(?:ober)?",
    "nov(?:ember)?",
    "dec(?:ember)?",
)
_MONTH = r"(?P<month>" + "|".join(_MONTH_NAMES) + r")\.?"
# Two-digit years are read as 20YY; a plan's dates lie in this century.
_YEAR = r"(?P<year>(?:19|20)\d{2}|\d{2})"
_NUMERIC = rf"(?P<day>\d{{1,2}})[./-](?P<num_month>\d{{1,2}})[./-]{_YEAR}"
_DAY_MONTH_YEAR = rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?[\s-]+{_MONTH}[\s,-]+{_YEAR}"
# "June 30 2015" (month first) is not read: 30 would be taken for the year.
_MONTH_YEAR = rf"{_MONTH}[\s,'’-]*{_YEAR}(?!\s+\d)"
_NUMERIC_MONTH_YEAR = r"(?P<num_month>0?[1-9]|1[0-2])/(?P<year>(?:19|20)\d{2})"
# A bare year counts only after a word that makes it a time ("by 2016", "end of 2016").
_YEAR_ONLY = r"\b(?:by|in|during|end\s+of|until|before)\s+(?P<date>(?P<year>20\d{2}))"

_PATTERNS: tuple[tuple[re.Pattern[str], Precision], ...] = tuple(
    (re.compile(rf"(?<![\w/.-]){body}(?![\w/%-]|\.\d)", re.IGNORECASE), precision)
    for body, precision in (
        (rf"(?P<date>{_NUMERIC})", "day"),
        (rf"(?P<date>{_DAY_MONTH_YEAR})", "day"),
        (rf"(?P<date>{_NUMERIC_MONTH_YEAR})", "month"),
        (rf"(?P<date>{_MONTH_YEAR})", "month"),
        (_YEAR_ONLY, "year"),
    )
)
_MONTH_NUMBER = {name[:3]: number for number, name in enumerate(_MONTH_NAMES, 1)}


@dataclass(frozen=True, slots=True)
class FoundDate:
    """One date found in a text: ISO date, how much of it was printed, and where.

    `text` is the date as printed on one line ("Sept 15" even where the cell wraps
    between the month and the year): the JSON carries no line break of the layout.
    """

    iso: str
    precision: Precision
    text: str
    start: int

    def as_record(self) -> dict[str, str]:
        """The JSON shape of one entry of the actions table's `target_dates`."""
        return {"date": self.iso, "precision": self.precision, "text": self.text}


def find_dates(text: str) -> list[FoundDate]:
    """Every date in `text`, in the order printed; an impossible date is skipped.

    Patterns are tried most specific first, and a later one never reads text an
    earlier one took ("30 June 2015" is one day, not also the month "June 2015").
    """
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for pattern, precision in _PATTERNS:
        for match in pattern.finditer(text):
            span = match.span("date")
            if any(span[0] < end and start < span[1] for start, end in taken):
                continue
            iso = _iso(match, precision)
            if iso and not _modal_may(match):
                taken.append(span)
                found.append(
                    FoundDate(iso, precision, fold(match.group("date")), span[0])
                )
    return sorted(found, key=lambda item: item.start)


def parse_day_first(text: str) -> str:
    """ISO date of the first full date in `text` ("07.01.2016", "7 Jan 2016")."""
    return next((d.iso for d in find_dates(text) if d.precision == "day"), "")


def _modal_may(match: re.Match[str]) -> bool:
    """ "may 15" in running text is the verb; the month is "May 15" or "may 2015"."""
    month = match.groupdict().get("month") or ""
    return month == "may" and len(match.group("year")) == 2


def _iso(match: re.Match[str], precision: Precision) -> str:
    parts = match.groupdict()
    year = int(parts["year"])
    year += 2000 if year < 100 else 0
    if parts.get("num_month"):
        month = int(parts["num_month"])
    elif parts.get("month"):
        month = _MONTH_NUMBER[parts["month"][:3].lower()]
    else:
        month = 1
    day = int(parts["day"]) if precision == "day" else 1
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return ""
