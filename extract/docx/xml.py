"""WordprocessingML names, and the few value rules every part of the reader uses."""

from __future__ import annotations

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


def on(value: str | None, default: bool) -> bool:
    """An on/off attribute (`w:val` of `w:b`, `w:vanish`, `w:tblHeader`): absent
    is `default`, and only "0", "false" and "off" are off."""
    if value is None:
        return default
    return value.strip().lower() not in ("0", "false", "off")
