"""PDF documents (PyMuPDF): body text in reading order, headings apart, asides after the body.

What the reader does with a page, in order:

1. Takes its horizontal text lines with their boxes, font sizes and weights
   (superscript footnote markers inside body lines and rotated lines are
   dropped).
2. Drops running headers and footers (the same line in the top or bottom margin
   of two or more pages, or a top line set apart at the same height on several
   pages) and page numbers (:mod:`communique.ingest.pdf_layout`).
3. Gives each line a role. The body font size is the median size of all
   characters. A line in a font clearly larger than the body, or a short
   all-bold line of body size, is a **heading**; the largest one on page 1 is
   the title. A large single letter is a drop cap and starts the next
   paragraph. An **aside** is text that is not part of the running body:
   footnotes and captions (a smaller font), pull quotes (a larger font but too
   long for a heading, or in quotation marks) and boxed text (inside a drawn
   rectangle). Exceptions:
   a long larger-font run before the first body text is the standfirst (body),
   and a short small-font run inside an unfinished body sentence (a URL set
   smaller) is body.
4. Orders the runs of lines column by column (multi-column pages).
5. Joins each paragraph's lines, undoing line-break hyphenation, and joins a
   paragraph cut by a column or page break when it did not end a sentence.

``raw_text`` is the body, each heading and paragraph its own paragraph
(separated by blank lines), followed by the asides, each its own paragraph, so
no footnote or pull quote is spliced into a body sentence. Asides are kept, not
dropped, except a pull quote that only repeats body text (it would be read
twice). ``meta["heading_hints"]`` lists the title and headings;
``meta["asides"]`` counts the paragraphs after the body,
``meta["repeated_asides_dropped"]`` the pull quotes dropped; ``meta`` also has
``pages``, ``body_font_size`` and ``pdf_created`` (the file's creation date, a
hint for the reference date, never taken as the publication date).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from communique.errors import PdfError
from communique.ingest.pdf_layout import Line, Run, join_lines, join_two, reading_order, running_lines, vocabulary
from communique.ingest.text import make_document
from communique.record import Document

# A line is a heading when its font is at least this much larger than the body
# font (1.15 = 11.5 pt over 10 pt body). Report and newspaper section headings are
# 1.2-2x the body; emphasised body text in the same size is not larger at all.
HEADING_SIZE_RATIO = 1.15
# Two heading runs of one size are one heading set on two lines when the gap between
# them is at most this share of the font size (title leading leaves 0.1-0.4; a
# heading followed by another heading of the same size has a paragraph gap).
HEADING_LINE_GAP = 0.5
# A larger-font run longer than this is a pull quote or a standfirst, not a heading:
# the longest section headings we have seen have about 15 words.
HEADING_MAX_WORDS = 20
# A bold run of body size is a (run-in) heading only when it is this short and
# does not end a sentence; longer bold runs are emphasised body text.
BOLD_HEADING_MAX_WORDS = 12
# Text at most this share of the body size is a footnote, caption or credit
# (footnotes are typically 7-8 pt under 10-11 pt body text).
SMALL_SIZE_RATIO = 0.85
# A drawn rectangle holds a box (sidebar, pull quote) when it is at least this big
# in points and covers less than this share of the page (larger ones are page
# frames or background fills).
BOX_MIN_SIDE = 20.0
BOX_MAX_PAGE_SHARE = 0.5
# An aside whose words (each part between ellipses, each of at least this many
# words) all occur in the body is a pull quote repeating the body, and is dropped
# rather than read twice. Three words keep short fragments from matching by chance.
PULL_QUOTE_MIN_WORDS = 3
# A small-font run of at most this many words inside an unfinished body sentence is
# part of it (a URL or a code word in a smaller font); longer ones are asides.
INLINE_SMALL_MAX_WORDS = 12
# Paragraph breaks inside a block: a vertical gap of more than this many body
# font sizes, or a first line indented by more than this many font sizes.
PARAGRAPH_GAP = 0.6
PARAGRAPH_INDENT = 0.8
# Lines whose writing direction is more than about 6 degrees off horizontal (sine
# 0.1) are not read: in news and report PDFs they are margin stamps and rotated
# table headers, never body text.
ROTATED_SINE = 0.1
# A page whose extracted text is mostly U+FFFD has fonts with no character map:
# there is a text layer, but nothing readable in it.
MAX_REPLACEMENT_SHARE = 0.3

_SENTENCE_END = re.compile(r"[.!?:;…\"”’')\]]$")
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_BULLET = re.compile(r"^[•◦▪‣∙·●■□➢►\-–—*]\s")
_NUMBERED = re.compile(r"^(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]\s|^\((?:\d{1,2}|[a-z]|[ivx]{1,4})\)\s")
_MARKER = re.compile(r"^[\d*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3}$")


def read_pdf_bytes(data: bytes, source: str) -> Document:
    """A PDF file as a Document; PdfError when it is corrupt, encrypted or has no text layer."""
    import pymupdf

    try:
        pdf: Any = pymupdf.open(stream=data, filetype="pdf")
    except Exception:  # PyMuPDF raises several types (FileDataError, RuntimeError, ValueError)
        raise PdfError(source, "not a readable PDF") from None
    with pdf:
        if pdf.needs_pass or pdf.is_encrypted:
            raise PdfError(source, "encrypted PDF (a password is needed to read it)")
        if pdf.page_count == 0:
            raise PdfError(source, "not a readable PDF (no pages)")
        try:
            pages = [_page_lines(page, index) for index, page in enumerate(pdf)]
            boxes = [_boxes(page) for page in pdf]
            heights = [page.rect.height for page in pdf]
        except RuntimeError:
            raise PdfError(source, "not a readable PDF (damaged page content)") from None
        metadata = pdf.metadata or {}
        metadata_title = metadata.get("title") or ""
        created = _pdf_date(metadata.get("creationDate") or "")
    chars = "".join(line.text for lines in pages for line in lines)
    if not chars.strip():
        raise PdfError(source, "no text layer (scanned?)")
    if chars.count("\ufffd") / len(chars) > MAX_REPLACEMENT_SHARE:
        raise PdfError(source, "text layer unreadable (fonts without a character map)")
    dropped = running_lines(pages, heights)
    body_size = _body_size([[line for line in lines if id(line) not in dropped] for lines in pages])
    vocab = vocabulary(line.text for lines in pages for line in lines if id(line) not in dropped)
    runs: list[Run] = []
    for index, lines in enumerate(pages):
        kept = [line for line in lines if id(line) not in dropped]
        runs.extend(reading_order(_runs(kept, body_size, boxes[index], index)))
    runs = _merge_heading_lines(runs)
    _standfirst(runs)
    _inline_small_runs(runs)
    _link_adjacent_runs(runs, body_size)
    # the file's creation date is kept as a hint for the reference date, not as `published`
    return _assemble(data, source, runs, body_size, vocab, metadata_title, pages=len(pages), pdf_created=created)


def _page_lines(page: Any, index: int) -> list[Line]:
    import pymupdf

    flags = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_MEDIABOX_CLIP  # ligatures expanded
    lines: list[Line] = []
    for block_no, block in enumerate(page.get_text("dict", flags=flags)["blocks"]):
        if block.get("type") != 0:
            continue
        for raw in block["lines"]:
            if abs(raw.get("dir", (1.0, 0.0))[1]) > ROTATED_SINE:
                continue  # rotated text: margin stamps ("Downloaded from ..."), rotated table headers
            spans = [s for s in raw["spans"] if s["text"].strip()]
            if not spans:
                continue
            body = [s for s in spans if not (s["flags"] & 1 and _MARKER.match(s["text"].strip()))]
            if not body:  # a line of only superscripts
                body = spans
            text = "".join(s["text"] for s in raw["spans"] if s in body or not s["text"].strip())
            text = " ".join(text.split())
            if not text:
                continue
            weights = [(len(s["text"].strip()), s) for s in body]
            total = sum(w for w, _ in weights) or 1
            size = max(((w, s["size"]) for w, s in weights), key=lambda t: t[0])[1]
            bold = sum(w for w, s in weights if s["flags"] & 16 or _BOLD_FONT.search(s["font"])) / total >= 0.9
            x0, y0, x1, y1 = raw["bbox"]
            lines.append(Line(text, x0, y0, x1, y1, round(size * 2) / 2, bold, index, block_no))
    return lines


def _boxes(page: Any) -> list[tuple[float, float, float, float]]:
    """Drawn rectangles of the page that can hold a box of text."""
    area = page.rect.width * page.rect.height
    out = []
    for drawing in page.get_drawings():
        rect = drawing.get("rect")
        if rect is None or rect.width < BOX_MIN_SIDE or rect.height < BOX_MIN_SIDE:
            continue
        if rect.width * rect.height >= BOX_MAX_PAGE_SHARE * area:
            continue
        out.append((rect.x0, rect.y0, rect.x1, rect.y1))
    return out


def _body_size(pages: list[list[Line]]) -> float:
    """The median font size over all characters (the size most of the text is set in)."""
    counts: Counter[float] = Counter()
    for lines in pages:
        for line in lines:
            counts[line.size] += len(line.text)
    half = sum(counts.values()) / 2
    seen = 0
    for size in sorted(counts):
        seen += counts[size]
        if seen >= half:
            return size
    return 10.0  # no text at all (callers have rejected that already)


def _line_role(line: Line, body_size: float, boxes: list[tuple[float, float, float, float]]) -> str:
    for x0, y0, x1, y1 in boxes:
        if line.x0 >= x0 - 2 and line.x1 <= x1 + 2 and line.y0 >= y0 - 2 and line.y1 <= y1 + 2:
            return "boxed"
    if line.size >= body_size * HEADING_SIZE_RATIO:
        return "large"
    if line.size <= body_size * SMALL_SIZE_RATIO:
        return "small"
    return "bold" if line.bold else "body"


def _runs(lines: list[Line], body_size: float, boxes: list[Any], page: int) -> list[Run]:
    """Group a page's lines into runs (same block, same role, same size) and settle each role."""
    runs: list[Run] = []
    for line in lines:
        role = _line_role(line, body_size, boxes)
        last = runs[-1] if runs else None
        if last and last.lines[-1].block == line.block and last.tags == {role} and (
            role in ("body", "boxed", "small") or abs(last.size - line.size) < 0.5
        ):
            last.lines.append(line)
            continue
        runs.append(Run([line], role, line.size, page, tags={role}))
    for run in runs:
        text = " ".join(line.text for line in run.lines)
        if run.role == "large" and len(text) == 1 and text.isalpha():
            run.role = "dropcap"  # a large initial letter, the first letter of the next body paragraph
        elif run.role == "large":
            quoted = run.words > 6 and (text[:1] in "\"“‘'" or text.rstrip()[-1:] in ".\"”")
            run.role = "heading" if run.words <= HEADING_MAX_WORDS and not quoted else "aside"
        elif run.role == "bold":
            short = run.words <= BOLD_HEADING_MAX_WORDS and not text.rstrip().endswith((".", ",", ";"))
            run.role = "heading" if short else "body"
        elif run.role in ("small", "boxed"):
            run.role = "aside"
    return runs


def _merge_heading_lines(runs: list[Run]) -> list[Run]:
    """Join a heading set on several lines that PyMuPDF put in separate blocks (a centred title)."""
    out: list[Run] = []
    for run in runs:
        last = out[-1] if out else None
        if (
            last is not None and last.role == run.role == "heading" and last.page == run.page
            and abs(last.size - run.size) < 0.5
            and -HEADING_LINE_GAP * run.size <= run.y0 - last.y1 <= HEADING_LINE_GAP * run.size
        ):
            last.lines.extend(run.lines)
            continue
        out.append(run)
    return out


def _standfirst(runs: list[Run]) -> None:
    """A long larger-font run before the first body text of page 1 is the standfirst, part of the body.

    Further on, such runs are pull quotes (asides); before the body they can only
    be the summary paragraph that news and report layouts set under the title.
    """
    for run in runs:
        if run.page != 0 or run.role == "body":
            return
        if run.role == "aside" and run.tags == {"large"}:
            run.role = "body"


def _inline_small_runs(runs: list[Run]) -> None:
    """Give back to the body a short small-font run that sits inside an unfinished body sentence.

    A URL or a code word set in a smaller font between two body runs of the same
    page, after a body line that did not end a sentence, is part of that
    sentence, not a footnote or caption (those end the page or stand apart).
    """
    for before, run, after in zip(runs, runs[1:], runs[2:], strict=False):
        if (
            run.role == "aside" and run.tags == {"small"} and run.words <= INLINE_SMALL_MAX_WORDS
            and before.role == after.role == "body" and before.page == run.page == after.page
            and before.y1 <= run.y0 + 1 and run.y1 <= after.y0 + 1  # between them, in the same column
            and run.x0 < min(before.x1, after.x1) and run.x1 > max(before.x0, after.x0)
            and not _SENTENCE_END.search(before.lines[-1].text)
        ):
            run.role = "body"
            run.may_continue = True


def _link_adjacent_runs(runs: list[Run], body_size: float) -> None:
    """Let a body run go on the paragraph of the body run just above it in the same column.

    Some PDFs put every line in a block of its own, and a box or a footnote can
    sit between two parts of one paragraph; a sentence cut there is joined again
    when the two body runs are close (or only asides are between them), start at
    the same x, and the first did not end a sentence (checked when assembling).
    """
    last_body: Run | None = None
    between_asides = False
    for run in runs:
        if run.role == "aside":
            between_asides = True
            continue
        if run.role == "body" and last_body is not None and last_body.page == run.page:
            close = 0 <= run.y0 - last_body.y1 <= PARAGRAPH_GAP * body_size
            if (close or (between_asides and run.y0 >= last_body.y1)) and (
                abs(run.x0 - last_body.x0) <= PARAGRAPH_INDENT * body_size
            ):
                run.may_continue = True
        last_body = run if run.role == "body" else None
        between_asides = False


def _paragraphs(run: Run, body_size: float) -> list[list[Line]]:
    """Split a body run into paragraphs at vertical gaps, first-line indents and list items.

    A line starts a paragraph when a blank gap is above it; when it is indented
    from the line above, starts like a sentence, and the line above ended one
    (a first-line indent; a wrapped list item's hanging indent is not one); or
    when it starts a list item (a bullet, or a number after a finished line).
    """
    if run.role != "body":
        return [run.lines]
    indent = PARAGRAPH_INDENT * body_size
    groups: list[list[Line]] = [[run.lines[0]]]
    for prev, line in zip(run.lines, run.lines[1:], strict=False):
        ended = bool(_SENTENCE_END.search(prev.text))
        starts = line.text[:1].isupper() or line.text[:1] in "\"“‘(" or line.text[:1].isdigit()
        gap = line.y0 - prev.y1 > PARAGRAPH_GAP * body_size
        item = bool(_BULLET.match(line.text)) or (bool(_NUMBERED.match(line.text)) and ended)
        first_line_indent = ended and starts and indent < line.x0 - prev.x0 < 6 * body_size
        new = gap or item or first_line_indent
        if new:
            groups.append([line])
        else:
            groups[-1].append(line)
    return groups


def _assemble(
    data: bytes,
    source: str,
    runs: list[Run],
    body_size: float,
    vocab: Any,
    metadata_title: str,
    **meta: Any,
) -> Document:
    title_run = _title_run(runs, body_size)
    body: list[tuple[str, str, bool]] = []  # (role, text, starts a column)
    asides: list[str] = []
    headings: list[str] = []
    dropcap = ""
    for run in runs:
        if run.role == "dropcap":
            dropcap = run.lines[0].text
            continue
        if run.role == "aside":
            asides.extend(join_lines([ln.text for ln in group], vocab) for group in _paragraphs(run, body_size))
            continue
        if run.role == "heading":
            text = join_lines([ln.text for ln in run.lines], vocab)
            headings.append(text)
            body.append(("heading", text, run.may_continue))
            continue
        for number, group in enumerate(_paragraphs(run, body_size)):
            text = dropcap + join_lines([ln.text for ln in group], vocab)
            dropcap = ""
            body.append(("body", text, run.may_continue and number == 0))
    paragraphs: list[str] = []
    last_role = ""
    for role, text, may_continue in body:
        continues = (
            role == "body" and last_role == "body" and may_continue and paragraphs
            and not _SENTENCE_END.search(paragraphs[-1])
        )
        if continues:
            paragraphs[-1] = join_two(paragraphs[-1], text, vocab)
        else:
            paragraphs.append(text)
        last_role = role
    kept = [a for a in asides if not _repeats_body(a, paragraphs)]
    title = join_lines([ln.text for ln in title_run.lines], vocab) if title_run else None
    if title is None and _usable_metadata_title(metadata_title):
        title = metadata_title.strip()
    return make_document(
        data,
        source,
        "\n\n".join(paragraphs + kept),
        fmt="pdf",
        title=title,
        heading_hints=headings,
        asides=len(kept),
        repeated_asides_dropped=len(asides) - len(kept),
        body_font_size=body_size,
        **meta,
    )


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _repeats_body(aside: str, paragraphs: list[str]) -> bool:
    """True for a pull quote that repeats body text (each part of it between ellipses is in the body)."""
    body = " " + " ".join(_words(p) for p in paragraphs) + " "
    parts = [_words(part) for part in re.split(r"\.\.\.|…|\[\.\.\.\]", aside)]
    parts = [part for part in parts if part]
    return bool(parts) and all(len(part.split()) >= PULL_QUOTE_MIN_WORDS and f" {part} " in body for part in parts)


def _title_run(runs: list[Run], body_size: float) -> Run | None:
    """The heading in the largest font on page 1, when it is larger than the body."""
    first = [r for r in runs if r.page == 0 and r.role == "heading" and r.size >= body_size * HEADING_SIZE_RATIO]
    if not first:
        return None
    return max(first, key=lambda r: r.size)  # max keeps the first of equal sizes


def _pdf_date(value: str) -> str | None:
    """``YYYY-MM-DD`` from a PDF date string (``D:20221228093000+01'00'``), else None."""
    match = re.match(r"(?:D:)?(\d{4})(\d{2})(\d{2})", value.strip())
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31 and 1990 <= year <= 2100):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _usable_metadata_title(title: str) -> bool:
    """A PDF's metadata title unless it is empty or the name of the file it was made from."""
    title = title.strip()
    if not title or title.lower() in ("untitled", "title", "document"):
        return False
    return not re.search(r"\.(docx?|pdf|indd|rtf|odt|txt|tex)$|^microsoft word", title, re.IGNORECASE)
