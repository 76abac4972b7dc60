"""Common-noun actors: "Israeli troops", "a senior Guyanese police officer", "the US president".

Pass 2 of the actors stage (:mod:`communique.nlp.actors.stage`). A noun is an actor
when it, or the phrase ending in it, is a sector or title word of the knowledge
base; a generic head ("group", "wing", "personnel") is one when a modifier is
("rebel group" → REB). Country comes from the modifiers (demonyms, country
names, possessives, "of Japan"), else from the sentence or the document
(:func:`communique.nlp.actors.context_country`). Singular role nouns are first
linked to a person (:func:`communique.nlp.actors.coref.link_role_noun`).
"""

from __future__ import annotations

from typing import Any

from communique.nlp.actors.coref import LEADER_ROLES, context_country, link_role_noun
from communique.nlp.actors.match import actor_name
from communique.nlp.actors.roles import (
    MAX_TERM_WORDS,
    Role,
    is_subject,
    noun_phrase_modifiers,
    of_country,
    read_role,
    sector_for,
)
from communique.nlp.actors.state import ActorState, Candidate

# Generic heads that name a collective ("rebel group") rather than one person ("rebel leader").
COLLECTIVE_HEADS = frozenset(
    {
        "group",
        "faction",
        "wing",
        "movement",
        "coalition",
        "alliance",
        "organization",
        "organisation",
        "personnel",
        "unit",
        "cell",
        "bloc",
        "camp",
        "leadership",
        "force",
        "side",
        "staff",
        "team",
    }
)
# Heads that name a collective or a person without a sector of their own; a sector modifier gives it.
GENERIC_HEADS = COLLECTIVE_HEADS | frozenset(
    {
        "agent",
        "member",
        "supporter",
        "representative",
        "source",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "leader",
    }
)
# Sector nouns that are not actors in a fixed phrase: (noun phrase, head lemma).
IDIOMS = frozenset({("forces", "join"), ("force", "join"), ("forces", "combine"), ("party", "third")})
# Modifiers that say the demonym is an ethnicity, not a nationality ("ethnic Albanians" in Serbia).
ETHNIC_WORDS = frozenset({"ethnic", "ethnically"})
SKIP_ENTITY_TYPES = frozenset({"ORG", "PERSON", "GPE", "FAC", "LOC", "WORK_OF_ART", "LAW", "EVENT"})


def common_nouns(state: ActorState) -> None:
    for token in state.parsed:
        if token.i in state.claimed or token.ent_type_ in SKIP_ENTITY_TYPES:
            continue
        if token.pos_ not in ("NOUN", "PROPN") and not _ends_multiword_term(state, token):
            continue  # "general" in "secretary-general" may be tagged an adjective
        found = _term(state, token)
        if found is None or (found[1], token.head.lemma_.lower()) in IDIOMS:
            continue
        start_i, phrase, sector = found
        mods = noun_phrase_modifiers(token)
        if token.dep_ == "compound" and start_i == token.i:
            # "Israeli army bulldozers": the head's modifiers qualify the army.
            mods += [t for t in noun_phrase_modifiers(token.head) if t.i < token.i]
        mods = sorted({t.i: t for t in mods if t.i < start_i and t.i not in state.claimed}.values(), key=lambda t: t.i)
        words = [*mods, *state.parsed[start_i : token.i + 1]]
        role = read_role(state.kb, words)
        role.sector = role.sector or sector
        countries = _conjoined_countries(state, mods)
        if len(countries) < 2:
            role.country = role.country or of_country(state.kb, token)
        if role.country and any(m.lower_ in ETHNIC_WORDS for m in mods):
            # "ethnic Albanian guerrillas" in Macedonia are Macedonia's
            role.country = context_country(state, token, exclude=role.country) or role.country
            countries = []
        _role_noun(state, token, phrase, words, role, countries)


def _ends_multiword_term(state: ActorState, token: Any, covers: int | None = None) -> bool:
    """Does a sector phrase of two or more words end at ``token`` (and cover token ``covers``)?"""
    found = state.terms(token.i)
    if found is None or found[0] == token.i:
        return False
    return covers is None or found[0] <= covers


def _inside_longer_term(state: ActorState, token: Any) -> bool:
    """Is the token the start or middle of a sector phrase ending later ("secretary" in "secretary-general")?"""
    last = min(len(state.parsed), token.i + MAX_TERM_WORDS + 1)
    return any(_ends_multiword_term(state, state.parsed[j], token.i) for j in range(token.i + 1, last))


def _term(state: ActorState, token: Any) -> tuple[int, str, str | None] | None:
    """The sector phrase a noun ends (start token, phrase, sector), or a generic head's modifier."""
    # "police" in "police officer": the head decides; "army" in "army bulldozers": the army acts.
    head_decides = state.terms(token.head.i) or token.head.lemma_.lower() in GENERIC_HEADS
    if token.dep_ == "compound" and token.head.pos_ in ("NOUN", "PROPN") and head_decides:
        return None
    if _inside_longer_term(state, token):
        return None  # the whole title is read at its last word
    found = state.terms(token.i)
    if found is not None:
        return found[0], found[1], sector_for(state.kb, found[1])
    if token.lemma_.lower() not in GENERIC_HEADS:
        return None
    before = state.terms(token.i - 1) if token.i > 0 and state.parsed[token.i - 1].head.i == token.i else None
    if before is not None:  # "border patrol agents"
        return token.i, token.lemma_.lower(), sector_for(state.kb, before[1])
    for child in token.lefts:
        if child.dep_ in ("compound", "amod"):
            sector = sector_for(state.kb, child.lemma_.lower()) or sector_for(state.kb, child.lower_)
            if sector:
                return token.i, token.lemma_.lower(), sector
    return None


def _role_noun(
    state: ActorState, token: Any, phrase: str, words: list[Any], role: Role, countries: list[tuple[Any, str]]
) -> None:
    """Add the actor a role noun names: a group per state ("Hungarian and Romanian officials"), the
    person it refers to (:func:`~communique.nlp.actors.coref.link_role_noun`), a group ("Israeli
    troops") or a person the text does not name ("a senior Guyanese police officer")."""
    sector = role.sector or sector_for(state.kb, phrase)
    term = state.kb.sector_of(phrase)
    plural = token.tag_ in ("NNS", "NNPS") or bool(term and term.group) or phrase in COLLECTIVE_HEADS
    definite = any(c.lower_ == "the" for c in token.lefts)
    subject = is_subject(token)
    if len(countries) >= 2:
        _group_per_state(state, token, phrase, sector, countries)
        return
    words = _name_words(words)
    start, end, text = state.char_span(words)
    if not plural and link_role_noun(state, token, phrase, role, start, end, subject, definite):
        state.claimed.update(w.i for w in words)
        return
    country = role.country or _eponym_country(state, token) or context_country(state, token)
    name = actor_name(text)
    if plural:
        if country and len(name.split()) == 1:
            name = f"{name} ({state.kb.country_name(country)})"
        group = f"group:{country}:{sector}:{token.lemma_.lower()}"
        cand = Candidate(key=group, start=start, end=end, type="group", name=name, country=country, sector=sector)
    else:
        cand = Candidate(
            key=f"anon:{start}",
            start=start,
            end=end,
            type="person",
            name=name,
            country=country,
            sector=sector,
            title=role.title,
            former=role.former,
            former_word=role.former,
        )
    cand.head, cand.subject = token.i, subject  # the noun heads the mention, whatever words name it
    state.add(cand, [w.i for w in words])


def _group_per_state(
    state: ActorState, token: Any, phrase: str, sector: str | None, countries: list[tuple[Any, str]]
) -> None:
    """ "Hungarian and Romanian officials": one group of each state, each mentioned by its demonym."""
    for tok, code in countries:
        state.add(
            Candidate(
                key=f"group:{code}:{sector}:{token.lemma_.lower()}",
                start=tok.idx,
                end=tok.idx + len(tok.text),
                type="group",
                name=f"{state.kb.country_name(code)} {phrase}",
                country=code,
                sector=sector,
                head=token.i,
                subject=is_subject(token),
            ),
            [tok.i],
        )
    state.claimed.add(token.i)


def _name_words(words: list[Any]) -> list[Any]:
    """The words of a role noun's phrase that name its actor: no determiner or possessive pronoun
    ("his school"), no leading punctuation."""
    words = [w for w in words if not (w.dep_ in ("det", "poss") and w.pos_ in ("DET", "PRON"))] or words[-1:]
    while len(words) > 1 and words[0].is_punct:
        words = words[1:]
    return words


def _conjoined_countries(state: ActorState, mods: list[Any]) -> list[tuple[Any, str]]:
    out: list[tuple[Any, str]] = []
    for tok in mods:
        code = state.kb.demonym(tok.text) or state.kb.country_code(tok.text)
        if code and code not in [c for _, c in out]:
            out.append((tok, code))
    if len(out) >= 2 and not any(t.lower_ in ("and", "or", ",") for t in mods):
        return []
    return out


def demonym_group(state: ActorState, span: Any, code: str | None) -> tuple[str | None, str | None]:
    """Country and sector of a demonym used as a noun ("Palestinians", "Bosnian Serbs", "ethnic Albanians").

    The people of a state are its civilians (CVL). A demonym or state modifying it wins
    ("Bosnian Serbs" → BIH); "ethnic" makes it an ethnicity, so the state is the one the
    sentence is about when there is one.
    """
    root = span.root
    mods = [t for t in root.lefts if t.dep_ in ("amod", "compound", "nmod")]
    for mod in mods:
        other = state.kb.demonym(mod.text) or state.kb.country_code(mod.text)
        if other:
            return other, "CVL"
    if any(m.lower_ in ETHNIC_WORDS for m in mods):
        here = context_country(state, root, exclude=code)
        if here:
            return here, "CVL"
    return code, "CVL"


def plural_demonym(word: str) -> str:
    """ "Palestinian" → "Palestinians", "Japanese" → "Japanese people"."""
    if word.endswith("s"):
        return word
    if word.endswith(("an", "i", "ot", "ek", "ch")) and not word.endswith(("ch", "sh")):
        return word + "s"
    return word + " people"


def leftover_demonyms(state: ActorState) -> None:
    """A demonym modifying a noun that is no actor ("Palestinian homes") still stands for its state's
    people: a civilian group of that country, so events can code the target's country."""
    for match in state.names:
        if match.kind != "demonym" or not state.free(match.span):
            continue
        root = match.span.root
        if root.dep_ not in ("amod", "compound") or root.head.pos_ not in ("NOUN", "PROPN"):
            continue
        if root.head.i in state.claimed or root.head.ent_type_ in SKIP_ENTITY_TYPES:
            continue
        code = match.country
        name = plural_demonym(match.text)
        state.add(
            Candidate(
                key=f"group:{code}:CVL",
                start=match.start,
                end=match.end,
                type="group",
                name=name,
                country=code,
                sector="CVL",
                head=root.i,
                subject=is_subject(root.head),
            ),
            [root.i],
        )


# Group nouns that take their name from the leader at their head: "the Bush administration".
EPONYM_HEADS = frozenset({"administration", "government", "cabinet", "regime", "camp", "team", "aide", "loyalist"})


def _eponym_country(state: ActorState, token: Any) -> str | None:
    """ "The Obama administration", "the Assad regime": the country of the leader named in front of it.

    The leader is the person the text already named there, completed from the knowledge base when
    every head of state or government with that surname served the same country (then the person
    mention is linked to that KB person too).
    """
    if token.lemma_.lower() not in EPONYM_HEADS:
        return None
    for child in token.children:
        if child.dep_ != "compound" or child.pos_ != "PROPN":
            continue
        person = next((c for c in state.cands if c.type == "person" and c.start <= child.idx < c.end), None)
        if person is not None and person.country:
            return str(person.country)
        leaders = [
            p for p in state.kb.by_surname(child.text) if any(o.role in LEADER_ROLES for o in p.offices)
        ]
        countries = {o.country for p in leaders for o in p.offices if o.role in LEADER_ROLES}
        if len(countries) != 1:
            continue
        country = countries.pop()
        if person is not None and len(leaders) == 1:
            person.key, person.name, person.kb_id = leaders[0].id, leaders[0].name, leaders[0].id
            person.country, person.sector = country, person.sector or leaders[0].sector
        return country
    return None
