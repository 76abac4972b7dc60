"""One predicate, one event: codings of a sentence that restate one another become one.

The coder reads each trigger on its own, so one predicate can come out twice: coordinated verbs
of one clause with one code ("wishes to strengthen relations and develop ties with Japan"), or two
patterns that fire on the same words. Two events of a sentence are the same predicate when

* their actors are the same, and
* one's evidence lies within the other's and they have the same PLOVER type, or their evidence
  is the same span whatever their types.

Of such a group the most specific coding stands (the CAMEO code with more digits that say
something, a root's unspecified ``x0`` counting as the root alone, then the higher
confidence, then the first in text order); it takes the recipients of every event it absorbs
(in order, without repeats) and the evidence that covers them all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from communique.record import Event, Span


def _within(inner: Span, outer: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def same_predicate(a: Event, b: Event) -> bool:
    """Do ``a`` and ``b`` (of one sentence) code the same predicate?"""
    if set(a.actor) != set(b.actor):
        return False
    if (a.evidence.start, a.evidence.end) == (b.evidence.start, b.evidence.end):
        return True
    nested = _within(a.evidence, b.evidence) or _within(b.evidence, a.evidence)
    return nested and a.type == b.type


def specificity(cameo: str | None) -> int:
    """How many digits of a CAMEO code say something: ``040`` (consult, unspecified) 2, ``042`` 3, ``0353`` 4."""
    if not cameo:
        return 0
    return 2 if len(cameo) == 3 and cameo.endswith("0") else len(cameo)


def _rank(event: Event, order: int) -> tuple[int, float, int]:
    return (specificity(event.cameo), event.confidence, -order)


def merge_codings(events: Sequence[Event], text: str) -> list[Event]:
    """``events`` of one sentence (in text order) with each predicate's restatements merged into
    its most specific coding; ``text`` is the document text the evidence spans point into."""
    groups: list[list[int]] = []
    for i, event in enumerate(events):
        home = next((g for g in groups if any(same_predicate(events[j], event) for j in g)), None)
        if home is None:
            groups.append([i])
        else:
            home.append(i)
    merged = []
    for group in groups:
        best = max(group, key=lambda j: _rank(events[j], j))
        members = [events[j] for j in group]
        recipients = tuple(dict.fromkeys(r for e in [events[best], *members] for r in e.recipient))
        start = min(e.evidence.start for e in members)
        end = max(e.evidence.end for e in members)
        evidence = Span(start, end, text[start:end])
        merged.append((min(group), replace(events[best], recipient=recipients, evidence=evidence)))
    return [event for _, event in sorted(merged, key=lambda pair: pair[0])]
