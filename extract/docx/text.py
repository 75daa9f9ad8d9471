"""The text of a paragraph as Word shows it in its final view.

Word wraps runs in many elements that show their content: tracked insertions
(`w:ins`, `w:moveTo`), smart tags, custom XML, content controls (`w:sdt`),
hyperlinks, simple fields (`w:fldSimple`, whose runs are the field's result),
bidirectional containers; and in some that never show it in the final view:
tracked deletions (`w:del`, `w:moveFrom`, whose runs hold `w:delText` or moved-away
text). A complex field is a run sequence begin / instruction / separate / result /
end: only the result is shown, and fields nest. Hidden text (`w:vanish`, directly or
through a style) is not printed. A soft hyphen (U+00AD or `w:softHyphen`) prints
only where Word breaks the line, so never in the text. Characters of symbol fonts
are mapped to what they look like (`symbols.py`), and a numbered paragraph starts
with its list label (`numbering.py`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from extract.docx.numbering import Numbering
from extract.docx.styles import Style, StyleSheet
from extract.docx.symbols import decode, symbol_char
from extract.docx.xml import MC, W, child_of, on

_SHOWN = frozenset(
    (W.ins, W.moveTo, W.smartTag, W.customXml, W.hyperlink, W.fldSimple, W.dir, W.bdo)
)
# Word's own extension namespaces: a Choice that requires only these is the one
# Word shows (its Fallback is for older readers).
_WORD_EXTENSIONS = "http://schemas.microsoft.com/office/word/"
_SOFT_HYPHEN = "\u00ad"


class Story:
    """What carries from paragraph to paragraph while a document is read in order:
    the styles, the list counters, and the complex fields still open (each True
    once past its `separate`, when its result begins)."""

    def __init__(self, styles: StyleSheet, numbering: Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.fields: list[bool] = []

    @property
    def showing(self) -> bool:
        """Whether text here is shown: inside no field's instruction."""
        return all(self.fields)

    def close_fields(self) -> None:
        """Forget open fields at a boundary no field crosses (a table cell), so a
        field that never ends hides nothing beyond it."""
        self.fields.clear()


@dataclass(frozen=True, slots=True)
class ParagraphText:
    """A paragraph's shown text (its list label, then its runs' text), whether
    all of it is bold, its paragraph style, and whether its paragraph mark is
    deleted (a tracked change) or hidden: then, in the final view, it runs on
    into the next paragraph, whose mark (label, style) the two share."""

    label: str
    body: str
    bold: bool
    style: Style
    joins_next: bool = False

    @property
    def text(self) -> str:
        return self.label + self.body

    def joined(self, before: list[ParagraphText]) -> ParagraphText:
        """This paragraph with the paragraphs that ran on into it in front."""
        if not before:
            return self
        body = "".join(p.body for p in before) + self.body
        bold = all(p.bold for p in [*before, self] if p.body.strip())
        return ParagraphText(self.label, body, bold, self.style, self.joins_next)


def read_paragraph(p: etree._Element, story: Story) -> ParagraphText:
    """The text Word shows for paragraph `p`, its list label first."""
    p_pr = child_of(p, W.pPr)
    style = story.styles.paragraph(p_pr)
    pieces: list[str] = []
    bolds: list[bool | None] = []
    for run in shown_runs(p):
        text = _run_text(run, story, style)
        if text:
            pieces.append(text)
            if text.strip():
                bolds.append(_direct(child_of(run, W.rPr), W.b))
    text = "".join(pieces)
    joins = _mark_gone(p_pr)
    label = ""
    if not joins:
        # An empty list item counts (Word numbers it) but its lone label is no
        # text of the plan.
        label = _label(p_pr, style, story)
        label = label if text.strip() else ""
    bold = bool(bolds) and all(b if b is not None else bool(style.bold) for b in bolds)
    return ParagraphText(label, text, bold, style, joins)


def run_on(
    container: etree._Element, story: Story
) -> Iterator[ParagraphText | etree._Element]:
    """A container's children in order: paragraphs read (one whose mark is gone
    runs on into the next paragraph), anything else as it is."""
    before: list[ParagraphText] = []
    for child in container:
        if child.tag == W.p:
            shown = read_paragraph(child, story)
            if shown.joins_next:
                before.append(shown)
                continue
            yield shown.joined(before)
        elif before:  # no paragraph to run on into: they stand as they are
            yield _standing(before)
            yield child
        else:
            yield child
        before = []
    if before:
        yield _standing(before)


def _standing(paragraphs: list[ParagraphText]) -> ParagraphText:
    last = paragraphs[-1]
    body = "".join(p.body for p in paragraphs)
    return ParagraphText("", body, last.bold, last.style)


def shown_runs(container: etree._Element) -> Iterator[etree._Element]:
    """The runs of a paragraph that Word shows, in order, through every wrapper."""
    for child in container:
        tag = child.tag
        if tag == W.r:
            yield child
        elif tag in _SHOWN:
            yield from shown_runs(child)
        elif tag == W.sdt:
            content = sdt_content(child)
            if content is not None:
                yield from shown_runs(content)
        elif tag == MC.AlternateContent:
            branch = chosen_branch(child)
            if branch is not None:
                yield from shown_runs(branch)
        # w:del, w:moveFrom, properties, bookmarks, comments: nothing shown


def sdt_content(sdt: etree._Element) -> etree._Element | None:
    """A content control's content, unless it is showing its placeholder
    ("Click or tap here to enter text.", "Choose an item."): Word's prompt to
    fill it in, not the author's text, so an unfilled control reads as empty."""
    if child_of(child_of(sdt, W.sdtPr), W.showingPlcHdr) is not None:
        return None
    return child_of(sdt, W.sdtContent)


def chosen_branch(alternate: etree._Element) -> etree._Element | None:
    """The branch of `mc:AlternateContent` Word shows: the first Choice that needs
    only Word's own extensions, else the Fallback."""
    for choice in alternate.iterchildren(MC.Choice):
        needs = (choice.get("Requires") or "").split()
        if needs and all(
            (choice.nsmap.get(prefix) or "").startswith(_WORD_EXTENSIONS)
            for prefix in needs
        ):
            return choice
    return child_of(alternate, MC.Fallback)


def _run_text(run: etree._Element, story: Story, p_style: Style) -> str:
    props = child_of(run, W.rPr)
    hidden = _hidden(props, story.styles, p_style)
    fonts = child_of(props, W.rFonts)
    font = (fonts.get(W.ascii) or fonts.get(W.hAnsi)) if fonts is not None else None
    out: list[str] = []
    for child in _run_content(run):
        tag = child.tag
        if tag == W.fldChar:
            _field_char(child.get(W.fldCharType), story)
        elif hidden or not story.showing:
            continue
        elif tag == W.t:
            out.append(decode(child.text or "", font).replace(_SOFT_HYPHEN, ""))
        elif tag in (W.tab, W.ptab):
            out.append("\t")
        elif tag in (W.br, W.cr):
            out.append(
                "\n" if child.get(W.type, "textWrapping") == "textWrapping" else ""
            )
        elif tag == W.noBreakHyphen:
            out.append("-")
        elif tag == W.sym:
            out.append(_sym(child))
        # w:softHyphen, w:delText, w:instrText, drawings, notes: nothing printed
    return "".join(out)


def _run_content(run: etree._Element) -> Iterator[etree._Element]:
    for child in run:
        if child.tag == MC.AlternateContent:
            branch = chosen_branch(child)
            if branch is not None:
                yield from branch
        else:
            yield child


def _field_char(kind: str | None, story: Story) -> None:
    if kind == "begin":
        story.fields.append(False)
    elif kind == "separate" and story.fields:
        story.fields[-1] = True
    elif kind == "end" and story.fields:
        story.fields.pop()


def _sym(sym: etree._Element) -> str:
    try:
        code = int(sym.get(W.char, ""), 16)
    except ValueError:
        return ""
    return symbol_char(sym.get(W.font), code) if 0 < code < 0x110000 else ""


def _hidden(props: etree._Element | None, styles: StyleSheet, p_style: Style) -> bool:
    """Hidden text: the run's own `w:vanish`, else its character style's, else
    its paragraph style's."""
    direct = _direct(props, W.vanish)
    if direct is not None:
        return direct
    char_style = child_of(props, W.rStyle)
    if char_style is not None:
        by_style = styles.get(char_style.get(W.val)).hidden
        if by_style is not None:
            return by_style
    return bool(p_style.hidden)


def _direct(props: etree._Element | None, tag: str) -> bool | None:
    found = child_of(props, tag)
    return on(found.get(W.val), True) if found is not None else None


def _mark_gone(p_pr: etree._Element | None) -> bool:
    """A paragraph mark deleted (or moved away) with tracked changes, or hidden:
    in the final view the paragraph runs on into the next one."""
    mark = child_of(p_pr, W.rPr)
    if mark is None:
        return False
    gone = (getattr(W, "del"), W.moveFrom)
    return bool(_direct(mark, W.vanish)) or any(
        child_of(mark, t) is not None for t in gone
    )


def _label(p_pr: etree._Element | None, style: Style, story: Story) -> str:
    num_pr = child_of(p_pr, W.numPr)
    num_id, ilvl = style.num_id, style.ilvl
    if num_pr is not None:
        own_id = child_of(num_pr, W.numId)
        own_level = child_of(num_pr, W.ilvl)
        if own_id is not None:
            num_id = own_id.get(W.val)
        if own_level is not None and (own_level.get(W.val) or "").isdigit():
            ilvl = int(own_level.get(W.val))
    return story.numbering.label(num_id, ilvl) if num_id else ""
