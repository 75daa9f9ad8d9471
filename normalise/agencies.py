"""Agency names as printed to canonical names from the registry in `schemas/`.

Matching goes exact, then alias, then fuzzy above a cutoff. Below the cutoff the raw
name is kept and reported: a wrong confident mapping is worse than none.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from rapidfuzz import fuzz, process

from normalise.text import fold, match_key

FUZZY_CUTOFF = 88.0


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
        best = process.extractOne(
            key, list(self.by_key), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
        )
        if best is None:
            return AgencyMatch(None, raw, "none", 0.0)
        return AgencyMatch(self.by_key[best[0]], raw, "fuzzy", float(best[1]))


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
