"""Text clean-up that keeps a map back to the characters as read.

The parser sees a cleaned copy (page furniture and repeated paragraphs dropped, "(dollar)"
written as "$", typographic quotes straightened), but every offset the pipeline emits is
mapped back through ``CleanText.to_original`` so that it indexes the text as read.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

# Whole lines that are page furniture, not news.
_FURNITURE = re.compile(
    r"""^\s*(?:
        comments?\ (?:are|is)\ (?:now\ )?closed\.? |
        (?:leave|post|add)\ a\ comment\.? |
        advertisement | sponsored(?:\ content)? |
        (?:share|tweet|email|print)(?:\ this)?(?:\ (?:article|story|page))?:? |
        (?:click|tap)\ here.* |
        (?:sign\ up|subscribe)\ (?:to|for)\ (?:our|the)\ newsletter.* |
        read\ more:?.{0,80} | related(?:\ (?:articles|stories|coverage))?:? |
        all\ rights\ reserved\.? | ©.{0,80} | copyright\ ©?.{0,80} |
        follow\ us\ on.{0,60} | (?:image|photo)\ (?:copyright|caption|source).{0,120} |
        our\ standards:.{0,80} |
        \(?(?:additional\ )?(?:reporting|writing|editing|compiled|produced)\ by\ .{0,200}
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
# A byline: "By Olzhas Auyezov and Mariya Gordeyeva" (capitalised names only, on a line of its own).
_NAME = r"[A-Z][\w.'-]*(?:\s+(?:[A-Z][\w.'-]*|de|van|von|bin|al-\w+))*"
_BYLINE = re.compile(rf"^\s*By\s+{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*\s*$")

# Spelled-out currency signs, as some feeds write them: "(dollar)42,000".
_SIGNS = {"dollar": "$", "dollars": "$", "pound": "£", "pounds": "£", "euro": "€", "euros": "€", "yen": "¥"}
_SIGN_RE = re.compile(r"\((" + "|".join(_SIGNS) + r")\)\s?(?=[\d.,]*\d)", re.IGNORECASE)

# One character for one character, so offsets need no map.
_SAME_LENGTH = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "‘": "'",
        "’": "'",
        "‚": "'",
        "′": "'",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u2007": " ",
        "\r": " ",
        "\t": " ",
    }
)
_SPACED_DASH = re.compile(r"(?<=\s)[–—](?=\s)")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_MD_SYNTAX = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+(?=\S))|(\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w))")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_WORD = re.compile(r"\w+")
_MD_PATTERN = re.compile(f"{_SIGN_RE.pattern}|{_MD_LINK.pattern}|{_MD_SYNTAX.pattern}", re.IGNORECASE)
# a line that opens or closes a fenced code block: three or more backticks or tildes
_MD_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")


@dataclass(frozen=True, slots=True)
class _Segment:
    clean_start: int
    orig_start: int
    clean_len: int
    orig_len: int


@dataclass(frozen=True)
class CleanText:
    """The cleaned text and the segments that map it back to the original."""

    text: str
    segments: tuple[_Segment, ...]
    _starts: list[int] = field(init=False, repr=False, compare=False)

    def to_original(self, begin: int, end: int) -> tuple[int, int]:
        """Map a span of the cleaned text to the span of the original it came from."""
        if end <= begin:
            b = self._point(begin, start=True)
            return b, b
        return self._point(begin, start=True), self._point(end - 1, start=False)

    def _point(self, i: int, *, start: bool) -> int:
        k = max(0, bisect_right(self._starts, i) - 1)
        seg = self.segments[k]
        if seg.clean_len == seg.orig_len:
            off = seg.orig_start + min(i - seg.clean_start, seg.clean_len - 1 if seg.clean_len else 0)
            return off if start else off + 1
        return seg.orig_start if start else seg.orig_start + seg.orig_len

    def __post_init__(self) -> None:
        # bisect needs the starts as a plain list; computed once per document
        object.__setattr__(self, "_starts", [s.clean_start for s in self.segments])


class _Builder:
    """Accumulates cleaned text with its segments."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.segments: list[_Segment] = []
        self.length = 0

    def copy(self, text: str, orig_start: int) -> None:
        if text:
            self._add(text, orig_start, len(text))

    def replace(self, text: str, orig_start: int, orig_len: int) -> None:
        self._add(text, orig_start, orig_len)

    def _add(self, text: str, orig_start: int, orig_len: int) -> None:
        self.segments.append(_Segment(self.length, orig_start, len(text), orig_len))
        self.parts.append(text)
        self.length += len(text)

    def build(self) -> CleanText:
        if not self.segments:
            self.segments.append(_Segment(0, 0, 0, 0))
        return CleanText("".join(self.parts), tuple(self.segments))


def _without_code(text: str) -> str:
    """Markdown's fenced code blocks as blank lines (the same length: offsets hold): code is no
    prose, and `print("no events here")` read as text made an event. A fence closes with the same
    character, at least as long; one left open runs to the end, as CommonMark reads it."""
    lines = text.split("\n")
    fence = ""
    for k, line in enumerate(lines):
        found = _MD_FENCE.match(line)
        if not fence and found:
            fence = found.group(1)
        elif fence and found and found.group(1)[0] == fence[0] and len(found.group(1)) >= len(fence):
            fence = ""
        elif not fence:
            continue
        lines[k] = " " * len(line)
    return "\n".join(lines)


def _paragraphs(text: str) -> Iterable[tuple[int, int]]:
    """Yield (start, end) of each non-blank line."""
    for m in re.finditer(r"[^\n]+", text):
        if m.group().strip():
            yield m.start(), m.end()


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def _repeats(words: set[str], seen: list[set[str]]) -> bool:
    """A paragraph repeats an earlier one when their words overlap by three quarters."""
    if len(words) < 6:
        return False
    return any(len(words & s) / len(words | s) >= 0.75 for s in seen)


def _clean_line(line: str, start: int, out: _Builder, *, markdown: bool) -> None:
    """Copy one line into ``out``, rewriting currency words and (optionally) Markdown syntax."""
    pattern = _MD_PATTERN if markdown else _SIGN_RE
    pos = 0
    for m in pattern.finditer(line):
        out.copy(line[pos : m.start()].translate(_SAME_LENGTH), start + pos)
        word = m.group(1)
        if word and word.lower() in _SIGNS:
            out.replace(_SIGNS[word.lower()], start + m.start(), m.end() - m.start())
        elif markdown and m.group(0).startswith(("[", "![")):
            inner = _MD_LINK.match(m.group(0))
            label = inner.group(1) if inner else ""
            out.copy(label.translate(_SAME_LENGTH), start + m.start() + m.group(0).index("[") + 1)
        pos = m.end()
    out.copy(line[pos:].translate(_SAME_LENGTH), start + pos)


def clean(text: str, *, markdown: bool = False) -> CleanText:
    """Clean ``text`` for parsing; the result maps every character back to ``text``.

    >>> c = clean("Bitcoin fell below (dollar)42,000.\\n\\nComments are closed.")
    >>> c.text
    'Bitcoin fell below $42,000.'
    >>> c.to_original(19, 26)
    (19, 33)
    """
    text = _ZERO_WIDTH.sub(" ", text)
    if markdown:
        text = _without_code(text)
    # a spaced dash is a parenthetical dash; the parser reads "-" better (same length: offsets hold)
    text = _SPACED_DASH.sub("-", text)
    out = _Builder()
    seen: list[set[str]] = []
    first = True
    for start, end in _paragraphs(text):
        line = text[start:end]
        if _FURNITURE.match(line) or _BYLINE.match(line):
            continue
        words = _words(line)
        if _repeats(words, seen):
            continue
        seen.append(words)
        if not first:
            out.replace("\n\n", start, 0)
        first = False
        _clean_line(line, start, out, markdown=markdown)
    return out.build()
