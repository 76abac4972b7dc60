"""Edits and the offset maps they leave behind.

A repair step never rewrites text freely: it returns a list of :class:`Edit`
values (replace ``text[start:end]`` by ``replacement``), and :func:`apply_edits`
builds both the new text and a :class:`StepMap` between the two texts. Maps of
consecutive steps compose into an :class:`OffsetMap`, so every offset of the
repaired text can be traced back to ``raw_text``.

Maps are monotone. Inside a replaced region, output offsets are spread over the
replaced input characters (clamped to their end), and text moved from elsewhere
maps to the place it was inserted; where it came from is kept in the repair log
(:attr:`Edit.origin`), since a monotone map cannot point backwards.

Two biases exist because a deletion leaves one output offset with two sensible
input offsets: :meth:`OffsetMap.to_raw` (for start offsets) skips past deleted
characters, :meth:`OffsetMap.to_raw_end` (for exclusive end offsets) stops
before them. Both are monotone and stay within ``[0, len(raw)]``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# (from_start, from_end, to_start, to_end) of one edited region, in the direction of the lookup.
_Segment = tuple[int, int, int, int]


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` of a step's input by ``replacement``.

    ``origin`` is set on text moved from elsewhere in the same input (the
    input span it came from); the deletion at the origin is an edit with
    ``logged=False``, so the move shows up once in the repair log.
    """

    start: int
    end: int
    replacement: str
    kind: str
    origin: tuple[int, int] | None = None
    logged: bool = True


def _lookup(segments: Sequence[_Segment], keys: Sequence[int], pos: int, end: bool) -> int:
    """Map ``pos`` through the edited regions ``segments`` (sorted by ``from_start``)."""
    idx = (bisect_left(keys, pos) if end else bisect_right(keys, pos)) - 1
    if idx < 0:
        return pos
    f_start, f_end, t_start, t_end = segments[idx]
    if pos < f_end:
        return t_start + min(pos - f_start, t_end - t_start)
    return t_end + (pos - f_end)


class StepMap:
    """The offset map of one step: input ⇄ output of :func:`apply_edits`."""

    def __init__(self, regions: Sequence[tuple[int, int, int, int]], in_len: int, out_len: int) -> None:
        # regions: (in_start, in_end, out_start, out_end), in input order
        self.in_len = in_len
        self.out_len = out_len
        self._back = [(o_s, o_e, i_s, i_e) for i_s, i_e, o_s, o_e in regions]
        self._back_keys = [seg[0] for seg in self._back]
        self._fwd = [(i_s, i_e, o_s, o_e) for i_s, i_e, o_s, o_e in regions]
        self._fwd_keys = [seg[0] for seg in self._fwd]

    def to_input(self, pos: int, end: bool = False) -> int:
        pos = min(max(pos, 0), self.out_len)
        return min(_lookup(self._back, self._back_keys, pos, end), self.in_len)

    def to_output(self, pos: int, end: bool = False) -> int:
        pos = min(max(pos, 0), self.in_len)
        return min(_lookup(self._fwd, self._fwd_keys, pos, end), self.out_len)

    @property
    def is_identity(self) -> bool:
        return not self._fwd


class OffsetMap:
    """Composed maps of a chain of steps: repaired text ⇄ raw text."""

    def __init__(self, steps: Iterable[StepMap] = (), raw_len: int = 0) -> None:
        self.steps = tuple(steps)
        self.raw_len = self.steps[0].in_len if self.steps else raw_len
        self.text_len = self.steps[-1].out_len if self.steps else raw_len

    def to_raw(self, i: int) -> int:
        """Offset in the raw text of the repaired character at ``i`` (a start offset)."""
        for step in reversed(self.steps):
            i = step.to_input(i)
        return min(max(i, 0), self.raw_len)

    def to_raw_end(self, i: int) -> int:
        """Like :meth:`to_raw` for an exclusive end offset: stops before deleted characters."""
        for step in reversed(self.steps):
            i = step.to_input(i, end=True)
        return min(max(i, 0), self.raw_len)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        raw_start = self.to_raw(start)
        return raw_start, max(raw_start, self.to_raw_end(end))

    def to_text(self, j: int) -> int:
        """Offset in the repaired text of the raw character at ``j``."""
        for step in self.steps:
            j = step.to_output(j)
        return min(max(j, 0), self.text_len)

    def to_text_end(self, j: int) -> int:
        for step in self.steps:
            j = step.to_output(j, end=True)
        return min(max(j, 0), self.text_len)


@dataclass(frozen=True)
class Edited:
    """What one step returns: its output text, the edits that made it, and their map.

    ``spans[k]`` is where ``edits[k]``'s replacement sits in ``text``;
    ``headings`` are (start, end, level) in ``text``, set by the heading step.
    """

    text: str
    edits: tuple[Edit, ...]
    map: StepMap
    spans: tuple[tuple[int, int], ...]
    headings: tuple[tuple[int, int, int], ...] = ()


def apply_edits(text: str, edits: Iterable[Edit]) -> Edited:
    """Apply non-overlapping ``edits`` to ``text``; drop those that change nothing."""
    ordered = sorted(
        (e for e in edits if e.origin is not None or text[e.start:e.end] != e.replacement),
        key=lambda e: (e.start, e.end),
    )
    pieces: list[str] = []
    regions: list[tuple[int, int, int, int]] = []
    spans: list[tuple[int, int]] = []
    cursor = 0
    out_len = 0
    for edit in ordered:
        if edit.start < cursor or edit.end < edit.start or edit.end > len(text):
            raise ValueError(f"overlapping or out-of-range edit {edit!r}")
        pieces.append(text[cursor:edit.start])
        out_len += edit.start - cursor
        pieces.append(edit.replacement)
        regions.append((edit.start, edit.end, out_len, out_len + len(edit.replacement)))
        spans.append((out_len, out_len + len(edit.replacement)))
        out_len += len(edit.replacement)
        cursor = edit.end
    pieces.append(text[cursor:])
    out = "".join(pieces)
    return Edited(out, tuple(ordered), StepMap(regions, len(text), len(out)), tuple(spans))
