"""List labels as Word prints them: "1.", "a)", "1.2", "Finding 3:", "◆".

A numbered paragraph holds no label in its text, only a list instance (`w:numId`)
and a level (`w:ilvl`); numbering.xml says how each level counts and prints, and
the label comes from counting in document order. The rules followed are Word's:

- list instances (`w:num`) that point at the same abstract list share its
  counters, so a list goes on across tables and other lists; an instance that
  overrides a level's start (Word's "restart numbering") counts on its own;
- using a level restarts the levels below it, unless a level's `w:lvlRestart`
  says otherwise (0: never; n: only when level n or one above it is used);
- `%n` in a level's text is level n's current number in that level's format, or
  its start value when it has not been used yet;
- the label is followed by a space unless the level's suffix is `nothing`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from lxml import etree

from extract.docx.styles import StyleSheet
from extract.docx.symbols import decode
from extract.docx.xml import W

_LEVELS = 9
_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


@dataclass(frozen=True, slots=True)
class Level:
    """How one level of a list counts and prints."""

    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # w:lvlRestart; None: after any higher level
    suffix: str = "tab"
    legal: bool = False  # w:isLgl: the numbers of higher levels print as decimals
    font: str | None = None


@dataclass(slots=True)
class _Instance:
    abstract: str
    levels: dict[int, Level]
    own_counters: bool


class Numbering:
    """numbering.xml, and the counters of every list as the document is read."""

    def __init__(self, root: etree._Element | None, styles: StyleSheet) -> None:
        self._styles = styles
        abstracts = {
            a.get(W.abstractNumId, ""): a
            for a in (root.iter(W.abstractNum) if root is not None else ())
        }
        self._nums = {
            n.get(W.numId, ""): n
            for n in (root.iter(W.num) if root is not None else ())
        }
        self._abstracts = abstracts
        self._instances: dict[str, _Instance | None] = {}
        self._counters: dict[str, dict[int, int]] = {}

    def label(self, num_id: str | None, ilvl: int) -> str:
        """Count one paragraph of list `num_id` at level `ilvl`; its label with
        the space after it ("" when the paragraph is not numbered)."""
        instance = self._instance(num_id) if num_id else None
        if instance is None:
            return ""
        level = instance.levels.get(ilvl)
        if level is None:
            return ""
        key = (
            f"num:{num_id}"
            if instance.own_counters
            else f"abstract:{instance.abstract}"
        )
        counters = self._counters.setdefault(key, {})
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else level.start
        for deeper in range(ilvl + 1, _LEVELS):
            below = instance.levels.get(deeper)
            if below is not None and _restarts(below, ilvl):
                counters.pop(deeper, None)
        text = self._print(instance, level, counters)
        if not text:
            return ""
        return text if level.suffix == "nothing" else text + " "

    def _print(
        self, instance: _Instance, level: Level, counters: dict[int, int]
    ) -> str:
        if level.fmt == "none":
            return ""
        if level.fmt == "bullet":
            return decode(level.text, level.font)
        out = level.text
        for n in range(_LEVELS, 0, -1):  # %10 never occurs; %1 after %1x would
            marker = f"%{n}"
            if marker in out:
                other = instance.levels.get(n - 1, Level())
                value = counters.get(n - 1, other.start)
                fmt = "decimal" if level.legal else other.fmt
                out = out.replace(marker, format_number(value, fmt))
        return decode(out, level.font)

    def _instance(self, num_id: str) -> _Instance | None:
        if num_id not in self._instances:
            self._instances[num_id] = self._read_instance(num_id)
        return self._instances[num_id]

    def _read_instance(self, num_id: str) -> _Instance | None:
        num = self._nums.get(num_id)
        if num is None or num_id == "0":
            return None
        abstract_id = _val(num.find(W.abstractNumId)) or ""
        abstract = self._linked(self._abstracts.get(abstract_id))
        if abstract is None:
            return None
        levels = {
            int(lvl.get(W.ilvl, "0")): _level(lvl) for lvl in abstract.findall(W.lvl)
        }
        overridden = False
        for override in num.findall(W.lvlOverride):
            ilvl = int(override.get(W.ilvl, "0"))
            redefined = override.find(W.lvl)
            if redefined is not None:
                levels[ilvl] = _level(redefined)
            start = _val(override.find(W.startOverride))
            if start is not None and start.isdigit():
                levels[ilvl] = replace(levels.get(ilvl, Level()), start=int(start))
                overridden = True
        return _Instance(abstract.get(W.abstractNumId, abstract_id), levels, overridden)

    def _linked(self, abstract: etree._Element | None) -> etree._Element | None:
        """An abstract list that only names a numbering style (`w:numStyleLink`)
        is the list that style's numbering points at."""
        link = _val(abstract.find(W.numStyleLink)) if abstract is not None else None
        if link is None:
            return abstract
        num = self._nums.get(self._styles.get(link).num_id or "")
        target = _val(num.find(W.abstractNumId)) if num is not None else None
        found = self._abstracts.get(target or "")
        if found is None or found is abstract or found.find(W.numStyleLink) is not None:
            return None
        return found


def _restarts(level: Level, used: int) -> bool:
    """Whether using level `used` restarts `level` (a deeper one)."""
    if level.restart is None:
        return True
    return level.restart != 0 and used < level.restart


def _level(lvl: etree._Element) -> Level:
    start = _val(lvl.find(W.start))
    restart = _val(lvl.find(W.lvlRestart))
    fonts = lvl.find(f"{W.rPr}/{W.rFonts}")
    return Level(
        start=int(start) if start and start.lstrip("-").isdigit() else 1,
        fmt=_val(lvl.find(W.numFmt)) or "decimal",
        text=_val(lvl.find(W.lvlText)) or "",
        restart=int(restart) if restart and restart.isdigit() else None,
        suffix=_val(lvl.find(W.suff)) or "tab",
        legal=lvl.find(W.isLgl) is not None,
        font=(fonts.get(W.ascii) or fonts.get(W.hAnsi)) if fonts is not None else None,
    )


def format_number(value: int, fmt: str) -> str:
    """A counter in a Word number format; formats not listed print as decimals."""
    if fmt in ("lowerLetter", "upperLetter") and value > 0:
        # Word's letters: a..z, then aa..zz, aaa..zzz.
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter if fmt == "lowerLetter" else letter.upper()
    if fmt in ("lowerRoman", "upperRoman") and 0 < value < 4000:
        roman = ""
        for amount, digits in _ROMAN:
            while value >= amount:
                roman, value = roman + digits, value - amount
        return roman if fmt == "lowerRoman" else roman.upper()
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


def _val(element: etree._Element | None) -> str | None:
    return element.get(W.val) if element is not None else None
