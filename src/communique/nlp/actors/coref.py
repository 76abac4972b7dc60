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
from typing import TYPE_CHECKING, Any

from communique.kb import NON_STATE_CODES, Person
from communique.nlp.actors.roles import Role, country_in, is_currency, is_subject, stance_prefix
from communique.record import Actor, Document

if TYPE_CHECKING:
    from communique.nlp.actors.stage import _Builder, _Cand

# How many sentences back a pronoun may look for its antecedent. Two keeps "She also
# said" and "It seeks" right in news prose while refusing to jump across paragraphs of
# other topics; re-check the pronoun tests after changing it.
PRONOUN_WINDOW = 2
# Share of state mentions the most mentioned state must have to be "the document's
# country" for nouns with no country of their own ("the police", "the prime minister").
# 0.4: in single-topic news the main state has about half of the state mentions;
# below 0.4 the document is about several states and we leave the country empty.
MAIN_COUNTRY_SHARE = 0.4

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
def short_forms(name: str) -> set[str]:
    """How a person is referred to after the first mention: surname (or family name first)."""
    parts = name.replace(".", "").split()
    if len(parts) < 2:
        return {name}
    forms = {parts[-1]}
    if "-" in parts[-1] or (len(parts) == 2 and len(parts[0]) <= 4 and parts[0].istitle() and "-" in name):
        forms.add(parts[0])  # Chinese and Korean order: "Tsai Ing-wen" → "Tsai"
    return forms


def known_person(b: _Builder, text: str) -> _Cand | None:
    """A person already found in this document whom ``text`` names (full name, alias or surname)."""
    text = " ".join(text.split())
    index: dict[str, _Cand] = b.cache.setdefault("person_names", {})
    seen: int = b.cache.get("person_names_upto", 0)
    if seen < len(b.cands):  # index the people added since the last call; the first naming wins
        for cand in b.cands[seen:]:
            if cand.type != "person" or cand.key.startswith("anon:"):
                continue
            names = {cand.name} | short_forms(cand.name)
            person = b.kb.people.get(cand.kb_id) if cand.kb_id else None
            if person is not None:
                names |= set(person.aliases) | {person.surname}
            for name in names:
                index.setdefault(name, cand)
        b.cache["person_names_upto"] = len(b.cands)
    return index.get(text)


def kb_person_by_surname(b: _Builder, text: str, role: Role) -> Person | None:
    """The knowledge base's person behind a surname, when a title or the date makes it unique."""
    if " " in text.strip():
        return None
    people = b.kb.by_surname(text.strip())
    if role.title_term is not None:
        people = [p for p in people if any(_fits(o, role) for o in p.offices)]
    elif people:
        # Without a title, only a leader in office, or an officer of a state the text names.
        named = {code for _, code in state_mentions(b)}
        people = [
            p
            for p in people
            if any(o.held_on(b.ref_date) and (o.role in LEADER_ROLES or o.country in named) for o in p.offices)
        ]
    return people[0] if len(people) == 1 else None


def _fits(office: Any, role: Role) -> bool:
    term = role.title_term
    if term is None or office.role not in term.roles:
        return False
    if term.title_contains and not any(t in office.title.lower() for t in term.title_contains):
        return False
    return role.country is None or office.country == role.country


def apply_office(b: _Builder, cand: _Cand, person: Person, role: Role) -> None:
    """Title, country and 'former' from the offices ``person`` held around the reference date."""
    offices = sorted(person.offices, key=lambda o: o.start)
    current = [o for o in offices if o.held_on(b.ref_date)]
    matching = [o for o in offices if _fits(o, role)] if role.title_term else []
    if matching:
        held = [o for o in matching if o.held_on(b.ref_date)]
        if not held and b.ref_date is not None and all(o.start <= b.ref_date for o in matching):
            cand.former = True
        chosen = (held or matching)[-1]
    elif role.title:
        chosen = None  # the text gives a role the KB does not list ("General Colin Powell"): keep it
    elif current:
        chosen = current[-1]
    elif offices and b.ref_date is not None and offices[-1].start <= b.ref_date:
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
    b: _Builder, token: Any, phrase: str, role: Role, start: int, end: int, text: str, subject: bool, definite: bool
) -> bool:
    """Link a singular role noun to a person: one already named, or the office holder on the date."""
    from communique.nlp.actors.stage import _Cand

    title_term = b.kb.title_term(phrase)
    titled = token.pos_ == "PROPN" or token.text[:1].isupper()
    if not (definite or titled or role.country):
        return False
    if role.country is None:
        for cand in reversed([c for c in b.cands if c.type == "person" and c.start < start]):
            same_title = cand.title and phrase in cand.title.lower()
            same_sector = phrase in GENERIC_ROLES and cand.sector == role.sector
            if same_title or same_sector:
                b.add(
                    _Cand(
                        key=cand.key, start=start, end=end, type="person", name=cand.name, head=token.i, subject=subject
                    )
                )
                return True
    if title_term is None or role.former:
        return False
    country = role.country or (main_country(b) if definite else None)
    if country is None:
        return False
    holders = b.kb.holders(country, title_term, b.ref_date)
    if not holders:
        return False
    person, _office = holders[0]
    cand = _Cand(
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
    apply_office(b, cand, person, role)
    b.add(cand)
    return True


# -- states in context -------------------------------------------------------------------
def state_mentions(b: _Builder) -> list[tuple[int, str]]:
    """(offset, ISO3) of every state name, capital or demonym in the document (computed once)."""
    if "state_mentions" not in b.cache:
        # a region counts for its state ("in Darfur"); "anti-Syria" and "US $5 million" name no state here
        b.cache["state_mentions"] = [
            (n.start, n.country)
            for n in b.names
            if n.kind in ("country", "metonym", "demonym", "region")
            and n.country
            and n.country not in NON_STATE_CODES
            and not stance_prefix(n.span[0])
            and not is_currency(n.span)
        ]
        # a state named inside an organisation's name ("Union for the Independence of Angola")
        for n in b.names:
            if n.kind == "unknown_org":
                code = country_in(b.kb, list(n.span))
                if code and code not in NON_STATE_CODES:
                    b.cache["state_mentions"].append((n.start, code))
    return b.cache["state_mentions"]


def main_country(b: _Builder) -> str | None:
    """The state the document is about, if one dominates its state mentions."""
    if "main_country" not in b.cache:
        counts = Counter(code for _, code in state_mentions(b))
        main = None
        if counts:
            code, n = counts.most_common(1)[0]
            main = code if n / sum(counts.values()) >= MAIN_COUNTRY_SHARE else None
        b.cache["main_country"] = main
    return b.cache["main_country"]


def context_country(b: _Builder, token: Any, exclude: str | None = None) -> str | None:
    """Country for a noun with none of its own: the one state of its sentence, else the main one."""
    sent = token.sent
    here = {code for start, code in state_mentions(b) if sent.start_char <= start < sent.end_char}
    here.discard(exclude or "")
    if len(here) == 1:
        return here.pop()
    if here:
        return None
    main = main_country(b)
    return None if main == exclude else main


# -- surnames, pronouns, "the nation" --------------------------------------------------------
def _add_one_token(b: _Builder, token: Any, key: str, type: str, name: str) -> None:
    """Add a mention of one token (a surname, a pronoun, "the nation") of the actor ``key``."""
    from communique.nlp.actors.stage import _Cand

    end = token.idx + len(token.text)
    b.add(_Cand(key=key, start=token.idx, end=end, type=type, name=name, head=token.i, subject=is_subject(token)),
          [token.i])


def add_surnames(b: _Builder) -> None:
    for token in b.sp:
        if token.i in b.claimed or token.pos_ != "PROPN" or token.is_stop:
            continue  # a stop word ("To", "May") is not a surname here
        cand = known_person(b, token.text)
        if cand is not None:
            _add_one_token(b, token, cand.key, "person", cand.name)


def add_references(b: _Builder) -> None:
    for token in b.sp:
        if token.i in b.claimed:
            continue
        antecedent = None
        low = token.lower_
        if low in PRONOUNS and token.dep_ in ("nsubj", "nsubjpass"):
            antecedent = _nearest_subject(b, token, PRONOUNS[low])
        elif token.lemma_.lower() in NATION_NOUNS and token.tag_ == "NN" and _only_the(token):
            antecedent = _salient_state(b, token.idx)
        if antecedent is not None:
            _add_one_token(b, token, antecedent.key, antecedent.type, antecedent.name)


def _only_the(token: Any) -> bool:
    lefts = list(token.lefts)
    return len(lefts) == 1 and lefts[0].lower_ == "the" and not list(token.rights)


def _nearest_subject(b: _Builder, token: Any, kinds: tuple[str, ...]) -> _Cand | None:
    """The nearest compatible actor in subject position before ``token``: earlier in its own
    sentence, else in the closest earlier sentence that has a subject at all (a reader does
    not skip over "The strategy calls for ..." to find what "it" means)."""
    sents, sent_of = _sentences(b)
    index = sent_of[token.i]
    for back in range(0, PRONOUN_WINDOW + 1):
        if index - back < 0:
            break
        sent = sents[index - back]
        limit = token.i if back == 0 else sent.end
        subjects = [t for t in b.sp[sent.start : limit] if t.dep_ in ("nsubj", "nsubjpass")]
        if not subjects:
            continue
        for subject in reversed(subjects):
            cand = _cand_at(b, subject)
            if cand is not None and cand.type in kinds:
                return cand
        if back > 0:
            return None
    return None


def _cand_at(b: _Builder, token: Any) -> _Cand | None:
    """The first mention headed by ``token`` (indexed as mentions are added)."""
    index: dict[int, _Cand] = b.cache.setdefault("by_head", {})
    seen: int = b.cache.get("by_head_upto", 0)
    for cand in b.cands[seen:]:
        index.setdefault(cand.head, cand)
    b.cache["by_head_upto"] = len(b.cands)
    return index.get(token.i)


def _sentences(b: _Builder) -> tuple[list[Any], list[int]]:
    """The parsed sentences and, for each token, the index of its sentence (computed once)."""
    if "sentences" not in b.cache:
        sents = list(b.sp.sents)
        sent_of = [0] * len(b.sp)
        for n, sent in enumerate(sents):
            for i in range(sent.start, sent.end):
                sent_of[i] = n
        b.cache["sentences"] = (sents, sent_of)
    return b.cache["sentences"]


def _salient_state(b: _Builder, before: int) -> _Cand | None:
    states = [c for c in b.cands if c.type == "state" and c.start < before]
    if not states:
        return None
    counts: Counter[str] = Counter()
    for c in states:
        counts[c.key] += SUBJECT_WEIGHT if c.subject else 1
    last = {c.key: c.start for c in states}
    key = max(counts, key=lambda k: (counts[k], last[k]))
    return next(c for c in states if c.key == key)
