"""WordprocessingML names, and the few value rules every part of the reader uses."""

from __future__ import annotations

from lxml import etree

WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


class Namespace:
    """`W.tc` is the Clark name `{…/main}tc`; each name is built once."""

    def __init__(self, uri: str) -> None:
        self._uri = uri

    def __getattr__(self, name: str) -> str:
        value = f"{{{self._uri}}}{name}"
        setattr(self, name, value)
        return value


W = Namespace(WORD_NS)
MC = Namespace(MC_NS)
R = Namespace(R_NS)


def child_of(parent: etree._Element | None, tag: str) -> etree._Element | None:
    """The first child of `parent` named `tag`; None when it has none or there
    is no `parent` (so lookups chain: `child_of(child_of(tc, W.tcPr), W.shd)`).
    A plain loop over the children: lxml's `find` runs an ElementPath query on
    every call, about three times slower, and the reader asks this some 30,000
    times of a long plan (issue 16)."""
    if parent is not None:
        for element in parent:
            if element.tag == tag:
                return element
    return None


def on(value: str | None, default: bool) -> bool:
    """An on/off attribute (`w:val` of `w:b`, `w:vanish`, `w:tblHeader`): absent
    is `default`, and only "0", "false" and "off" are off."""
    if value is None:
        return default
    return value.strip().lower() not in ("0", "false", "off")
