"""Entities stage: named-entity mentions from spaCy's NER over the parsed text.

``Entity.actor`` is left ``None`` here; the actors stage links it.
"""

from __future__ import annotations

from communique.pipeline import Context
from communique.record import Document, Entity

# spaCy labels kept as mentions; cardinal numbers, percentages and the like are
# not entities an analyst codes.
KEPT_LABELS = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "EVENT", "LAW", "DATE", "TIME"})


class EntitiesStage:
    name = "entities"
    needs = frozenset({"parsed"})
    adds = frozenset({"entities"})

    def __call__(self, doc: Document, ctx: Context) -> Document:
        parsed = doc.parsed
        if parsed is None:
            return doc.with_(entities=())
        entities = tuple(
            Entity(text=ent.text, label=ent.label_, start=ent.start_char, end=ent.end_char)
            for ent in parsed.ents
            if ent.label_ in KEPT_LABELS and ent.text.strip()
        )
        return doc.with_(entities=entities)
