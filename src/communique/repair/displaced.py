"""Put a displaced line back where it belongs.

PDF extraction sometimes lifts a line out of its paragraph and drops it
elsewhere, typically right after the title or before the paragraph it came
from. Such a fragment gives itself away: it cannot start a sentence (it starts
lowercase or with a digit and has no final punctuation), yet it stands at the
edge of a block, where a sentence or heading should start or end, or right
under a title line.

For each such fragment we score every line break inside a paragraph as a place
to put it back: the gain is how much better the text reads with the fragment
moved (the joins it creates, by :mod:`.joins`) than as it stands (the joins it
breaks). A line that was cut short where the fragment left it (underfull: the
next line's first word would have fitted on it, though it is not the last line
of its paragraph) and that reaches the wrap width again with the fragment
appended is strong evidence of the fragment's origin. Brackets and quotes the
move balances, and a small preference for nearby places, break the remaining
ties. A number split at the cut ("on 2" / "8 December") is glued back.

One call moves at most the single best fragment; the chain repeats the step
until nothing moves.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from communique.repair import joins
from communique.repair.layout import Line, parse_lines, width_of
from communique.repair.offsets import Edit, Edited, apply_edits

# A fragment is moved only when the text reads better by at least this much
# (in units of joins.GOOD). One clearly good join created (GOOD) is not enough;
# a sentence start repaired plus a good join at the destination is. Hand-set;
# re-run tests/repair/ and bench/repair_damage.py after changing it.
MOVE_MIN_GAIN = 0.75
# Bonus when the fragment brings a cut-short line back to the wrap width: as
# strong as a split number, since a short line inside a wrapped paragraph has no
# other explanation than a cut.
LENGTH_FIT_BONUS = 1.0
# The same evidence for a fragment cut from the start of a line. Line lengths
# cannot tell a tail cut after a short line from a head cut before it; extractors
# lose the end of a line more often than its start (the seed shows a tail cut),
# so the head cut gets a quarter less and loses ties.
LENGTH_FIT_BONUS_HEAD = 0.75
# With the fragment appended, the cut line must come back to within this share of
# the wrap width (the wrap margin is ragged by at most one word, ~10-15%).
LENGTH_FIT_LOW = 0.8
LENGTH_FIT_HIGH = 1.08
# Within that range, the bonus shrinks by this much per width's worth of
# difference (a 10% miss costs 0.2), and twice as fast above the width: it only
# breaks ties between places whose joins read equally well.
LENGTH_OFF_SLOPE = 2.0
LENGTH_OVERSHOOT_WEIGHT = 2.0
# Each unmatched bracket or quote that a move closes (or opens) counts this much:
# half a good join, so it decides between places that read alike.
BALANCE_WEIGHT = 0.25
# Extraction displaces lines by short distances (within a page, usually to the
# top of the paragraph or the block before it): each block between a fragment
# and a candidate place costs this much, up to LOCALITY_MAX. A tie-breaker only:
# far below a join's weight.
LOCALITY_WEIGHT = 0.05
LOCALITY_MAX = 0.3
# Places farther than this many blocks from the fragment are not considered:
# extraction displaces lines within a page (a page holds well under ten
# paragraphs), and the bound keeps long documents linear in practice.
SEARCH_BLOCKS = 10
# Reranking: a fragment's RERANK_TOP best places, of those within RERANK_MARGIN
# of its best gain, are compared again on evidence that costs more than edge
# words: lexical cohesion with the destination paragraph and, when a scorer is
# given, the tagger's reading of the joined lines (parsefit.py). Only these few
# places are read, so the cost stays a few short tagger runs per fragment.
# Calibrated on the damage benchmark's development seeds 2, 3 and 5 (candidate
# places logged per fragment; 6 covers the right place in 94 of the 102 cases
# where any of the first 10 does). Margins 0.5 and 1.0 put back the same lines
# on those seeds (54/107); 0.5 reads fewer places (repair 14% instead of 17% of
# the parse time of the damaged articles).
RERANK_TOP = 6
RERANK_MARGIN = 0.5
# Each content word (4+ letters, not a closed-class word) that the fragment
# shares with the destination paragraph: a displaced line continues a sentence
# of its own paragraph, which repeats its names and terms. Dev seeds 2/3/5: of
# candidate pairs that differ in it, the right place has more shared words 83%
# of the time; 0.2 (two fifths of a good join) was best among 0.1-0.5.
COHESION_WEIGHT = 0.2
# Per unit of the tagger's log-confidence (see parsefit.py): the right place has
# the higher score in 70% of candidate pairs on the dev seeds, but the scores are
# noisy, so the weight is small (0.1 was best among 0, 0.1, 0.2 with cohesion on).
TAGGER_WEIGHT = 0.1
_CONTENT_WORD = re.compile(r"[^\W\d_]{4,}")

# For a batch of candidate places (line before the join, fragment, line after the
# join): how much better the three read as one run of text than the two context
# lines without the fragment, one number per place (higher = better).
JoinScorer = Callable[[Sequence[tuple[str, str, str]]], list[float]]


@dataclass(frozen=True)
class Move:
    fragment: Line
    after: Line  # the fragment goes after this line ...
    before: Line  # ... and before this one (same block)
    gain: float
    glue: bool  # no space: a number split at the cut
    cohesion: int = 0  # content words the fragment shares with the destination paragraph


def _glue(left: str, fragment: str) -> bool:
    return left[-1:].isdigit() and fragment[:1].isdigit()


def _length_score(total: int, width: float, bonus: float) -> float:
    """The bonus for a restored line of ``total`` characters, less a little for each character off the width.

    Greedy wrapping never fills a line past the width, so overshooting costs twice as much as falling short.
    """
    if not LENGTH_FIT_LOW * width <= total <= LENGTH_FIT_HIGH * width:
        return 0.0
    off = (total - width) * LENGTH_OVERSHOOT_WEIGHT if total > width else width - total
    return bonus - LENGTH_OFF_SLOPE * off / width


def _length_bonus(lines: Sequence[Line], j: int, fragment: Line, width: float) -> float:
    """Evidence from line lengths that the fragment was cut from line ``j`` (its tail) or ``j + 1`` (its head)."""
    if width <= 0:
        return 0.0
    after, before = lines[j], lines[j + 1]
    glued = _glue(after.text, fragment.text)
    if joins.underfull(after.text, before.text, width):
        total = len(after.text) + len(fragment.text) + (0 if glued else 1)
        return _length_score(total, width, LENGTH_FIT_BONUS)
    if not before.last and joins.underfull(before.text, lines[j + 2].text, width):
        return _length_score(len(fragment.text) + 1 + len(before.text), width, LENGTH_FIT_BONUS_HEAD)
    return 0.0


def _title_lines(lines: Sequence[Line], width: float) -> set[int]:
    """Indexes of the title's lines: the first line when it could be a title, and the short
    heading-like lines after it in the first block.

    The break after one is the end of the title, not a soft wrap; nothing is
    inserted there, and a fragment right under one stands where it does not belong.
    """
    if not lines or not joins.title_like(lines[0].text) or joins.wants_complement(lines[0].text):
        return set()
    found = {0}
    for k, line in enumerate(lines[1:], start=1):
        if line.block != 0 or not (joins.heading_like(line.text) and joins.is_short(line.text, width)):
            break
        found.add(k)
    return found


def _fit(left: Line | None, right: Line | None, hard: bool, after_title: bool) -> float:
    """Fit of a break as it stands; the end of a title is a clean end whatever follows."""
    if after_title:
        return joins.GOOD + joins.start_score(right.text if right else None)
    return joins.break_fit(left.text if left else None, right.text if right else None, hard)


def _removal_gain(lines: Sequence[Line], k: int, titles: set[int]) -> float:
    """How much better the text reads at the fragment's place once it is gone."""
    fragment = lines[k]
    prev = lines[k - 1] if k > 0 else None
    nxt = lines[k + 1] if k + 1 < len(lines) else None
    after_title = k - 1 in titles
    before = _fit(prev, fragment, fragment.first, after_title) + _fit(fragment, nxt, fragment.last, False)
    after = _fit(prev, nxt, fragment.first or fragment.last, after_title)
    return after - before


def _candidates(lines: Sequence[Line], titles: set[int]) -> list[int]:
    """Lines that cannot start a sentence, standing at the edge of a block or right under a title line.

    The two halves of a sentence split by a blank line are left to the rejoin step.
    """
    found = []
    for k, line in enumerate(lines):
        if not joins.cannot_start_sentence(line.text):
            continue
        prev = lines[k - 1] if k > 0 else None
        nxt = lines[k + 1] if k + 1 < len(lines) else None
        under_title = not line.first and k - 1 in titles
        if not (line.first or line.last or under_title):
            continue
        if line.first and not line.last and prev is not None and joins.rejoinable(prev.text, line.text):
            continue
        if line.last and not line.first and nxt is not None and joins.rejoinable(line.text, nxt.text):
            continue
        found.append(k)
    return found


def _imbalance(text: str) -> int:
    """Unmatched brackets and quotes: a fragment that closes a parenthesis belongs where one is open."""
    return (
        abs(text.count("(") - text.count(")"))
        + abs(text.count("“") - text.count("”"))
        + text.count('"') % 2
    )


def _balance_gain(blocks: dict[int, str], fragment: Line, dest: int) -> float:
    """How many unmatched brackets and quotes the move closes (source and destination block)."""
    src = fragment.block
    source_after = blocks[src].replace(fragment.text, "", 1)
    if src == dest:
        return 0.0
    before = _imbalance(blocks[src]) + _imbalance(blocks[dest])
    after = _imbalance(source_after) + _imbalance(blocks[dest] + " " + fragment.text)
    return BALANCE_WEIGHT * (before - after)


def _distance_cost(fragment: Line, dest: int) -> float:
    return min(abs(dest - fragment.block) * LOCALITY_WEIGHT, LOCALITY_MAX)


def content_words(text: str) -> frozenset[str]:
    """Lowercased words of 4+ letters that are not closed-class words."""
    return frozenset(w.lower() for w in _CONTENT_WORD.findall(text)) - joins.WANTS_COMPLEMENT


def ranked_moves(text: str) -> list[list[Move]]:
    """For each displaced fragment, its possible moves that reach ``MOVE_MIN_GAIN``, best first."""
    lines = parse_lines(text)
    width = width_of(lines)
    titles = _title_lines(lines, width)
    blocks: dict[int, str] = {}
    for line in lines:
        blocks[line.block] = blocks.get(line.block, "") + " " + line.text
    ranked: list[list[Move]] = []
    for k in _candidates(lines, titles):
        fragment = lines[k]
        removal = _removal_gain(lines, k, titles)
        own = content_words(fragment.text)
        moves: list[Move] = []
        for j in range(len(lines) - 1):
            after, before = lines[j], lines[j + 1]
            if after.last or j in (k - 1, k) or j in titles or abs(after.block - fragment.block) > SEARCH_BLOCKS:
                continue
            created = joins.soft_fit(after.text, fragment.text) + joins.soft_fit(fragment.text, before.text)
            broken = joins.soft_fit(after.text, before.text)
            gain = removal + created - broken + _length_bonus(lines, j, fragment, width)
            gain += _balance_gain(blocks, fragment, after.block) - _distance_cost(fragment, after.block)
            if gain >= MOVE_MIN_GAIN:
                context = blocks[after.block]
                if after.block == fragment.block:
                    context = context.replace(fragment.text, " ", 1)
                shared = len(own & content_words(context))
                moves.append(Move(fragment, after, before, gain, _glue(after.text, fragment.text), shared))
        if moves:
            moves.sort(key=lambda m: -m.gain)  # stable: ties keep text order
            ranked.append(moves)
    return ranked


def best_move(text: str, scorer: JoinScorer | None = None) -> Move | None:
    """The single most plausible move of a displaced fragment, or None.

    The ``RERANK_TOP`` best places of each fragment whose gains lie within
    ``RERANK_MARGIN`` of its best are compared again on lexical cohesion and,
    with a ``scorer``, on its reading of the joined lines.
    """
    best: Move | None = None
    for moves in ranked_moves(text):
        moves = _rerank(moves, scorer)
        top = moves[0]
        if best is None or top.gain > best.gain:
            best = top
    return best


def _rerank(moves: list[Move], scorer: JoinScorer | None) -> list[Move]:
    if moves[0].glue:  # a number split at the cut is settled by the digits themselves
        return moves
    close = [m for m in moves[:RERANK_TOP] if not m.glue and moves[0].gain - m.gain <= RERANK_MARGIN]
    if len(close) < 2:
        return moves

    read = [0.0] * len(close)
    if scorer is not None:
        read = scorer([(m.after.text, m.fragment.text, m.before.text) for m in close])
    adjusted = [m.gain + COHESION_WEIGHT * m.cohesion + TAGGER_WEIGHT * r for m, r in zip(close, read, strict=True)]
    # The fragment's place is chosen on the adjusted score; its gain stays the edge-word
    # gain, so fragments are compared with each other (which moves first) as before.
    order = sorted(range(len(close)), key=lambda i: -adjusted[i])
    return [close[i] for i in order]


def rejoin_displaced(text: str, scorer: JoinScorer | None = None) -> Edited:
    """Move the best-placed displaced fragment back (at most one per call)."""
    move = best_move(text, scorer)
    if move is None:
        return apply_edits(text, ())
    frag = move.fragment
    # Remove the fragment with one separator next to it, keeping the layout's shape.
    if frag.first and frag.last:
        cut = (frag.start, frag.end + 2) if frag.end + 2 <= len(text) else (max(frag.start - 2, 0), frag.end)
    elif frag.last:
        cut = (frag.start - 1, frag.end)
    else:
        cut = (frag.start, frag.end + 1)
    insert = frag.text if move.glue else "\n" + frag.text
    kind = "displaced_line_joined" if move.glue else "displaced_line"
    return apply_edits(
        text,
        (
            Edit(cut[0], cut[1], "", "displaced_line_removed", logged=False),
            Edit(move.after.end, move.after.end, insert, kind, origin=(frag.start, frag.end)),
        ),
    )
