"""Find the title and section headings and give each a block of its own.

A heading is a short line without final punctuation that starts with a capital
(:func:`.joins.heading_like`). It may stand alone, or be glued to a paragraph by
the extraction: as the first line of a block (the next line starts a sentence),
the last (the line before ends one), or in between. A glued heading is only
split off a block of wrapped prose (one with at least one full-width line) and
only when it is itself short: a short line inside a wrapped paragraph has no
other explanation. The title is the first block when it is short and
unpunctuated; a title glued to the first paragraph is split off at the last
short, unpunctuated line that a sentence follows, and a dateline glued under
it ("Monday, July 28, 2014") is split off too.

Heading strings known from the document's structure (``heading_hints``, from
PDF fonts or HTML tags) are trusted: a line or run of lines equal to a hint
becomes a heading even when it does not look like one.

Every decision on a block is taken on its text as it will read once unwrapped
(never on its line count), so that repairing repaired text changes nothing.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence

from communique.repair import joins
from communique.repair.layout import Line, block_text, normalise_key, parse_blocks, width_of
from communique.repair.offsets import Edit, Edited, apply_edits


def _is_title(text: str, more_blocks: bool) -> bool:
    return more_blocks and joins.title_like(text)


def _title_cut(block: Sequence[Line], width: float) -> int:
    """How many leading lines of a long first block are a glued title (0: none)."""
    for k in range(len(block) - 1, 0, -1):
        title, nxt = block[:k], block[k]
        if (
            _is_title(block_text(title), True)
            and not joins.wants_complement(title[-1].text)
            and (joins.is_short(title[-1].text, width) or joins.underfull(title[-1].text, nxt.text, width))
            and joins.starts_sentence(nxt.text)
            and not joins.ends_sentence(title[-1].text)
        ):
            return k
    return 0


def _hint_runs(block: Sequence[Line], hints: frozenset[str]) -> list[tuple[int, int]]:
    """Runs of lines [i, j) of ``block`` whose text equals a hint."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(block):
        for j in range(len(block), i, -1):
            if normalise_key(block_text(block[i:j])) in hints:
                runs.append((i, j))
                i = j - 1
                break
        i += 1
    return runs


def _glued(block: Sequence[Line], width: float) -> list[int]:
    """Indexes of short heading-like lines glued inside a block of wrapped prose."""
    if len(block) < 2 or not any(not joins.is_short(line.text, width) for line in block):
        return []
    found = []
    for k, line in enumerate(block):
        if not (joins.heading_like(line.text) and joins.is_short(line.text, width)):
            continue
        before_ok = k == 0 or joins.ends_sentence(block[k - 1].text)
        after_ok = k == len(block) - 1 or joins.starts_sentence(block[k + 1].text)
        # glued at the start: the rest of the block must be a finished paragraph
        if before_ok and after_ok and (k > 0 or joins.ends_sentence(block[-1].text)):
            found.append(k)
    return found


def _segments(block: Sequence[Line], cuts: Iterable[int]) -> list[tuple[int, int]]:
    """Split line indexes [0, len) at ``cuts`` (each cut = index of the first line of a new segment)."""
    points = sorted({0, len(block), *(c for c in cuts if 0 < c < len(block))})
    return list(itertools.pairwise(points))


def find_headings(text: str, heading_hints: Sequence[str] = ()) -> Edited:
    """Split headings off their paragraphs and report (start, end, level) of each in the output."""
    hints = frozenset(normalise_key(h) for h in heading_hints if h and h.strip())
    blocks = parse_blocks(text)
    lines = [line for block in blocks for line in block]
    width = width_of(lines)
    edits: list[Edit] = []
    found: list[tuple[int, int, int]] = []  # (start, end, level) in the input
    for b, block in enumerate(blocks):
        cuts: set[int] = set()
        marked: set[tuple[int, int]] = set()
        title_lines = 0
        for i, j in _hint_runs(block, hints):
            cuts.update((i, j))
            marked.add((i, j))
        if b == 0 and not marked:
            # a dateline under the headline ends the title
            head = next(
                (
                    k
                    for k in range(1, len(block))
                    if joins.dateline(block[k].text) and not joins.rejoinable(block[k - 1].text, block[k].text)
                ),
                len(block),
            )
            cuts.add(head)
            if _is_title(block_text(block[:head]), len(blocks) > 1 or head < len(block)):
                title_lines = head
            else:
                title_lines = _title_cut(block[:head], width)
                cuts.add(title_lines)
        for k in _glued(block, width):
            if k >= title_lines:
                cuts.update((k, k + 1))
        # never open a break the rejoin step would close again (keeps the chain a fixed point)
        cuts = {c for c in cuts if not 0 < c < len(block) or not joins.rejoinable(block[c - 1].text, block[c].text)}
        segments = _segments(block, cuts)
        for seg in segments:
            seg_lines = block[seg[0]:seg[1]]
            seg_text = block_text(seg_lines)
            level = None
            if seg in marked:
                level = 0 if b == 0 and seg[0] == 0 else 1
            elif b == 0 and seg[0] == 0 and title_lines and seg[1] == title_lines:
                level = 0
            elif joins.heading_like(seg_text):
                nxt = blocks[b + 1][0] if b + 1 < len(blocks) else None
                following = block[seg[1]] if seg[1] < len(block) else nxt
                # a heading introduces text: none at the very end, none before a continuation
                if following is not None and not joins.starts_lowercase(following.text):
                    level = 1
            if level is not None:
                found.append((seg_lines[0].start, seg_lines[-1].end, level))
        for start, _ in segments[1:]:
            edits.append(Edit(block[start - 1].end, block[start].start, "\n\n", "heading_split"))
    edited = apply_edits(text, edits)
    step = edited.map
    headings = tuple((step.to_output(s), step.to_output(e, end=True), level) for s, e, level in found)
    return Edited(edited.text, edited.edits, edited.map, edited.spans, headings)
