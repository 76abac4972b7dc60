"""When and where an event happened: the date and place mentions attached to its clause.

The events stage (:mod:`communique.nlp.events.stage`) collects each sentence's date and place
mentions with their head tokens (:func:`mentions_in`) and gives an event the one attached to
its own clause, else to the nearest clause above it (:func:`governing`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from communique.record import DateMention, Place

M = TypeVar("M", DateMention, Place)

# Prepositions that make a place the location of an event ("in Taipei", "near the border").
LOCATIVE_PREPOSITIONS = frozenset({"in", "at", "near", "inside", "outside", "across", "throughout", "around", "off",
                                   "along", "within", "into", "over"})


@dataclass(frozen=True)
class Anchored(Generic[M]):
    """A date or place mention and the token that heads it in the parse."""

    head: Any
    mention: M


def _clause_verb(tok: Any) -> Any:
    """The verb (or auxiliary) heading ``tok``'s clause: ``tok`` itself or its nearest verbal
    ancestor (else the root, or the token 12 steps up)."""
    cur = tok
    for _ in range(12):
        if cur.pos_ in ("VERB", "AUX") or cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur


def governing(tok: Any, mentions: list[Anchored[M]]) -> M | None:
    """The mention (date/place) attached to ``tok``'s clause, else to the nearest enclosing clause."""
    verb: Any = _clause_verb(tok)
    ancestors = [verb, *verb.ancestors]
    best: tuple[int, M] | None = None  # (how far up the clause is, the mention attached to it)
    for anchored in mentions:
        head = anchored.head
        attach = _clause_verb(head.head) if head.head.i != head.i else head
        if attach in ancestors:
            rank = ancestors.index(attach)
            if best is None or rank < best[0]:
                best = (rank, anchored.mention)
    return best[1] if best else None


def mentions_in(parsed: Any, start: int, end: int, items: tuple[M, ...], locative: bool = False) -> list[Anchored[M]]:
    """The mentions inside ``[start, end)``, each with its head token.

    With ``locative``, only places named as a location ("in Taipei", "near the border"), not
    places that are the actors or recipients themselves ("Taiwan joins forces with Japan").
    """
    out: list[Anchored[M]] = []
    for item in items:
        if item.start < start or item.end > end:
            continue
        span = parsed.char_span(item.start, item.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        root = span.root
        if locative and not (root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPOSITIONS):
            continue
        out.append(Anchored(root, item))
    return out
