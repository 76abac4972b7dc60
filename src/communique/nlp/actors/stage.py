"""Actors stage: every person, state, organisation or group mentioned, one Actor per document.

Four passes over the parsed document, each claiming the tokens it reads so
that no word feeds two actors (:class:`~communique.nlp.actors.state.ActorState`):

1. people — named persons (NER ``PERSON`` or a knowledge-base name), with the
   titles and appositions around them (:mod:`~communique.nlp.actors.roles`) and
   time-aware offices from the knowledge base (:mod:`~communique.nlp.actors.names`);
2. role and sector nouns — "the US president", "Israeli troops", "a senior
   Guyanese police officer", "the lawmaker" (linked to a person already named)
   (:mod:`~communique.nlp.actors.nouns`);
3. names — states, capitals used as metonyms ("Tokyo said"), organisations,
   demonym groups ("Palestinians"), places standing for their state
   (:mod:`~communique.nlp.actors.names`);
4. coreference — surnames, pronouns, "the nation" (:mod:`~communique.nlp.actors.coref`),
   and the countries of groups from the people who lead them (:mod:`~communique.nlp.actors.groups`).

The mentions of one key then become one :class:`~communique.record.Actor`. For later
stages: :func:`actor_at`.
"""

from __future__ import annotations

from typing import Any

from communique.kb import KnowledgeBase
from communique.nlp.actors.coref import add_references, add_surnames
from communique.nlp.actors.groups import group_countries
from communique.nlp.actors.names import add_name, add_person, add_places
from communique.nlp.actors.nouns import common_nouns, leftover_demonyms
from communique.nlp.actors.state import ActorState, Candidate
from communique.pipeline import Context
from communique.record import Actor, Document, Entity, Mention

# Sectors of office: a person who held one and no longer does is an elite (ELI), as the PLOVER
# manual's sector table defines it ("former government officials ..., including exiled/ousted officials").
OFFICIAL_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP"})


class ActorsStage:
    name = "actors"
    needs = frozenset({"text", "parsed", "entities", "reference_date"})
    adds = frozenset({"actors", "entities"})

    def __call__(self, doc: Document, ctx: Context) -> Document:
        if doc.parsed is None:
            return doc.with_(actors=())
        actors = find_actors(ctx.resources.kb, doc)
        owner = _mention_owner(len(doc.text), actors)
        entities = tuple(_link(e, owner) for e in doc.entities)
        return doc.with_(actors=actors, entities=entities)


def find_actors(kb: KnowledgeBase, doc: Document) -> tuple[Actor, ...]:
    """The actors of a parsed document, in the order of their first mention."""
    state = ActorState(kb, doc)
    for match in state.names:
        if match.kind == "person":
            add_person(state, match)
    common_nouns(state)
    for match in state.names:
        if match.kind != "person":
            add_name(state, match)
    add_places(state)
    leftover_demonyms(state)
    add_surnames(state)
    add_references(state)
    group_countries(state)
    return _assemble(state.cands, doc.text)


def actor_at(doc: Document, start: int, end: int) -> Actor | None:
    """The actor with a mention covering, or covered by, ``[start, end)``; the tightest one wins."""
    best: tuple[int, Actor] | None = None
    for actor in doc.actors:
        for m in actor.mentions:
            if (m.start <= start and end <= m.end) or (start <= m.start and m.end <= end):
                size = abs((m.end - m.start) - (end - start))
                if best is None or size < best[0]:
                    best = (size, actor)
    return best[1] if best else None


def _assemble(cands: list[Candidate], text: str) -> tuple[Actor, ...]:
    """One actor per candidate key, numbered in the order of first mention; its fields are the first
    its mentions give."""
    by_key: dict[str, list[Candidate]] = {}
    for cand in sorted(cands, key=lambda c: (c.start, c.end)):
        by_key.setdefault(cand.key, []).append(cand)
    return tuple(_actor(f"A{n}", group, text) for n, group in enumerate(by_key.values(), 1))


def _actor(actor_id: str, cands: list[Candidate], text: str) -> Actor:
    def first(attr: str) -> Any:
        return next((getattr(c, attr) for c in cands if getattr(c, attr)), None)

    head = cands[0]
    sector = first("sector")
    if head.type == "state":
        sector = "GOV" if any(c.metonym for c in cands) else None
    if head.type == "person" and sector in OFFICIAL_SECTORS and any(c.former_word for c in cands):
        # PLOVER: former, ousted or exiled officials are elites. Only when the text says so: an office
        # the KB says has ended depends on the reference date, which may be today's for old news.
        sector = "ELI"
    return Actor(
        id=actor_id,
        name=head.name,
        type=head.type,  # type: ignore[arg-type]
        country=first("country"),
        sector=sector,
        title=first("title"),
        kb_id=first("kb_id"),
        mentions=tuple(dict.fromkeys(Mention(c.start, c.end, text[c.start : c.end]) for c in cands)),
        former=any(c.former for c in cands),
    )


def _mention_owner(size: int, actors: tuple[Actor, ...]) -> list[str | None]:
    """For each character of the text, the id of the first actor with a mention covering it."""
    owner: list[str | None] = [None] * (size + 1)
    for actor in actors:
        for m in actor.mentions:
            for i in range(m.start, m.end):
                if owner[i] is None:
                    owner[i] = actor.id
    return owner


def _link(entity: Entity, owner: list[str | None]) -> Entity:
    if entity.label in ("DATE", "TIME", "CARDINAL"):
        return entity
    actor = next((a for a in owner[entity.start : entity.end] if a is not None), None)
    if actor is None:
        return entity
    return Entity(entity.text, entity.label, entity.start, entity.end, actor)
