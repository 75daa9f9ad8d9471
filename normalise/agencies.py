"""Agency names as printed to canonical names from the registry in `schemas/`.

Matching goes exact, then alias, then fuzzy above a cutoff. Below the cutoff the raw
name is kept and reported: a wrong confident mapping is worse than none.

The fuzzy step mends typing slips only ("Childrens Servises", "Probaton"). Names of
different bodies are often near in spelling ("Essex Police" / "Sussex Police",
"NEP" / "NPS"), so a fuzzy match must also agree word by word: the same number of
words, each either equal or a long word one or two edits away with the same first
letter. A name near two canonical names at once is not matched.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from normalise.text import fold, match_key
from schemas.vocab import AGENCY_KIND_WORDS, AGENCY_KINDS, OTHER_KIND

FUZZY_CUTOFF = 88.0
# A word this long may differ by one edit in a fuzzy match; LONG_WORD and up, by two.
EDITABLE_WORD = 5
LONG_WORD = 9


@dataclass(frozen=True, slots=True)
class AgencyMatch:
    """The outcome of matching one printed agency name."""

    canonical: str | None
    raw: str
    method: str  # "exact", "alias", "fuzzy" or "none"
    score: float


@dataclass(frozen=True, slots=True)
class Registry:
    """Canonical names by match key, with their kinds."""

    by_key: dict[str, str]
    kinds: dict[str, str]
    canonical_keys: frozenset[str]

    def match(self, raw: str) -> AgencyMatch:
        """Match a printed agency name; `canonical` is None when nothing fits."""
        key = match_key(raw)
        if not key:
            return AgencyMatch(None, raw, "none", 0.0)
        if key in self.by_key:
            method = "exact" if key in self.canonical_keys else "alias"
            return AgencyMatch(self.by_key[key], raw, method, 100.0)
        scores: dict[str, float] = {}
        for candidate, canonical in self.by_key.items():
            score = fuzz.ratio(key, candidate)
            if score >= FUZZY_CUTOFF and _same_words(key, candidate):
                scores[canonical] = max(score, scores.get(canonical, 0.0))
        ranked = sorted(scores.items(), key=lambda item: -item[1])
        if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
            return AgencyMatch(None, raw, "none", ranked[0][1] if ranked else 0.0)
        return AgencyMatch(ranked[0][0], raw, "fuzzy", ranked[0][1])

    def kind(self, name: str) -> str:
        """What kind of body `name` is: the registry's kind for one of its names,
        else the first kind the name's own words give, else "other"."""
        if not name:
            return ""
        if name in self.kinds and self.kinds[name] in AGENCY_KINDS:
            return self.kinds[name]
        padded = f" {match_key(name)} "
        for words, kind in AGENCY_KIND_WORDS:
            if f" {words} " in padded:
                return kind
        return OTHER_KIND


def same_body(one: str, other: str) -> bool:
    """Whether two printed names are one body's name written two ways: the same
    match key, or word by word the slips the fuzzy match allows."""
    a, b = match_key(one), match_key(other)
    return a == b or (
        bool(a and b) and fuzz.ratio(a, b) >= FUZZY_CUTOFF and _same_words(a, b)
    )


def _same_words(printed: str, known: str) -> bool:
    """Whether two match keys differ only by slips inside long words."""
    words, known_words = printed.split(), known.split()
    if len(words) != len(known_words):
        return False
    for word, other in zip(words, known_words, strict=True):
        if word == other:
            continue
        allowed = 2 if min(len(word), len(other)) >= LONG_WORD else 1
        if (
            min(len(word), len(other)) < EDITABLE_WORD
            or word[0] != other[0]
            or Levenshtein.distance(word, other) > allowed
        ):
            return False
    return True


def load_registry(path: Path | None = None) -> Registry:
    """The registry from `path`, or the one shipped in `schemas/agencies.json`."""
    if path is None:
        return _default_registry()
    return _parse(json.loads(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def _default_registry() -> Registry:
    text = resources.files("schemas").joinpath("agencies.json").read_text("utf-8")
    return _parse(json.loads(text))


def _parse(data: dict[str, object]) -> Registry:
    by_key: dict[str, str] = {}
    kinds: dict[str, str] = {}
    canonical_keys: set[str] = set()
    entries = data.get("agencies")
    if not isinstance(entries, list):
        raise ValueError('the registry needs an "agencies" list')
    for entry in entries:
        name = fold(entry["name"])
        kinds[name] = entry.get("kind", "")
        canonical_keys.add(match_key(name))
        by_key.setdefault(match_key(name), name)
        for alias in entry.get("aliases", []):
            by_key.setdefault(match_key(alias), name)
    return Registry(by_key, kinds, frozenset(canonical_keys))
