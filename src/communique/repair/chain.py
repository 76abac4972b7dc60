"""The repair chain: raw text in, repaired text with its repair log, headings and offset map out.

Order matters and each step leaves the text in the shape the next expects:

1. normalise characters (line endings, exotic spaces, soft hyphens, invisibles);
2. normalise whitespace (blocks separated by one blank line, lines trimmed);
3. put displaced lines back (repeated, one fragment per pass, until none moves);
4. rejoin sentences split by a blank line;
5. undo hyphenation at line ends;
6. find the title and the section headings, each split into a block of its own
   (judged on the text as it will read, hence after 5);
7. unwrap: every block becomes one line.

The result is a fixed point: repairing repaired text changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from communique.record import Heading, Repair
from communique.repair.displaced import JoinScorer, rejoin_displaced
from communique.repair.headings import find_headings
from communique.repair.layout import (
    dehyphenate,
    normalise_characters,
    normalise_key,
    normalise_whitespace,
    rejoin_sentences,
    unwrap,
)
from communique.repair.offsets import Edited, OffsetMap

# Upper bound on displaced fragments moved in one document. Real extractions
# have a handful; the bound only keeps a pathological input (hundreds of
# lowercase lines at block edges) from costing quadratic time for long.
MAX_DISPLACED_MOVES = 50


@dataclass(frozen=True)
class RepairResult:
    text: str
    repairs: tuple[Repair, ...]
    headings: tuple[Heading, ...]
    offsets: OffsetMap

    @property
    def title(self) -> str | None:
        return next((h.text for h in self.headings if h.level == 0), None)


def _steps(
    raw: str, hints: Sequence[str], lexicon: Callable[[str], bool] | None, scorer: JoinScorer | None
) -> tuple[list[Edited], int]:
    """Run the chain; return every non-trivial step's result and the index of the heading step."""
    applied: list[Edited] = []
    text = raw

    def keep(edited: Edited) -> None:
        nonlocal text
        if edited.edits or edited.headings:
            applied.append(edited)
        text = edited.text

    for edited in normalise_characters(text):
        keep(edited)
    keep(normalise_whitespace(text))
    for _ in range(MAX_DISPLACED_MOVES):
        moved = rejoin_displaced(text, scorer)
        if not moved.edits:
            break
        keep(moved)
    keep(rejoin_sentences(text, frozenset(normalise_key(h) for h in hints if h)))
    keep(dehyphenate(text, lexicon))
    headings = find_headings(text, hints)
    heading_step = len(applied) if headings.edits or headings.headings else -1
    keep(headings)
    keep(unwrap(text))
    return applied, heading_step


def repair_text(
    raw: str,
    heading_hints: Sequence[str] = (),
    lexicon: Callable[[str], bool] | None = None,
    scorer: JoinScorer | None = None,
) -> RepairResult:
    """Repair ``raw``: the repaired text, every repair with raw and repaired offsets, headings, offset map.

    ``heading_hints`` are heading strings known from the document's structure;
    ``lexicon`` says whether a lowercase word exists (used to undo hyphenation);
    ``scorer`` reads a displaced fragment at its few best candidate places
    (:func:`communique.repair.parsefit.tagger_scorer`; without it they are
    told apart by edge words and lexical cohesion alone).
    """
    applied, heading_step = _steps(raw, heading_hints, lexicon, scorer)
    maps = [edited.map for edited in applied]
    text = applied[-1].text if applied else raw
    offsets = OffsetMap(maps, raw_len=len(raw))
    repairs: list[Repair] = []
    headings: list[Heading] = []
    for k, edited in enumerate(applied):
        before = OffsetMap(maps[:k], raw_len=len(raw))
        after = OffsetMap(maps[k + 1:], raw_len=len(edited.text))
        for edit, (out_start, out_end) in zip(edited.edits, edited.spans, strict=True):
            if not edit.logged:
                continue
            raw_start, raw_end = before.raw_span(*(edit.origin or (edit.start, edit.end)))
            start = after.to_text(out_start)
            end = max(start, after.to_text_end(out_end))
            repairs.append(
                Repair(edit.kind, raw_start, raw_end, start, end, raw[raw_start:raw_end], text[start:end])
            )
        if k == heading_step:
            for h_start, h_end, level in edited.headings:
                start = after.to_text(h_start)
                end = max(start, after.to_text_end(h_end))
                headings.append(Heading(text[start:end], start, end, level))
    return RepairResult(text, tuple(repairs), tuple(headings), offsets)
