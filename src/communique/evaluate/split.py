"""The tune / validation split of every dev set.

A record's side is decided by its text alone: the text is normalised (case folded, every run of
characters that are not letters or digits made one space), hashed with SHA-256, and the record
is **validation** when the first eight bytes of the digest, read as a number, fall in the lowest
quarter (``VALIDATION_SHARE``). Everything else is **tune**.

Because only the text counts, a sentence that sits in several dev sets (the CAMEO examples and
the PETRARCH2 unit tests share some; GUM news is part of GUM) is on the same side in all of
them, and two records of one sentence (a GSR sentence with two gold events) never split. The
rule depends on nothing that changes between runs or machines.

The protocol (see docs/evaluation.md): rules and features are written by reading tune records
only; the validation records are scored, never read, and no rule is chosen because it moves a
validation figure. ``communique evaluate TASK DATASET`` prints both sides; the gate floors the
validation side.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from typing import Literal, TypeVar

Part = Literal["tune", "validation", "all"]
PARTS: tuple[Part, ...] = ("tune", "validation", "all")
VALIDATION_SHARE = 0.25

_NOT_WORD = re.compile(r"[\W_]+")
_SCALE = 1 << 64
T = TypeVar("T")


def normalise(text: str) -> str:
    """The text the split hashes: case folded, punctuation and spacing reduced to single spaces."""
    return _NOT_WORD.sub(" ", text.casefold()).strip()


def part_of(text: str) -> Literal["tune", "validation"]:
    """The side of the split a record with this text is on."""
    digest = hashlib.sha256(normalise(text).encode("utf-8")).digest()
    return "validation" if int.from_bytes(digest[:8], "big") < VALIDATION_SHARE * _SCALE else "tune"


def select(items: Iterable[T], part: Part, text: Callable[[T], str]) -> list[T]:
    """The items on ``part`` of the split (all of them for ``"all"``), in their order."""
    if part == "all":
        return list(items)
    return [item for item in items if part_of(text(item)) == part]
