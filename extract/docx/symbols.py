"""Characters of the symbol fonts, as the Unicode character a reader sees.

Word keeps a bullet or a tick typed in Symbol or Wingdings as a code of that font:
a `w:sym` element (`w:char="F075"`), or text in a run whose font is the symbol font,
written either as the font's own byte (`u`) or in the private-use block Word maps
it to (U+F075). Shown in Wingdings, `u` is a black diamond; read as text it is a
"u". The tables hold the characters plans use (bullets, ticks, crosses, arrows, the
Greek letters and operators of Symbol); a code without an entry is kept as it is.
"""

from __future__ import annotations

# Symbol: ASCII digits and most punctuation are themselves; these differ.
_SYMBOL_ASCII = dict(
    zip(
        "\"$'*-@ABCDEFGHIJKLMNOPQRSTUVWXYZ\\^`abcdefghijklmnopqrstuvwxyz~",
        "∀∃∋∗−≅ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ∴⊥‾αβχδεφγηιϕκλμνοπθρστυϖωξψζ∼",
        strict=True,
    )
)
_SYMBOL_HIGH = {
    0xA1: "ϒ",
    0xA2: "′",
    0xA3: "≤",
    0xA4: "⁄",
    0xA5: "∞",
    0xA6: "ƒ",
    0xA7: "♣",
    0xA8: "♦",
    0xA9: "♥",
    0xAA: "♠",
    0xAB: "↔",
    0xAC: "←",
    0xAD: "↑",
    0xAE: "→",
    0xAF: "↓",
    0xB0: "°",
    0xB1: "±",
    0xB2: "″",
    0xB3: "≥",
    0xB4: "×",
    0xB5: "∝",
    0xB6: "∂",
    0xB7: "•",
    0xB8: "÷",
    0xB9: "≠",
    0xBA: "≡",
    0xBB: "≈",
    0xBC: "…",
    0xBF: "↵",
    0xC0: "ℵ",
    0xC1: "ℑ",
    0xC2: "ℜ",
    0xC3: "℘",
    0xC4: "⊗",
    0xC5: "⊕",
    0xC6: "∅",
    0xC7: "∩",
    0xC8: "∪",
    0xC9: "⊃",
    0xCA: "⊇",
    0xCB: "⊄",
    0xCC: "⊂",
    0xCD: "⊆",
    0xCE: "∈",
    0xCF: "∉",
    0xD0: "∠",
    0xD1: "∇",
    0xD2: "®",
    0xD3: "©",
    0xD4: "™",
    0xD5: "∏",
    0xD6: "√",
    0xD7: "⋅",
    0xD8: "¬",
    0xD9: "∧",
    0xDA: "∨",
    0xDB: "⇔",
    0xDC: "⇐",
    0xDD: "⇑",
    0xDE: "⇒",
    0xDF: "⇓",
    0xE0: "◊",
    0xE1: "〈",
    0xE2: "®",
    0xE3: "©",
    0xE4: "™",
    0xE5: "∑",
    0xF1: "〉",
    0xF2: "∫",
}
_WINGDINGS = {
    0x6C: "●",
    0x6D: "❍",
    0x6E: "■",
    0x6F: "□",
    0x71: "❑",
    0x72: "❒",
    0x73: "⬧",
    0x74: "⧫",
    0x75: "◆",
    0x76: "❖",
    0x77: "⬥",
    0x9E: "·",
    0x9F: "•",
    0xA0: "▪",
    0xA1: "○",
    0xA4: "◉",
    0xA5: "◎",
    0xA7: "▪",
    0xA8: "◻",
    0xAA: "✦",
    0xAB: "★",
    0xD8: "➢",
    0xDC: "➲",
    0xE8: "➔",
    0xEF: "⇦",
    0xF0: "⇨",
    0xF1: "⇧",
    0xF2: "⇩",
    0xFB: "✗",
    0xFC: "✓",
    0xFD: "☒",
    0xFE: "☑",
}
_TABLES: dict[str, dict[int, str]] = {
    "symbol": {
        **{code: chr(code) for code in range(0x20, 0x7F)},
        **{ord(k): v for k, v in _SYMBOL_ASCII.items()},
        **_SYMBOL_HIGH,
    },
    "wingdings": _WINGDINGS,
}
# Word's private-use block for symbol-font codes: U+F000 plus the font's byte.
_PRIVATE_USE = 0xF000


def is_symbol_font(font: str | None) -> bool:
    """Whether text in `font` is to be read through a symbol table."""
    return bool(font) and font.strip().lower() in _TABLES


def symbol_char(font: str | None, code: int) -> str:
    """The character a symbol font's code shows (`w:sym`, or one text character)."""
    byte = (
        code - _PRIVATE_USE
        if _PRIVATE_USE + 0x20 <= code <= _PRIVATE_USE + 0xFF
        else code
    )
    table = _TABLES.get((font or "").strip().lower(), {})
    if byte in table:
        return table[byte]
    # A symbol font's code without an entry stays as written; in any other
    # font a private-use code is that font's own byte.
    return chr(code) if table else chr(byte)


def decode(text: str, font: str | None) -> str:
    """Text typed in `font`, each character as that font shows it."""
    if not is_symbol_font(font):
        return text
    return "".join(symbol_char(font, ord(ch)) for ch in text)
