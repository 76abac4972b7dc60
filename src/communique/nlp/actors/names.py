"""Named actors: people (pass 1 of the actors stage), then states, capitals used as metonyms,
organisations and demonym groups (pass 3), then places standing for their state.

A person takes the title and role the words around the name give (:mod:`~communique.nlp.actors.roles`)
and the knowledge base's offices held on the reference date (:func:`~communique.nlp.actors.coref.apply_office`).
A place name is its state's mention where something happens there ("arrived in Amman"), as PLOVER
and CAMEO code the host of a visit or the target of an attack.
"""

from __future__ import annotations

from typing import Any

from communique.kb import NON_STATE_CODES, Hit, KnowledgeBase
from communique.kb.gazetteer import choose, document_countries, load_gazetteer
from communique.nlp.actors.coref import apply_office, context_country, kb_person_by_surname
from communique.nlp.actors.match import NameMatch, actor_name
from communique.nlp.actors.nouns import demonym_group
from communique.nlp.actors.roles import (
    Role,
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
from communique.nlp.actors.state import ActorState, Candidate

# Entity labels whose unknown names may be cities or provinces standing for their state.
PLACE_LABELS = frozenset({"GPE", "LOC"})
# Words before a place name that name a part of it ("Western Cambodia", "southern Lebanon").
COMPASS_WORDS = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "northeastern",
     "northwestern", "southeastern", "southwestern", "upper", "lower"}
)
# Heads and words of organisation names that give a sector ("Islamic Salvation Front" → REB).
ORG_WORD_SECTORS = {
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


# -- pass 1: people ---------------------------------------------------------------------------
def add_person(state: ActorState, match: NameMatch) -> None:
    """A named person, with the role the words around the name give and the offices of the KB."""
    span = match.span
    if not state.free(span):
        return
    role = _role_around(state.kb, span)
    person = None
    # Someone this document already named comes first: "Lee" after "Stan Lee" is Stan Lee.
    known = state.known_person(span.text) if match.hit is None else None
    if match.hit is not None:
        person = state.kb.people.get(match.hit.id)
    elif known is None:
        person = kb_person_by_surname(state, span.text, role)
    name = person.name if person else actor_name(span.text)
    cand = Candidate(
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
        apply_office(state, cand, person, role)
    elif role.title or role.sector:
        # A titled person the KB does not know: "King Hassan of Morocco", else the sentence's state.
        cand.country = cand.country or of_country(state.kb, span.root) or context_country(state, span.root)
    if known is not None:
        cand.key, cand.name, cand.kb_id = known.key, known.name, known.kb_id
    state.add(cand, [t.i for t in span] + list(role.tokens))


def _role_around(kb: KnowledgeBase, span: Any) -> Role:
    """What the words around a person's name say of them: the modifiers before it ("former Prime
    Minister X"), an apposition after it ("X, the President of Taiwan,"), and the phrase the name
    is itself the apposition of ("The delegation's leader, X")."""
    role = Role()
    head = span.root.head
    for tokens, of_head in ((left_modifiers(span), False), (apposition(span), False), (head_apposition(span), True)):
        if not tokens:
            continue
        read = read_role(kb, tokens)
        if of_head and any(t.i > head.i for t in tokens):
            # "A spokesman for the foreign ministry, X": the title is the head noun's phrase,
            # the rest gives country and sector ("spokesman", KEN, GOV)
            own = read_role(kb, [t for t in tokens if t.i <= head.i])
            read.title, read.term, read.title_term = own.title, own.term, own.title_term
            read.sector = own.sector or read.sector
            read.tokens = own.tokens  # "the Syrian parliament" stays free to be an actor of its own
        if read.term or read.country or read.former:
            role = role.merge(read)
    return role


# -- pass 3: states, metonyms, organisations, demonym groups ------------------------------------
def add_name(state: ActorState, match: NameMatch) -> None:
    """A name other than a person's: a state, a capital for its government, an organisation, a
    branch of a government ("the Pentagon"), a demonym group ("Palestinians"), or a place."""
    span, hit, root = match.span, match.hit, match.span.root
    if not state.free(span) or is_currency(span):
        return  # "US $50 million", "HK$ 3 billion": a currency, not the state
    tokens = [t.i for t in span]
    known = state.known_person(span.text)
    if known is not None:  # a surname the tagger took for an organisation or place ("Seko")
        state.add(_candidate(match, known.key, "person", known.name), tokens)
    elif match.kind == "demonym":
        if root.dep_ not in ("amod", "compound", "nmod") and root.tag_ in ("NNS", "NNPS", "NNP", "NN"):
            code, sector = demonym_group(state, span, match.country)
            group = _candidate(match, f"group:{code}:{sector}", "group", span.text, country=code, sector=sector)
            state.add(group, tokens)
    elif hit is None:
        state.add(_unknown_organization(state, match), tokens)
    elif match.kind == "region":  # "in Darfur" stands for its state; "Darfur rebels" was read in pass 2
        if hit.country and is_place_object(root):
            _place_state(state, hit.country, match.start, match.end, root, tokens)
    elif hit.kind == "metonym" and is_locative(root) and not match.definite:
        # "Tokyo said" and "at the White House" are the government; "arrived in Tokyo" names the
        # state as a place (the host of a visit, the target of an attack), not its government
        if hit.sector in (None, "GOV") and is_place_object(root):
            _place_state(state, hit.country, match.start, match.end, root, tokens)
    else:
        state.add(_known_actor(state, match, hit), tokens)


def _candidate(match: NameMatch, key: str, type: str, name: str, **fields: Any) -> Candidate:
    """The candidate of the name ``match``: its characters, its head, whether it is a subject."""
    root = match.span.root
    return Candidate(
        key=key,
        start=match.start,
        end=match.end,
        type=type,
        name=name,
        head=root.i,
        subject=is_subject(root),
        **fields,
    )


def _unknown_organization(state: ActorState, match: NameMatch) -> Candidate:
    """An organisation the knowledge base does not know, its country and sector read from the text."""
    span = match.span
    role = read_role(state.kb, list(span))
    country = (
        role.country
        or _possessor_country(state.kb, span)
        or of_country(state.kb, span.root)
        or context_country(state, span.root)
    )
    sector = _org_sector(state.kb, span) or role.sector
    name = actor_name(span.text)
    return _candidate(match, "org:" + name.lower(), "organization", name, country=country, sector=sector)


def _known_actor(state: ActorState, match: NameMatch, hit: Hit) -> Candidate:
    """The actor of a knowledge-base name: an organisation (or its seat, "Brussels"), a branch of a
    government ("the Pentagon"), or a state, named or by its capital (then its government)."""
    if hit.id.startswith("org:"):
        org = state.kb.organizations[hit.id]
        return _candidate(
            match, org.id, "organization", org.name, country=org.country, sector=org.sector, kb_id=org.id
        )
    if hit.kind == "metonym" and hit.sector not in (None, "GOV"):
        branch = f"group:{hit.country}:{hit.sector}"
        name = actor_name(match.span.text)
        return _candidate(match, branch, "group", name, country=hit.country, sector=hit.sector)
    metonym = hit.kind == "metonym"
    return _candidate(
        match,
        f"state:{hit.country}",
        "state",
        state.kb.country_name(hit.id),
        country=hit.country,
        kb_id=f"country:{hit.id}",
        metonym=metonym,
        sector="GOV" if metonym else None,
    )


def _org_sector(kb: KnowledgeBase, span: Any) -> str | None:
    for token in span:
        sector = ORG_WORD_SECTORS.get(token.lower_)
        if sector == "REB":
            return sector
    found = term_at(kb, span, len(span) - 1)  # "IRNA news agency" ends in a sector phrase
    if found is not None and found[0] < len(span) - 1:
        return sector_for(kb, found[1])
    head = span.root.lemma_.lower()
    return ORG_WORD_SECTORS.get(head) or sector_for(kb, head) or sector_for(kb, span[-1].lower_)


def _possessor_country(kb: KnowledgeBase, span: Any) -> str | None:
    """The state owning or qualifying a name from outside it: "Ivory Coast's Supreme Court", "US Congress"."""
    for child in span.root.lefts:
        if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i < span.start:
            code = country_in(kb, list(child.subtree))
            if code:
                return code
    return None


# -- places standing for their state --------------------------------------------------------------
def add_places(state: ActorState) -> None:
    """Cities and provinces the knowledge base does not list, named as places: their state, from the
    offline gazetteer of the places stage (the document's countries decide ambiguous names)."""
    ents = [e for e in state.parsed.ents if e.label_ in PLACE_LABELS]
    if not ents:
        return
    gazetteer = load_gazetteer()
    countries = None
    for ent in ents:
        tokens = [t for t in ent if not (t.lower_ == "the" or t.is_punct or t.lower_ in ("'s", "’s"))]
        if not tokens or not state.free(tokens) or not is_place_object(ent.root) or is_currency(ent):
            continue
        start, end, text = state.char_span(tokens)
        if countries is None:
            countries = document_countries(state.doc.entities, gazetteer)
        found = choose(text, gazetteer, countries)
        if found is None and len(tokens) > 1 and tokens[0].lower_ in COMPASS_WORDS:
            found = choose(state.char_span(tokens[1:])[2], gazetteer, countries)  # "Western Cambodia"
        if found is None:
            continue
        _place_state(state, found.country, start, end, ent.root, [t.i for t in tokens])


def _place_state(state: ActorState, code: str | None, start: int, end: int, root: Any, tokens: list[int]) -> None:
    """A place named as where something happens ("in Amman", "on Juba") as a mention of its state:
    the host of a visit or the target of an attack in PLOVER and CAMEO practice."""
    if not code or code in NON_STATE_CODES:
        return
    state.add(
        Candidate(
            key=f"state:{code}",
            start=start,
            end=end,
            type="state",
            name=state.kb.country_name(code),
            country=code,
            kb_id=f"country:{code}",
            head=root.i,
            subject=is_subject(root),
        ),
        tokens,
    )
