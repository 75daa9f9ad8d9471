"""What the document's styles say about a paragraph or run: name, bold, hidden,
list numbering. A style inherits what it does not set from its `w:basedOn` style."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from extract.docx.xml import W, child_of, on

_MAX_DEPTH = 20  # basedOn chains are short; this only stops a loop


@dataclass(frozen=True, slots=True)
class Style:
    """One style as it applies, its inherited properties resolved."""

    name: str
    bold: bool | None
    hidden: bool | None
    num_id: str | None
    ilvl: int


class StyleSheet:
    """The styles part, read once; lookups by style id."""

    def __init__(self, root: etree._Element | None) -> None:
        self._raw: dict[str, etree._Element] = {}
        self._default_paragraph: str | None = None
        for style in root.iter(W.style) if root is not None else ():
            ident = style.get(W.styleId)
            if ident is None:
                continue
            self._raw.setdefault(ident, style)
            if style.get(W.type) == "paragraph" and on(style.get(W.default), False):
                self._default_paragraph = self._default_paragraph or ident
        self._resolved: dict[str, Style] = {}

    def paragraph(self, p_pr: etree._Element | None) -> Style:
        """The paragraph style of a `w:pPr` (the default style when none is named)."""
        ident = _val(child_of(p_pr, W.pStyle))
        return self.get(ident or self._default_paragraph)

    def get(self, ident: str | None) -> Style:
        """The style `ident`, resolved; an unknown id is a plain style."""
        if ident is None or ident not in self._raw:
            return Style("", None, False, None, 0)
        if ident not in self._resolved:
            self._resolved[ident] = self._resolve(ident)
        return self._resolved[ident]

    def _resolve(self, ident: str) -> Style:
        chain: list[etree._Element] = []
        current: str | None = ident
        while current in self._raw and len(chain) < _MAX_DEPTH:
            element = self._raw[current]
            if element in chain:
                break
            chain.append(element)
            current = _val(element.find(W.basedOn))
        name = _val(chain[0].find(W.name)) or ident
        bold = _first(chain, f"{W.rPr}/{W.b}")
        hidden = _first(chain, f"{W.rPr}/{W.vanish}")
        num = next(
            (
                e.find(f"{W.pPr}/{W.numPr}")
                for e in chain
                if e.find(f"{W.pPr}/{W.numPr}") is not None
            ),
            None,
        )
        num_id = _val(num.find(W.numId)) if num is not None else None
        ilvl = _val(num.find(W.ilvl)) if num is not None else None
        return Style(
            name, bold, hidden, num_id, int(ilvl) if ilvl and ilvl.isdigit() else 0
        )


def _val(element: etree._Element | None) -> str | None:
    return element.get(W.val) if element is not None else None


def _first(chain: list[etree._Element], path: str) -> bool | None:
    """The first style in the chain that sets the on/off property at `path`."""
    for element in chain:
        found = element.find(path)
        if found is not None:
            return on(found.get(W.val), True)
    return None
