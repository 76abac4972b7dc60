"""The document page's annotated text: every layer of the record highlighted in the repaired text.

The text is cut at every annotation boundary; each piece is escaped on its own (``markupsafe.escape``)
and wrapped in one ``<span>`` naming the layers that cover it. No article text, actor name or
label reaches the page unescaped: the only markup is the spans and anchors built here.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from markupsafe import Markup, escape

from communique.record import Document


@dataclass(frozen=True)
class Annotation:
    start: int
    end: int
    css: str  # class names, e.g. "hl-event q1"
    label: str  # shown as the tooltip
    anchor: str | None = None  # id of an anchor placed where the annotation starts


def layer_annotations(doc: Document) -> list[Annotation]:
    """The annotations of every layer: actor mentions, dates, places, quotes and event evidence."""
    out: list[Annotation] = []
    for actor in doc.actors:
        where = "/".join(p for p in (actor.country, actor.sector) if p)
        label = f"actor {actor.id}: {actor.name}" + (f" ({where})" if where else "")
        out += [Annotation(m.start, m.end, "hl-actor", label) for m in actor.mentions]
    out += [Annotation(d.start, d.end, "hl-date", f"date: {d.value}") for d in doc.dates]
    out += [Annotation(p.start, p.end, "hl-place", f"place: {p.name}" + (f" ({p.country})" if p.country else ""))
            for p in doc.places]
    names = {a.id: a.name for a in doc.actors}
    for seq, quote in enumerate(doc.quotes):
        speaker = names.get(quote.speaker or "", quote.speaker_text or "unknown speaker")
        out.append(Annotation(quote.start, quote.end, "hl-quote", f"{quote.kind} quote by {speaker}", f"q-{seq}"))
    for event in doc.events:
        quad = event.quad_class if event.quad_class in (1, 2, 3, 4) else 0
        sides = " → ".join(", ".join(names.get(i, i) for i in ids) or "?" for ids in (event.actor, event.recipient))
        label = f"event {event.id}: {event.type}" + (f" (CAMEO {event.cameo})" if event.cameo else "") + f" {sides}"
        if event.negated:
            label += " [negated]"
        out.append(Annotation(event.evidence.start, event.evidence.end, f"hl-event q{quad}", label,
                              f"ev-{event.id}"))
    return out


def highlight(text: str, notes: list[Annotation]) -> Markup:
    """``text`` as HTML with ``notes`` as spans; overlapping notes share the pieces they both cover."""
    size = len(text)
    spans = [n for n in notes if 0 <= n.start < n.end <= size]
    cuts = sorted({0, size, *(n.start for n in spans), *(n.end for n in spans)})
    starts: dict[int, list[Annotation]] = {}
    for note in spans:
        starts.setdefault(note.start, []).append(note)
    pieces: list[str] = []
    active: list[Annotation] = []
    for left, right in itertools.pairwise(cuts):
        active = [n for n in active if n.end > left] + starts.get(left, [])
        for note in starts.get(left, []):
            if note.anchor:
                pieces.append(f'<span class="anchor" id="{escape(note.anchor)}"></span>')
        piece = escape(text[left:right])
        if not active:
            pieces.append(str(piece))
            continue
        classes = " ".join(sorted({c for n in active for c in n.css.split()}))
        title = " · ".join(n.label for n in active)
        pieces.append(f'<span class="hl {escape(classes)}" title="{escape(title)}">{piece}</span>')
    return Markup("".join(pieces))


def annotated(doc: Document) -> Markup:
    """The repaired text of ``doc`` with all its layers highlighted."""
    return highlight(doc.text, layer_annotations(doc))
