"""Actors stage: every person, state, organisation or group mentioned, one Actor per document.

Four passes over the parsed document, each claiming the tokens it reads so
that no word feeds two actors:

1. people — named persons (NER ``PERSON`` or a knowledge-base name), with the
   titles and appositions around them (:mod:`communique.nlp.actors.roles`) and
   time-aware offices from the knowledge base;
2. role and sector nouns — "the US president", "Israeli troops", "a senior
   Guyanese police officer", "the lawmaker" (linked to a person already named);
3. names — states, capitals used as metonyms ("Tokyo said"), organisations,
   demonym groups ("Palestinians");
4. coreference — surnames, pronouns, "the nation" (:mod:`communique.nlp.actors.coref`).

Helpers for later stages: :func:`actor_at` and :func:`resolve_group`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from communique.kb import NON_STATE_CODES, KnowledgeBase
from communique.nlp.actors import coref, nouns
from communique.nlp.actors.match import NameMatch, find_names
from communique.nlp.actors.roles import (
    Role,
    TermFinder,
    apposition,
    country_in,
    head_apposition,
    is_currency,
    is_locative,
    is_place_object,
    is_subject,
    left_modifiers,
    of_country,
    read_role,
    sector_for,
    term_at,
)
from communique.pipeline import Context
from communique.record import Actor, Document, Entity, Mention

__all__ = ["ActorsStage", "actor_at", "resolve_group"]

resolve_group = coref.resolve_group
# Entity labels whose unknown names may be cities or provinces standing for their state.
PLACE_LABELS = frozenset({"GPE", "LOC"})
# Sectors of office: a person who held one and no longer does is an elite (ELI), as the PLOVER
# manual's sector table defines it ("former government officials ..., including exiled/ousted officials").
OFFICIAL_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP"})
# Words before a place name that name a part of it ("Western Cambodia", "southern Lebanon").
COMPASS_WORDS = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "northeastern",
     "northwestern", "southeastern", "southwestern", "upper", "lower"}
)


class ActorsStage:
    name = "actors"
    needs = frozenset({"text", "parsed", "entities", "reference_date"})
    adds = frozenset({"actors", "entities"})

    def __call__(self, doc: Document, ctx: Context) -> Document:
        if doc.parsed is None:
            return doc.with_(actors=())
        builder = _Builder(ctx.resources.kb, doc)
        actors = builder.run()
        owner = _mention_owner(len(doc.text), actors)
        entities = tuple(_link(e, owner) for e in doc.entities)
        return doc.with_(actors=actors, entities=entities)


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


@dataclass
class _Cand:
    """One mention on its way to an actor."""

    key: str
    start: int
    end: int
    type: str
    name: str
    country: str | None = None
    sector: str | None = None
    title: str | None = None
    kb_id: str | None = None
    former: bool = False
    former_word: bool = False  # the text itself says "former", "ousted", "exiled" ...
    head: int = -1  # token index of the mention's head
    subject: bool = False
    metonym: bool = False


class _Builder:
    def __init__(self, kb: KnowledgeBase, doc: Document) -> None:
        self.kb = kb
        self.doc = doc
        self.sp = doc.parsed
        self.terms = TermFinder(kb, self.sp)  # sector/title phrase ending at a token index
        self.ref_date = reference_date(doc)
        self.claimed: set[int] = set()
        self.cands: list[_Cand] = []
        self.names: list[NameMatch] = find_names(kb, doc)
        self.cache: dict[str, Any] = {}  # memo of the coreference helpers

    def run(self) -> tuple[Actor, ...]:
        for match in self.names:
            if match.kind == "person":
                self._person(match)
        nouns.common_nouns(self)
        for match in self.names:
            if match.kind != "person":
                self._name(match)
        self._places()
        nouns.leftover_demonyms(self)
        coref.add_surnames(self)
        coref.add_references(self)
        nouns.group_countries(self)
        return self._actors()

    # -- helpers used by coref too ------------------------------------------------------
    def add(self, cand: _Cand, tokens: Any = ()) -> None:
        self.cands.append(cand)
        self.claimed.update(tokens)

    def free(self, span: Any) -> bool:
        return not any(t.i in self.claimed for t in span)

    def char_span(self, tokens: list[Any]) -> tuple[int, int, str]:
        start = tokens[0].idx
        end = tokens[-1].idx + len(tokens[-1].text)
        return start, end, self.doc.text[start:end]

    # -- pass 1: people ------------------------------------------------------------------
    def _person(self, match: NameMatch) -> None:
        span = match.span
        if not self.free(span):
            return
        role = Role()
        head = span.root.head
        for n, tokens in enumerate((left_modifiers(span), apposition(span), head_apposition(span))):
            if tokens:
                read = read_role(self.kb, tokens)
                if n == 2 and any(t.i > head.i for t in tokens):
                    # "A spokesman for the foreign ministry, X": the title is the head noun's phrase,
                    # the rest gives country and sector ("spokesman", KEN, GOV)
                    own = read_role(self.kb, [t for t in tokens if t.i <= head.i])
                    read.title, read.term, read.title_term = own.title, own.term, own.title_term
                    read.sector = own.sector or read.sector
                    read.tokens = own.tokens  # "the Syrian parliament" stays free to be an actor of its own
                if read.term or read.country or read.former:
                    role = role.merge(read)
        person = None
        # Someone this document already named comes first: "Lee" after "Stan Lee" is Stan Lee.
        known = coref.known_person(self, span.text) if match.hit is None else None
        if match.hit is not None:
            person = self.kb.people.get(match.hit.id)
        elif known is None:
            person = coref.kb_person_by_surname(self, span.text, role)
        name = person.name if person else _clean_name(span.text)
        cand = _Cand(
            key=person.id if person else "person:" + name.lower(),
            start=span.start_char,
            end=span.end_char,
            type="person",
            name=name,
            country=role.country,
            sector=role.sector,
            title=role.title,
            kb_id=person.id if person else None,
            former=role.former,
            former_word=role.former,
            head=span.root.i,
            subject=is_subject(span.root),
        )
        if person is not None:
            coref.apply_office(self, cand, person, role)
        elif role.title or role.sector:
            # A titled person the KB does not know: "King Hassan of Morocco", else the sentence's state.
            cand.country = cand.country or of_country(self.kb, span.root) or coref.context_country(self, span.root)
        if known is not None:
            cand.key, cand.name, cand.kb_id = known.key, known.name, known.kb_id
        self.add(cand, [t.i for t in span] + list(role.tokens))

    # -- pass 3: states, metonyms, organisations, demonym groups ---------------------------
    def _name(self, match: NameMatch) -> None:
        span, hit = match.span, match.hit
        if not self.free(span):
            return
        root = span.root
        base = dict(start=match.start, end=match.end, head=root.i, subject=is_subject(root))
        if is_currency(span):
            return  # "US $50 million", "HK$ 3 billion": a currency, not the state
        known = coref.known_person(self, span.text)
        if known is not None:  # a surname the tagger took for an organisation or place ("Seko")
            self.add(_Cand(key=known.key, type="person", name=known.name, **base), [t.i for t in span])
            return
        if match.kind == "demonym":
            if root.dep_ in ("amod", "compound", "nmod") or root.tag_ not in ("NNS", "NNPS", "NNP", "NN"):
                return
            code, sector = nouns.demonym_group(self, span, match.country)
            self.add(
                _Cand(key=f"group:{code}:{sector}", type="group", name=span.text, country=code, sector=sector, **base),
                [t.i for t in span],
            )
            return
        if hit is None:  # an organisation the knowledge base does not know
            role = read_role(self.kb, list(span))
            country = (
                role.country
                or _possessor_country(self.kb, span)
                or of_country(self.kb, root)
                or coref.context_country(self, root)
            )
            sector = _org_sector(self.kb, span) or role.sector
            name = _clean_name(span.text)
            self.add(
                _Cand(
                    key="org:" + name.lower(), type="organization", name=name, country=country, sector=sector, **base
                ),
                [t.i for t in span],
            )
            return
        tokens = [t.i for t in span]
        if match.kind == "region":  # "in Darfur" stands for its state; "Darfur rebels" was read in pass 2
            if hit.country and is_place_object(root):
                self._place_state(hit.country, match.start, match.end, root, tokens)
            return
        if hit.kind == "metonym" and is_locative(root) and not match.definite:
            # "Tokyo said" and "at the White House" are the government; "arrived in Tokyo" names the
            # state as a place (the host of a visit, the target of an attack), not its government
            if hit.sector in (None, "GOV") and is_place_object(root):
                self._place_state(hit.country, match.start, match.end, root, tokens)
            return
        if hit.id.startswith("org:"):  # an organisation, or its seat ("Brussels")
            org = self.kb.organizations[hit.id]
            self.add(
                _Cand(
                    key=org.id,
                    type="organization",
                    name=org.name,
                    country=org.country,
                    sector=org.sector,
                    kb_id=org.id,
                    **base,
                ),
                tokens,
            )
        elif hit.kind == "metonym" and hit.sector not in (None, "GOV"):  # "the Pentagon": a branch
            self.add(
                _Cand(
                    key=f"group:{hit.country}:{hit.sector}",
                    type="group",
                    name=_clean_name(span.text),
                    country=hit.country,
                    sector=hit.sector,
                    **base,
                ),
                tokens,
            )
        else:  # a state, named or by its capital (then its government)
            self.add(
                _Cand(
                    key=f"state:{hit.country}",
                    type="state",
                    name=self.kb.country_name(hit.id),
                    country=hit.country,
                    kb_id=f"country:{hit.id}",
                    metonym=hit.kind == "metonym",
                    sector="GOV" if hit.kind == "metonym" else None,
                    **base,
                ),
                tokens,
            )

    # -- places standing for their state ----------------------------------------------------
    def _place_state(self, code: str | None, start: int, end: int, root: Any, tokens: list[int]) -> None:
        """A place named as where something happens ("in Amman", "on Juba") as a mention of its state:
        the host of a visit or the target of an attack in PLOVER and CAMEO practice."""
        if not code or code in NON_STATE_CODES:
            return
        self.add(
            _Cand(
                key=f"state:{code}",
                start=start,
                end=end,
                type="state",
                name=self.kb.country_name(code),
                country=code,
                kb_id=f"country:{code}",
                head=root.i,
                subject=is_subject(root),
            ),
            tokens,
        )

    def _places(self) -> None:
        """Cities and provinces the knowledge base does not list, named as places: their state, from the
        offline gazetteer of the places stage (the document's countries decide ambiguous names)."""
        from communique.kb.gazetteer import choose, document_countries, load_gazetteer

        ents = [e for e in self.sp.ents if e.label_ in PLACE_LABELS]
        if not ents:
            return
        gazetteer = load_gazetteer()
        countries = None
        for ent in ents:
            tokens = [t for t in ent if not (t.lower_ == "the" or t.is_punct or t.lower_ in ("'s", "’s"))]
            if not tokens or not self.free(tokens) or not is_place_object(ent.root) or is_currency(ent):
                continue
            start, end, text = self.char_span(tokens)
            if countries is None:
                countries = document_countries(self.doc.entities, gazetteer)
            found = choose(text, gazetteer, countries)
            if found is None and len(tokens) > 1 and tokens[0].lower_ in COMPASS_WORDS:
                found = choose(self.char_span(tokens[1:])[2], gazetteer, countries)  # "Western Cambodia"
            if found is None:
                continue
            self._place_state(found.country, start, end, ent.root, [t.i for t in tokens])

    # -- assembling ------------------------------------------------------------------------
    def _actors(self) -> tuple[Actor, ...]:
        order: dict[str, list[_Cand]] = {}
        for cand in sorted(self.cands, key=lambda c: (c.start, c.end)):
            order.setdefault(cand.key, []).append(cand)
        actors = []
        for n, cands in enumerate(order.values(), 1):
            first = cands[0]

            def pick(attr: str, group: list[_Cand] = cands) -> Any:
                return next((getattr(c, attr) for c in group if getattr(c, attr)), None)

            sector = pick("sector")
            if first.type == "state":
                sector = "GOV" if any(c.metonym for c in cands) else None
            former = any(c.former for c in cands)
            if first.type == "person" and sector in OFFICIAL_SECTORS and any(c.former_word for c in cands):
                # PLOVER: former, ousted or exiled officials are elites. Only when the text says so: an office
                # the KB says has ended depends on the reference date, which may be today's for old news.
                sector = "ELI"
            mentions = tuple(dict.fromkeys(Mention(c.start, c.end, self.doc.text[c.start : c.end]) for c in cands))
            actors.append(
                Actor(
                    id=f"A{n}",
                    name=first.name,
                    type=first.type,  # type: ignore[arg-type]
                    country=pick("country"),
                    sector=sector,
                    title=pick("title"),
                    kb_id=pick("kb_id"),
                    mentions=mentions,
                    former=former,
                )
            )
        return tuple(actors)


def reference_date(doc: Document) -> str | None:
    """The day roles are resolved on: the document's reference date (a month or year is widened to
    its first day), or None, when offices are not resolved by date at all."""
    value = doc.reference_date
    if not value:
        return None
    return value if len(value) >= 10 else value + "-01-01"[len(value) - 4 :]


# Heads and words of organisation names that give a sector ("Islamic Salvation Front" → REB).
_ORG_WORD_SECTORS = {
    "front": "REB",
    "liberation": "REB",
    "resistance": "REB",
    "insurgency": "REB",
    "commission": "GOV",
    "council": "GOV",
    "committee": "GOV",
    "agency": "GOV",
    "tribunal": "JUD",
    "ministry": "GOV",
}


def _org_sector(kb: KnowledgeBase, span: Any) -> str | None:
    for token in span:
        sector = _ORG_WORD_SECTORS.get(token.lower_)
        if sector == "REB":
            return sector
    found = term_at(kb, span, len(span) - 1)  # "IRNA news agency" ends in a sector phrase
    if found is not None and found[0] < len(span) - 1:
        return sector_for(kb, found[1])
    head = span.root.lemma_.lower()
    return _ORG_WORD_SECTORS.get(head) or sector_for(kb, head) or sector_for(kb, span[-1].lower_)


def _possessor_country(kb: KnowledgeBase, span: Any) -> str | None:
    """The state owning or qualifying a name from outside it: "Ivory Coast's Supreme Court", "US Congress"."""
    for child in span.root.lefts:
        if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i < span.start:
            code = country_in(kb, list(child.subtree))
            if code:
                return code
    return None


def _clean_name(text: str) -> str:
    text = " ".join(text.split())
    for prefix in ("the ", "The ", "a ", "A ", "an ", "An "):
        if text.startswith(prefix):
            text = text[len(prefix) :]
    return re.sub(r"['’]s$", "", text)


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
