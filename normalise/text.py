"""White space and line clean-up shared by every stage; no meaning is inferred here."""

from __future__ import annotations

import re

_SPACES = re.compile(r"[ \t\u00a0\u2002\u2003\u2009]+")


def fold(value: object) -> str:
    """All white space runs to one space, ends stripped: how cells are matched and
    compared, by the normaliser and by the golden comparer alike. A missing value
    (None, or the NaN of an empty cell read by pandas) is ""; any other value is
    folded as its text."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return " ".join(str(value).split())


def clean_lines(text: str | None) -> str:
    """Keep line breaks between paragraphs, tidy spaces inside, drop blank lines."""
    lines = (_SPACES.sub(" ", line).strip() for line in (text or "").splitlines())
    return "\n".join(line for line in lines if line)


def match_key(text: str) -> str:
    """A loose key for matching names: lower case, no apostrophes or punctuation,
    '&' read as 'and', parenthesised abbreviations dropped."""
    text = text.lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"\([^)]*\)", " ", text)
    text = text.replace("&", " and ").replace("'", "")
    return " ".join(re.sub(r"[^a-z0-9/]+", " ", text).split())
