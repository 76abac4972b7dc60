"""Page geometry for the PDF reader: lines, running headers and footers, columns, line joins.

Pure functions over plain values (no PyMuPDF objects), so each rule can be
tested on hand-made lines:

* :func:`running_lines` finds lines repeated in the top or bottom margin of
  several pages (running headers and footers) and page numbers;
* :func:`reading_order` orders the text runs of one page column by column;
* :func:`join_lines` joins the lines of a paragraph, undoing line-end hyphenation.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

# Height of the top and bottom margin band, as a share of the page height, in which
# running headers, footers and page numbers are looked for. Calibrated on the
# letter/A4 layouts of reports and newspapers (headers at 3-8% of the height,
# footers at 92-97%); 10% stays clear of the first and last body lines.
MARGIN_BAND = 0.10

# A line in the margin band is a running header or footer when the same text (with
# digits masked) is in the band of at least this many pages. Two is enough: body
# text almost never repeats word for word at the same place on two pages.
RUNNING_MIN_PAGES = 2

# A margin line whose text changes from page to page is still a running header
# when it is isolated from the body by at least this many of its own heights and
# sits within SLOT_TOLERANCE points of the height of such a line on another page
# (body line spacing leaves gaps of 0.1-0.4 line heights; headers 1.5 or more).
HEADER_MIN_GAP = 1.0
SLOT_TOLERANCE = 2.0

# Body runs narrower than this share of the page's text width take part in finding
# columns; wider ones span the page. 0.9 lets an unequal layout (a main column of
# 65% beside a sidebar) count as two columns, while full-width paragraphs of a
# one-column page (95-100%) stay out of it.
COLUMN_MAX_SHARE = 0.9

# A text run is "spanning" (a title or a full-width block that cuts the columns)
# when it overlaps more than one column. Columns are told apart when the gutter
# between two runs' x-ranges is at least this many points (a typical gutter is
# 12-25 pt; word gaps inside one column are never a clean vertical gap).
MIN_GUTTER = 6.0

_PAGE_NUMBER = re.compile(
    r"^[-–—\s]*(?:page|p\.|pp\.|seite)?\s*(?:\d{1,4}|[ivxlcdm]{1,7})(?:\s*(?:of|/|von)\s*\d{1,4})?[-–—\s]*$",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+(?:[-‐][^\W\d_]+)*")
_LINE_END_HYPHEN = re.compile(r"([^\W\d_]+)[-‐\u00ad]$")
_DASH_END = re.compile(r"[—–/]$")
# Words that English joins to the next one with a hyphen ("self-defence",
# "well-known", "next-generation"), so a hyphen after them at a line end is kept
# when the document has no other occurrence of the compound to tell. Only words
# that are not also common first syllables (unlike "pro", "inter", "ex") are here.
HYPHEN_PREFIXES = frozenset({"self", "half", "quasi", "well", "vice", "so", "far", "all", "next", "long",
                             "short", "full", "one", "two", "three", "four", "five", "first", "second", "third"})
# Both halves of a line-end hyphen must have at least this many letters, and be
# words the document uses elsewhere, to count as a compound without other
# evidence: two-letter fragments ("in-", "re-") are often first syllables that
# happen to be words. Calibrated on tests/ingest/test_ingest_pdf_roundtrip.py.
MIN_COMPOUND_PART = 3
# Endings that are only ever a syllable of the word before them, never a word of a
# compound: a line-end hyphen before one of them is always a line-break hyphen.
SUFFIX_SYLLABLES = frozenset({"s", "es", "ed", "er", "ers", "est", "ing", "ings", "ly", "ness", "ment", "ments",
                              "tion", "tions", "sion", "sions", "ity", "ities", "ance", "ence", "able", "ible"})


@dataclass
class Line:
    """One text line of a page, in PDF points (y grows downwards)."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    bold: bool = False
    page: int = 0
    block: int = 0


@dataclass
class Run:
    """Consecutive lines of one PyMuPDF block that play the same role."""

    lines: list[Line]
    role: str  # body | heading | aside
    size: float
    page: int = 0
    may_continue: bool = False  # starts a column or page, or is inline: may go on the paragraph before
    tags: set[str] = field(default_factory=set)

    @property
    def x0(self) -> float:
        return min(line.x0 for line in self.lines)

    @property
    def x1(self) -> float:
        return max(line.x1 for line in self.lines)

    @property
    def y0(self) -> float:
        return min(line.y0 for line in self.lines)

    @property
    def y1(self) -> float:
        return max(line.y1 for line in self.lines)

    @property
    def words(self) -> int:
        return sum(len(line.text.split()) for line in self.lines)


def mask_digits(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text.strip())) and len(text.strip()) <= 20


def running_lines(pages: Sequence[Sequence[Line]], heights: Sequence[float]) -> set[int]:
    """``id()`` of each line that is a running header, running footer or page number.

    A line in the top or bottom margin band is dropped when it is a page number,
    or when its text (digits masked) is in the same band on another page. A line
    in the top band is also dropped when it stands apart from the body (a gap of
    a line's height or more) at the same height as such an isolated line on
    another page: a header whose text changes with the chapter ("CHAPTER 2.
    EVENTS") is still in the header slot. (Not at the bottom, where one-line
    footnotes sit in the same slot page after page.)
    """
    bands: list[list[tuple[Line, str, bool]]] = []
    for lines, height in zip(pages, heights, strict=True):
        top, bottom = height * MARGIN_BAND, height * (1 - MARGIN_BAND)
        band = []
        for line in lines:
            if line.y1 <= top:
                below = [o.y0 for o in lines if o.y0 >= line.y1]
                gap = (min(below) - line.y1) if below else height
                band.append((line, "top", gap >= HEADER_MIN_GAP * (line.y1 - line.y0)))
            elif line.y0 >= bottom:
                above = [o.y1 for o in lines if o.y1 <= line.y0]
                gap = (line.y0 - max(above)) if above else height
                band.append((line, "bottom", gap >= HEADER_MIN_GAP * (line.y1 - line.y0)))
        bands.append(band)
    seen: Counter[tuple[str, str]] = Counter()
    for band in bands:
        seen.update({(where, mask_digits(line.text)) for line, where, _ in band})
    slots = [[(where, line.y0) for line, where, isolated in band if isolated] for band in bands]
    dropped: set[int] = set()
    for page, band in enumerate(bands):
        for line, where, isolated in band:
            same_slot = 0
            if isolated and where == "top":  # at the bottom the same slot holds footnotes
                same_slot = sum(
                    1 for other, ys in enumerate(slots)
                    if other != page and any(w == where and abs(y - line.y0) <= SLOT_TOLERANCE for w, y in ys)
                )
            if (
                is_page_number(line.text)
                or seen[(where, mask_digits(line.text))] >= RUNNING_MIN_PAGES
                or same_slot >= RUNNING_MIN_PAGES - 1
            ):
                dropped.add(id(line))
    return dropped


def _columns(runs: Sequence[Run], text_width: float) -> list[tuple[float, float]]:
    """x-ranges of the page's columns, from the runs narrower than the text area."""
    narrow = sorted((r.x0, r.x1) for r in runs if r.role == "body" and r.x1 - r.x0 < COLUMN_MAX_SHARE * text_width)
    merged: list[list[float]] = []
    for x0, x1 in narrow:
        if merged and x0 < merged[-1][1] + MIN_GUTTER:
            merged[-1][1] = max(merged[-1][1], x1)
        else:
            merged.append([x0, x1])
    return [(a, b) for a, b in merged]


def reading_order(runs: Sequence[Run]) -> list[Run]:
    """The runs of one page in reading order: column by column between full-width runs.

    Runs that overlap two or more columns (a title, a full-width paragraph) cut
    the page into horizontal bands; inside a band the columns are read left to
    right, each top to bottom. A page of one column comes out top to bottom.
    """
    if not runs:
        return []
    left = min(r.x0 for r in runs)
    right = max(r.x1 for r in runs)
    columns = _columns(runs, right - left)
    if len(columns) < 2:
        single = sorted(runs, key=lambda r: (round(r.y0), r.x0))
        single[0].may_continue = True
        return single

    def column_of(run: Run) -> int | None:
        hits = [i for i, (a, b) in enumerate(columns) if run.x0 < b and run.x1 > a]
        return hits[0] if len(hits) == 1 else None

    spanning = sorted((r for r in runs if column_of(r) is None), key=lambda r: r.y0)
    bands: list[list[list[Run]]] = [[[] for _ in columns] for _ in range(len(spanning) + 1)]
    for run in runs:
        col = column_of(run)
        if col is None:
            continue
        band = sum(1 for s in spanning if s.y0 <= run.y0)
        bands[band][col].append(run)
    ordered: list[Run] = []
    for index, band_columns in enumerate(bands):
        for column in band_columns:
            column.sort(key=lambda r: r.y0)
            if column:
                column[0].may_continue = True
            ordered.extend(column)
        if index < len(spanning):
            spanning[index].may_continue = True
            ordered.append(spanning[index])
    return ordered


def vocabulary(texts: Iterable[str]) -> Counter[str]:
    """Lower-cased words and hyphenated compounds written inside lines (not at their ends)."""
    counts: Counter[str] = Counter()
    for text in texts:
        body = _LINE_END_HYPHEN.sub("", text)  # a line-end fragment is not evidence of a word
        for word in _WORD.findall(body):
            word = word.lower().replace("‐", "-")
            counts[word] += 1
            if "-" in word:  # the parts of a compound are words too
                counts.update(word.split("-"))
    return counts


def keep_hyphen(left: str, right: str, vocab: Counter[str]) -> bool:
    """Whether ``left-`` at a line end and ``right`` on the next line form a hyphenated compound.

    The hyphen is kept when the part after it is capitalised or a number
    ("Franco-German", "COVID-19"), the part before it is an acronym ("US-led"),
    or the document writes the hyphenated form elsewhere. It is removed when the
    document writes the joined word elsewhere or the part after it is a suffix
    ("-ment", "-tion"). Otherwise it is kept when both halves are words the
    document uses ("record-breaking") or the part before it is a word English
    joins with a hyphen ("self-", "well-"), and removed as a line-break hyphen.
    """
    if not right or not right[0].isalpha() or right[0].isupper():
        return True
    if len(left) >= 2 and left.isupper():
        return True
    tail = _WORD.match(right)
    second = tail.group(0).lower() if tail else right.lower()
    first = left.lower()
    if vocab[f"{first}-{second}"] > 0:
        return True
    if vocab[first + second] > 0 or second in SUFFIX_SYLLABLES:
        return False
    if len(first) >= MIN_COMPOUND_PART and len(second) >= MIN_COMPOUND_PART and vocab[first] and vocab[second]:
        return True  # both halves are words of the document: "record-breaking", "iodine-containing"
    last = first.rsplit("-", 1)[-1]
    return last in HYPHEN_PREFIXES


def join_lines(lines: Sequence[str], vocab: Counter[str]) -> str:
    """Join the lines of one paragraph with spaces, undoing line-break hyphenation."""
    out = ""
    for raw in lines:
        text = raw.strip()
        if not text:
            continue
        if not out:
            out = text
            continue
        out = join_two(out, text, vocab)
    return out


def join_two(before: str, after: str, vocab: Counter[str]) -> str:
    """``before`` and ``after`` as one text, as if ``before`` ended a line that ``after`` continues."""
    if before.endswith("\u00ad"):
        return before[:-1] + after
    hyphen = _LINE_END_HYPHEN.search(before)
    if hyphen and not before.endswith(" -"):
        left = hyphen.group(1)
        if keep_hyphen(left, after, vocab):
            return before + after
        return before[:-1] + after
    if _DASH_END.search(before) and not before.endswith(" —") and not before.endswith(" –"):
        return before + after
    if re.search(r"\d[-‐]$", before) and after[:1].isdigit():  # a range cut at its hyphen: 1990-/1995
        return before + after
    return before + " " + after
