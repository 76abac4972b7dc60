"""Quote marks: every span of a text that stands between a pair of them, with no model.

Styles: “…”, "…", ‘…’, '…', «…», „…“ (or „…”), ‹…›. Only outermost spans are returned: marks
nested inside a quote are part of its words. A quote left open at the end of a paragraph goes on
when the next paragraph opens with the same mark (the newspaper convention for a quote over
several paragraphs); otherwise it ends with its paragraph (``closed=False``). Single marks double
as apostrophes, so a single mark opens a quote only before a letter and not in an elision
("'s", "'90s"), closes one only before a non-letter, and an unclosed one is dropped.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

# Single quote marks double as apostrophes, so a single-quoted span longer than this is taken
# for a mis-paired apostrophe. Chosen as about three long news sentences; re-run the quotes
# tests and the GUM evaluation after changing it.
SINGLE_QUOTE_MAX_CHARS = 600

PAIRS: dict[str, str] = {
    "“": "”", "„": "“”", "«": "»", "‹": "›", "‘": "’", '"': '"', "'": "'",
}
CLOSING_MARKS = frozenset(c for cs in PAIRS.values() for c in cs)
QUOTE_MARKS = CLOSING_MARKS | set(PAIRS)
_AMBIGUOUS = frozenset({"‘", "'"})  # openers whose closer is also an apostrophe
_OPEN_BEFORE = set(" \t\n\r([{—–-/") | set(PAIRS)
_CLOSE_AFTER = set(" \t\n\r.,;:!?)]}—–-/…") | CLOSING_MARKS
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
# "'s", "'90s", "'em": an apostrophe, not an opening single quote.
_ELISION = re.compile(r"(?i)(?:s|t|d|m|re|ve|ll|em|tis|twas|n)\b|\d0s\b")
_TRAILING = " \t\r\n,;:"


@dataclass(frozen=True)
class QuotedSpan:
    """Characters between a pair of quote marks: marks at ``open``/``after``-1, words in ``start:end``."""

    open: int
    start: int
    end: int
    after: int
    closed: bool = True


class QuoteMarks:
    """Lookup of which characters lie inside quote marks."""

    def __init__(self, spans: Sequence[QuotedSpan]) -> None:
        self.spans = list(spans)
        self._opens = [s.open for s in spans]

    def at(self, offset: int) -> QuotedSpan | None:
        k = bisect.bisect_right(self._opens, offset) - 1
        if k >= 0 and self.spans[k].open <= offset < self.spans[k].after:
            return self.spans[k]
        return None

    def within(self, start: int, end: int) -> list[QuotedSpan]:
        return [s for s in self.spans if s.open < end and start < s.after]


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """Every outermost span between quote marks, in text order (no model needed)."""
    spans: list[QuotedSpan] = []
    i, n = 0, len(text)
    while i < n:
        mark = text[i]
        if mark in PAIRS and _can_open(text, i):
            span = _close(text, i)
            if span is not None:
                if span.end > span.start:
                    spans.append(span)
                i = span.after
                continue
        i += 1
    return spans


def _can_open(text: str, i: int) -> bool:
    if i > 0 and text[i - 1] not in _OPEN_BEFORE:
        return False
    if i + 1 >= len(text) or text[i + 1].isspace():
        return False
    if text[i] in _AMBIGUOUS:
        return text[i + 1].isalnum() and not _ELISION.match(text, i + 1)
    return True


def _can_close(text: str, j: int) -> bool:
    if j == 0 or text[j - 1].isspace():
        return False
    return j + 1 >= len(text) or text[j + 1] in _CLOSE_AFTER


def _close(text: str, i: int) -> QuotedSpan | None:
    opener = text[i]
    closers = PAIRS[opener]
    ambiguous = opener in _AMBIGUOUS
    j = i + 1
    while j < len(text):
        c = text[j]
        if c == "\n":
            brk = _PARAGRAPH_BREAK.match(text, j)
            if brk is not None:
                if brk.end() < len(text) and text[brk.end()] == opener:
                    j = brk.end() + 1  # the quote goes on into the next paragraph
                    continue
                return None if ambiguous else _span(text, i, j, j, closed=False)
        elif c in closers and _can_close(text, j):
            return _span(text, i, j, j + 1)
        elif c == opener and not ambiguous and opener not in closers and _can_open(text, j):
            return _span(text, i, j, j, closed=False)  # a stray opener: the first quote never closed
        if ambiguous and j - i > SINGLE_QUOTE_MAX_CHARS:
            return None
        j += 1
    return None if ambiguous else _span(text, i, len(text), len(text), closed=False)


def _span(text: str, i: int, close: int, after: int, closed: bool = True) -> QuotedSpan:
    start, end = i + 1, close
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    return QuotedSpan(i, start, end, after, closed)
