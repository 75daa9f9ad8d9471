"""Words broken at a line end: glue the parts or keep them apart.

The PDF text layer does not say whether "Novemb" / "er" on two lines is one word
broken at a narrow cell's edge or two words. Where the geometry cannot tell (the
line is full), the reader leaves WORD_BREAK in the text and this module decides,
from two kinds of evidence: the document's own words (a word written whole
elsewhere is a word) and English word frequencies (pyspellchecker's list): the
parts are glued when the joined word is likelier than the two parts side by side.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from functools import lru_cache, partial

# Stands in the text where a full line ends in a letter (or a slash) and the next
# starts with one: either a word broken at the edge or two words.
WORD_BREAK = "\ue000"
# Stands where a wrapped line's first word holds a slash whose part up to the
# slash would have fitted on the line above (`text.kept_whole_at_slash`): the
# producer does not break lines after a slash, so every line of the document that
# ends in one ended at a space.
SLASH_KEPT = "\ue001"


def unmarked(text: str) -> str:
    """The text without the marks of line ends still to be settled (a header
    read on two pages, whose producer's line ends were judged on each page's
    evidence, is the same header)."""
    return text.replace(WORD_BREAK, "").replace(SLASH_KEPT, "")


# English words of one or two letters: a line that starts with one of these after
# a broken-looking line end is more likely a new word than the end of one.
SHORT_WORDS = frozenset(
    {"a", "i", "an", "as", "at", "be", "by", "do", "go", "if", "in", "is"}
    | {"it", "me", "my", "no", "of", "on", "or", "so", "to", "up", "us", "we"}
)


@lru_cache(maxsize=1)
def _english() -> tuple[dict[str, int], int, list[str]]:
    """English word counts, their total and the words sorted (for prefixes),
    loaded once and only when a document needs them."""
    from spellchecker import SpellChecker

    frequency = SpellChecker(language="en", distance=1).word_frequency
    counts = frequency.dictionary  # the list's own dict: no second copy
    return counts, int(frequency.total_words), sorted(counts)


# A possessive or contraction ending ("children's", "won't", "we'll"): the
# word is whole, so a break after it is between two words.
_CLITIC_END = re.compile(r"\w['’](?:s|t|d|m|ll|re|ve)$", re.IGNORECASE)


def load_english() -> None:
    """Load the English word list now, ahead of `resolve_breaks` (a reader that
    would otherwise wait for its page helpers loads it meanwhile)."""
    _english()


def _starts_a_word(fragment: str, words: list[str]) -> bool:
    """Whether some word in the sorted list begins with `fragment`."""
    at = bisect_left(words, fragment)
    return at < len(words) and words[at].startswith(fragment)


def resolve_breaks(texts: list[str], spaces: bool = True) -> list[str]:
    """Replace each WORD_BREAK by nothing or a space.

    After a slash, keep a space where the producer is seen not to break lines
    after a slash (SLASH_KEPT, at least as often as lines end in one); else
    glue unless the document writes that pair with a space more often ("Group/
    SI") than without ("CYP/Named"), and a pair written nowhere else as its
    cell, or else the document, writes slashes.
    Otherwise glue when the joined word occurs whole elsewhere in the document,
    or when English makes the joined word likelier than the two parts
    ("consultation" "s"); keep two words the language knows apart
    ("commencement" "of"); glue parts that are no words at all ("Thurr" "ock");
    never glue after a possessive or contraction ("children's" "centres").
    """
    kept = sum(text.count(SLASH_KEPT) for text in texts)
    # The producer keeps slashed words whole when it is seen to at least as often
    # as lines end in a slash before a word: a lone sighting among many such
    # lines has another cause (a break missed between two styled runs of text).
    kept_whole = kept >= max(1, sum(text.count(f"/{WORD_BREAK}") for text in texts))
    if kept:
        texts = [text.replace(SLASH_KEPT, "") for text in texts]
    if not any(WORD_BREAK in text for text in texts):
        return texts
    judge = _Vocabulary(texts, kept_whole)
    return [
        _settle(text, partial(judge.decide, habit=_glues(*_slashes(text), None)))
        for text in texts
    ]


class _Vocabulary:
    """The document's words, slashed pairs and slash habit, and English's
    words: what a word break is judged against."""

    def __init__(self, texts: list[str], kept_whole: bool) -> None:
        clean = " ".join(_unbroken(text) for text in texts)
        self.exact = Counter(re.findall(r"\w+", clean))
        self.words = Counter(w.lower() for w in self.exact.elements())
        self.glued, self.spaced = _slashes(" ".join(texts))
        self.habit = _glues(self.glued, self.spaced)
        self.kept_whole = kept_whole
        self.english, self.total, self.ordered = _english()

    def known(self, word: str) -> bool:
        if len(word) <= 2 and word not in SHORT_WORDS:
            return False  # a word end ("n", "er") is no evidence of a word
        return bool(self.words[word] or self.english.get(word, 0))

    def after_slash(self, pair: str, habit: bool | None) -> bool:
        if self.kept_whole:
            return False  # this producer breaks lines after a slash only at a space
        if self.glued[pair] or self.spaced[pair]:
            return self.glued[pair] >= self.spaced[pair]
        # A pair written nowhere else: as the cell writes its slashes, or else
        # the document ("reviews/ Workshops/ Audits": one writer's habit)
        return self.habit if habit is None else habit

    def decide(
        self, left: str, right: str, ahead: str, lone: bool, habit: bool | None
    ) -> bool:
        """Whether `left` and `right` (the piece after the next break, `ahead`;
        `right` a whole token, `lone`) are one word."""
        if _CLITIC_END.search(left):
            return False  # "children's" / "centres": no word goes on after 's
        last = re.split(r"['’]", left.rstrip("/").rsplit("/", 1)[-1])[-1].lower()
        tail = right.lower()
        if ahead and not self.known(tail) and self.known(tail + ahead.lower()):
            tail += ahead.lower()  # broken again at its own line's end
        shape = _by_shape(last, tail, lone)
        if shape is not None:
            return shape
        if left.endswith("/"):
            return self.after_slash(f"{last}/{tail}", habit)
        piece = re.split(r"['’]", left.rsplit("/", 1)[-1])[-1]
        if right[:1].isupper() and piece[-1:].islower():
            # "Head" / "Teachers": a capital inside a word ("HeadTeachers") is
            # no word the document writes folded ("Headteachers"), unless it
            # writes it so exactly
            return bool(self.exact[piece + right])
        return self.joined(last, tail, lone)

    def joined(self, last: str, tail: str, lone: bool) -> bool:
        """Whether two parts are one word, by the document's and English's words."""
        joined = last + tail
        if self.words[joined]:
            return True
        english = self.english
        if english.get(joined, 0):
            apart = english.get(last, 0) * english.get(tail, 0)
            return english[joined] * self.total > apart
        if lone and not self.known(tail) and _starts_a_word(joined, self.ordered):
            return True  # broken twice: "com" "plet" begins "complete"
        return not (self.known(last) or self.known(tail))


def _by_shape(last: str, tail: str, lone: bool) -> bool | None:
    """What the parts' shapes alone settle: a number then a word are two
    ("Band 7" "Paediatric"); one letter that is no word, all of its line, ends
    the word above ("organisation" "s"); else None."""
    if last.isdigit() and tail.isalpha() and len(tail) > 2:
        return False
    if lone and len(tail) == 1 and tail.isalpha() and tail not in SHORT_WORDS:
        return True
    return None


def _unbroken(text: str) -> str:
    """The text without the words next to a WORD_BREAK (still to be decided)."""
    return re.sub(rf"[\w/]*{WORD_BREAK}[\w/]*", " ", text)


def _slashes(text: str) -> tuple[Counter[str], Counter[str]]:
    """The slashed pairs of `text` written without a space ("cyp/named") and
    with one after the slash ("group/si" of "Group/ SI"), lower case; none
    across a WORD_BREAK, still to be decided."""
    text = text.replace(WORD_BREAK, " | ")
    glued = Counter(w.lower() for w in re.findall(r"(?=\b(\w+/\w+))", text))
    spaced = Counter(
        f"{a}/{b}".lower() for a, b in re.findall(r"(?=\b(\w+)/ (\w+))", text)
    )
    return glued, spaced


def _glues(
    glued: Counter[str], spaced: Counter[str], unseen: bool | None = True
) -> bool | None:
    """Whether slashes are written without a space after them, as most of these
    are; `unseen` when there are none. Plans write "NL/AC" far more often than
    "NL/ AC", so a tie glues."""
    if not (glued or spaced):
        return unseen
    return glued.total() >= spaced.total()


def _settle(text: str, decide: Callable[[str, str, str, bool], bool]) -> str:
    """Apply `decide(left, right, ahead, lone)` at each WORD_BREAK, left to
    right, so a word broken more than once ("com" "plet" "e") is judged on what
    came before; `ahead` is the word after the next break when `right` is all of
    its line ("GP" "safeguardin" "g": "safeguardin" goes on); `lone` says that
    `right` is a whole token ("s", not the "Q" of "Q&S")."""
    parts = text.split(WORD_BREAK)
    out = parts[0]
    for index, part in enumerate(parts[1:], start=1):
        left = re.search(r"[\w/]+(?:['’]\w{1,2})?$", out)
        right = re.match(r"\w+", part)
        following = parts[index + 1] if index + 1 < len(parts) else ""
        ahead = re.match(r"\w*", following)
        after = ahead.group() if right and right.group() == part and ahead else ""
        lone = right and re.fullmatch(r"\w+[.,;:!?)]*", part.split(" ", 1)[0])
        word = right.group() if right else ""
        glue = bool(left and right and decide(left.group(), word, after, bool(lone)))
        out += part if glue else f" {part}"
    return out
