"""Target dates found in free text: day first, with precision, never a guess.

Every expected value is worked out by hand from the printed text.
"""

from __future__ import annotations

import pytest

from normalise.dates import find_dates, parse_day_first

DAY, MONTH, YEAR = "day", "month", "year"

DATES = [
    (
        "30/09/2014 31/12/14",
        [("2014-09-30", DAY, "30/09/2014"), ("2014-12-31", DAY, "31/12/14")],
    ),
    ("March 2015", [("2015-03-01", MONTH, "March 2015")]),
    ("Jun-15", [("2015-06-01", MONTH, "Jun-15")]),
    ("Sept 14", [("2014-09-01", MONTH, "Sept 14")]),
    ("By end of June 2015", [("2015-06-01", MONTH, "June 2015")]),
    (
        "Nov 14 & Audit March 15",
        [("2014-11-01", MONTH, "Nov 14"), ("2015-03-01", MONTH, "March 15")],
    ),
    ("CSE Workshop planned - 31/10/14.", [("2014-10-31", DAY, "31/10/14")]),
    ("7th Jan 2016", [("2016-01-07", DAY, "7th Jan 2016")]),
    ("21st Sept 2015 review", [("2015-09-21", DAY, "21st Sept 2015")]),
    ("07.01.2016", [("2016-01-07", DAY, "07.01.2016")]),
    ("09/2015", [("2015-09-01", MONTH, "09/2015")]),
    (
        "Mar-16 then 30 June 2016",
        [("2016-03-01", MONTH, "Mar-16"), ("2016-06-30", DAY, "30 June 2016")],
    ),
    ("By 2017", [("2017-01-01", YEAR, "2017")]),
    ("May 15", [("2015-05-01", MONTH, "May 15")]),
    # a cell wrapped between month and year: the date's text is on one line
    (
        "Sept\n15 and 7th\nJan 2016",
        [("2015-09-01", MONTH, "Sept 15"), ("2016-01-07", DAY, "7th Jan 2016")],
    ),
]

NO_DATES = [
    "L3 training",
    "95%",
    "0-19 services",
    "Level 3",
    "",
    "Ongoing",
    "Quarterly",
    "Q1 2016",
    "2015/16",
    "Recommendation 10.1.2",
    "31/02/2016",  # no such day
    "13/13/2016",
    "We may 15 times",  # the verb, not the month
    "June 30 2015",  # month first: not read rather than misread
    "2016 figures show a rise",  # a bare year without "by", "in", ...
    "7 Smarch 2016",
]


@pytest.mark.parametrize(("text", "expected"), DATES)
def test_dates_found(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert [(d.iso, d.precision, d.text) for d in find_dates(text)] == expected


@pytest.mark.parametrize("text", NO_DATES)
def test_no_date_no_guess(text: str) -> None:
    assert find_dates(text) == []


def test_record_shape() -> None:
    (found,) = find_dates("Sept 14")
    assert found.as_record() == {
        "date": "2014-09-01",
        "precision": "month",
        "text": "Sept 14",
    }


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("Report as at 07.01.2016", "2016-01-07"),
        ("7/1/16", "2016-01-07"),
        ("Position at March 2016 and 14 March 2016", "2016-03-14"),
        ("March 2016", ""),  # a month is not a report date
    ],
)
def test_parse_day_first_takes_the_first_full_date(raw: str, iso: str) -> None:
    assert parse_day_first(raw) == iso
