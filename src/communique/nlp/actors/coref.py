"""Within-document coreference for the actors stage, and time-aware offices.

What events and quotes need, by rule rather than by model:

* surnames and short forms: "Seko" after "Hiroshige Seko", "Tsai" after "Tsai Ing-wen";
* role nouns: "the lawmaker", "the President" → the person already named with
  that title or sector; otherwise "the US president" / "the prime minister" →
  the knowledge base's holder of that office on the document's reference date
  (country from an adjacent demonym or possessive, else the document's main country);
* "the nation" / "the country" → the most salient state so far;
* subject pronouns he/she/it/they → the nearest compatible subject before them,
  in the same sentence or the previous :data:`PRONOUN_WINDOW` sentences;
* "the two sides" is not made an actor: :func:`resolve_group` returns the two
  actors it stands for, for the events stage to use as a compound actor.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from communique.kb import Office, Person
from communique.nlp.actors.roles import Role, is_subject
from communique.nlp.actors.state import ActorState, Candidate
from communique.record import Actor, Document

# How many sentences back a pronoun may look for its antecedent. Two keeps "She also
# said" and "It seeks" right in news prose while refusing to jump across paragraphs of
# other topics; re-check the pronoun tests after changing it.
PRONOUN_WINDOW = 2
# A state mentioned as a subject counts this many times towards salience ("Taiwan wishes"
# weighs more than "ties with Taiwan"); set by reading the pronoun and "the nation" tests.
SUBJECT_WEIGHT = 2

# Role nouns general enough to name any person of their sector already in the text ("the
# official" after "Foreign Minister X"); other nouns must match the person's title.
GENERIC_ROLES = frozenset({"official", "lawmaker", "legislator", "politician", "diplomat", "mp", "leader"})
LEADER_ROLES = frozenset({"head_of_state", "head_of_government", "head_of_organization"})

PRONOUNS = {"he": ("person",), "she": ("person",), "it": ("state", "organization"), "they": ("group", "organization")}
NATION_NOUNS = frozenset({"nation", "country"})
GROUP_PHRASES = (
    "two sides",
    "both sides",
    "two countries",
    "both countries",
    "two nations",
    "both nations",
    "two governments",
    "both governments",
    "the sides",
    "two leaders",
)


def resolve_group(doc: Document, start: int, end: int) -> tuple[Actor, ...]:
    """The actors a collective phrase at ``[start, end)`` stands for ("the two sides").

    The two most recently mentioned distinct actors before ``start``: states for
    "countries"/"nations"/"governments", people for "leaders", and for "sides" states
    when two are in focus, otherwise states, organisations or people. Returns ``()``
    when the phrase is not a collective one or fewer than two candidates exist.
    """
    phrase = doc.text[start:end].lower()
    if not any(p in phrase for p in GROUP_PHRASES):
        return ()
    if "leader" in phrase:
        kinds: tuple[str, ...] = ("person",)
    elif "side" in phrase:
        kinds = ("state", "organization", "person")
    else:
        kinds = ("state",)
    last_seen: list[tuple[int, Actor]] = []
    for actor in doc.actors:
        if actor.type not in kinds:
            continue
        before = [m.end for m in actor.mentions if m.end <= start]
        if before:
            last_seen.append((max(before), actor))
    last_seen.sort(key=lambda x: x[0], reverse=True)
    states = [a for _, a in last_seen if a.type == "state"]
    if "side" in phrase and len(states) >= 2:
        return tuple(states[:2])
    chosen = [a for _, a in last_seen][:2]
    return tuple(chosen) if len(chosen) == 2 else ()


# -- people ------------------------------------------------------------------------------
def kb_person_by_surname(state: ActorState, text: str, role: Role) -> Person | None:
    """The knowledge base's person behind a surname, when a title or the date makes it unique."""
    if " " in text.strip():
        return None
    people = state.kb.by_surname(text.strip())
    if role.title_term is not None:
        people = [p for p in people if any(_fits(o, role) for o in p.offices)]
    elif people:
        # Without a title, only a leader in office, or an officer of a state the text names.
        named = {code for _, code in state.state_mentions}
        people = [
            p
            for p in people
            if any(o.held_on(state.ref_date) and (o.role in LEADER_ROLES or o.country in named) for o in p.offices)
        ]
    return people[0] if len(people) == 1 else None


def _fits(office: Office, role: Role) -> bool:
    term = role.title_term
    if term is None or office.role not in term.roles:
        return False
    if term.title_contains and not any(t in office.title.lower() for t in term.title_contains):
        return False
    return role.country is None or office.country == role.country


def apply_office(state: ActorState, cand: Candidate, person: Person, role: Role) -> None:
    """Title, country and 'former' from the offices ``person`` held around the reference date."""
    offices = sorted(person.offices, key=lambda o: o.start)
    current = [o for o in offices if o.held_on(state.ref_date)]
    matching = [o for o in offices if _fits(o, role)] if role.title_term else []
    if matching:
        held = [o for o in matching if o.held_on(state.ref_date)]
        if not held and state.ref_date is not None and all(o.start <= state.ref_date for o in matching):
            cand.former = True
        chosen = (held or matching)[-1]
    elif role.title:
        chosen = None  # the text gives a role the KB does not list ("General Colin Powell"): keep it
    elif current:
        chosen = current[-1]
    elif offices and state.ref_date is not None and offices[-1].start <= state.ref_date:
        chosen = offices[-1]
        cand.former = True
    else:
        chosen = None
    if chosen is not None:
        cand.country = cand.country or chosen.country
        cand.title = cand.title or chosen.title
    cand.country = cand.country or person.country
    cand.sector = cand.sector or person.sector
    if cand.former and cand.title and not cand.title.lower().startswith(("former", "ex")):
        cand.title = "former " + cand.title


def link_role_noun(
    state: ActorState, token: Any, phrase: str, role: Role, start: int, end: int, subject: bool, definite: bool
) -> bool:
    """Link a singular role noun to a person: one already named, or the office holder on the date."""
    title_term = state.kb.title_term(phrase)
    titled = token.pos_ == "PROPN" or token.text[:1].isupper()
    if not (definite or titled or role.country):
        return False
    if role.country is None:
        for cand in reversed([c for c in state.cands if c.type == "person" and c.start < start]):
            same_title = cand.title and phrase in cand.title.lower()
            same_sector = phrase in GENERIC_ROLES and cand.sector == role.sector
            if same_title or same_sector:
                state.add(
                    Candidate(
                        key=cand.key, start=start, end=end, type="person", name=cand.name, head=token.i, subject=subject
                    )
                )
                return True
    if title_term is None or role.former:
        return False
    country = role.country or (state.main_country if definite else None)
    if country is None:
        return False
    holders = state.kb.holders(country, title_term, state.ref_date)
    if not holders:
        return False
    person, _office = holders[0]
    cand = Candidate(
        key=person.id,
        start=start,
        end=end,
        type="person",
        name=person.name,
        kb_id=person.id,
        head=token.i,
        subject=subject,
        title=role.title,
        country=country,
    )
    apply_office(state, cand, person, role)
    state.add(cand)
    return True


# -- states in context -------------------------------------------------------------------
def context_country(state: ActorState, token: Any, exclude: str | None = None) -> str | None:
    """Country for a noun with none of its own: the one state of its sentence, else the main one."""
    sent = token.sent
    here = {code for start, code in state.state_mentions if sent.start_char <= start < sent.end_char}
    here.discard(exclude or "")
    if len(here) == 1:
        return here.pop()
    if here:
        return None
    main = state.main_country
    return None if main == exclude else main


# -- surnames, pronouns, "the nation" --------------------------------------------------------
def _add_one_token(state: ActorState, token: Any, key: str, type: str, name: str) -> None:
    """Add a mention of one token (a surname, a pronoun, "the nation") of the actor ``key``."""
    end = token.idx + len(token.text)
    cand = Candidate(key=key, start=token.idx, end=end, type=type, name=name, head=token.i, subject=is_subject(token))
    state.add(cand, [token.i])


def add_surnames(state: ActorState) -> None:
    for token in state.parsed:
        if token.i in state.claimed or token.pos_ != "PROPN" or token.is_stop:
            continue  # a stop word ("To", "May") is not a surname here
        cand = state.known_person(token.text)
        if cand is not None:
            _add_one_token(state, token, cand.key, "person", cand.name)


def add_references(state: ActorState) -> None:
    for token in state.parsed:
        if token.i in state.claimed:
            continue
        antecedent = None
        low = token.lower_
        if low in PRONOUNS and token.dep_ in ("nsubj", "nsubjpass"):
            antecedent = _nearest_subject(state, token, PRONOUNS[low])
        elif token.lemma_.lower() in NATION_NOUNS and token.tag_ == "NN" and _only_the(token):
            antecedent = _salient_state(state, token.idx)
        if antecedent is not None:
            _add_one_token(state, token, antecedent.key, antecedent.type, antecedent.name)


def _only_the(token: Any) -> bool:
    lefts = list(token.lefts)
    return len(lefts) == 1 and lefts[0].lower_ == "the" and not list(token.rights)


def _nearest_subject(state: ActorState, token: Any, kinds: tuple[str, ...]) -> Candidate | None:
    """The nearest compatible actor in subject position before ``token``: earlier in its own
    sentence, else in the closest earlier sentence that has a subject at all (a reader does
    not skip over "The strategy calls for ..." to find what "it" means)."""
    sents = state.sentences
    index = state.sentence_of[token.i]
    for back in range(0, PRONOUN_WINDOW + 1):
        if index - back < 0:
            break
        sent = sents[index - back]
        limit = token.i if back == 0 else sent.end
        subjects = [t for t in state.parsed[sent.start : limit] if t.dep_ in ("nsubj", "nsubjpass")]
        if not subjects:
            continue
        for subject in reversed(subjects):
            cand = state.headed_by(subject)
            if cand is not None and cand.type in kinds:
                return cand
        if back > 0:
            return None
    return None


def _salient_state(state: ActorState, before: int) -> Candidate | None:
    states = [c for c in state.cands if c.type == "state" and c.start < before]
    if not states:
        return None
    counts: Counter[str] = Counter()
    for c in states:
        counts[c.key] += SUBJECT_WEIGHT if c.subject else 1
    last = {c.key: c.start for c in states}
    key = max(counts, key=lambda k: (counts[k], last[k]))
    return next(c for c in states if c.key == key)
