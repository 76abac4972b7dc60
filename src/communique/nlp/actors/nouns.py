"""Common-noun actors: "Israeli troops", "a senior Guyanese police officer", "the US president".

Pass 2 of the actors stage (:mod:`communique.nlp.actors`). A noun is an actor
when it, or the phrase ending in it, is a sector or title word of the knowledge
base; a generic head ("group", "wing", "personnel") is one when a modifier is
("rebel group" → REB). Country comes from the modifiers (demonyms, country
names, possessives, "of Japan"), else from the sentence or the document
(:func:`communique.nlp.actors.coref.context_country`). Singular role nouns are first
linked to a person (:func:`communique.nlp.actors.coref.link_role_noun`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from communique.nlp.actors import coref
from communique.nlp.actors.roles import (
    MAX_TERM_WORDS,
    Role,
    is_subject,
    noun_phrase_modifiers,
    of_country,
    read_role,
    sector_for,
)

if TYPE_CHECKING:
    from communique.nlp.actors.stage import _Builder

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


def common_nouns(b: _Builder) -> None:
    for token in b.sp:
        if token.i in b.claimed or token.ent_type_ in SKIP_ENTITY_TYPES:
            continue
        if token.pos_ not in ("NOUN", "PROPN") and not _ends_multiword_term(b, token):
            continue  # "general" in "secretary-general" may be tagged an adjective
        found = _term(b, token)
        if found is None or (found[1], token.head.lemma_.lower()) in IDIOMS:
            continue
        start_i, phrase, sector = found
        mods = noun_phrase_modifiers(token)
        if token.dep_ == "compound" and start_i == token.i:
            # "Israeli army bulldozers": the head's modifiers qualify the army.
            mods += [t for t in noun_phrase_modifiers(token.head) if t.i < token.i]
        mods = sorted({t.i: t for t in mods if t.i < start_i and t.i not in b.claimed}.values(), key=lambda t: t.i)
        words = [*mods, *b.sp[start_i : token.i + 1]]
        role = read_role(b.kb, words)
        role.sector = role.sector or sector
        countries = _conjoined_countries(b, mods)
        if len(countries) < 2:
            role.country = role.country or of_country(b.kb, token)
        if role.country and any(m.lower_ in ETHNIC_WORDS for m in mods):
            # "ethnic Albanian guerrillas" in Macedonia are Macedonia's
            role.country = coref.context_country(b, token, exclude=role.country) or role.country
            countries = []
        _role_noun(b, token, phrase, words, role, countries)


def _ends_multiword_term(b: _Builder, token: Any, covers: int | None = None) -> bool:
    """Does a sector phrase of two or more words end at ``token`` (and cover token ``covers``)?"""
    found = b.terms(token.i)
    if found is None or found[0] == token.i:
        return False
    return covers is None or found[0] <= covers


def _inside_longer_term(b: _Builder, token: Any) -> bool:
    """Is the token the start or middle of a sector phrase ending later ("secretary" in "secretary-general")?"""
    last = min(len(b.sp), token.i + MAX_TERM_WORDS + 1)
    return any(_ends_multiword_term(b, b.sp[j], token.i) for j in range(token.i + 1, last))


def _term(b: _Builder, token: Any) -> tuple[int, str, str | None] | None:
    """The sector phrase a noun ends (start token, phrase, sector), or a generic head's modifier."""
    # "police" in "police officer": the head decides; "army" in "army bulldozers": the army acts.
    head_decides = b.terms(token.head.i) or token.head.lemma_.lower() in GENERIC_HEADS
    if token.dep_ == "compound" and token.head.pos_ in ("NOUN", "PROPN") and head_decides:
        return None
    if _inside_longer_term(b, token):
        return None  # the whole title is read at its last word
    found = b.terms(token.i)
    if found is not None:
        return found[0], found[1], sector_for(b.kb, found[1])
    if token.lemma_.lower() not in GENERIC_HEADS:
        return None
    before = b.terms(token.i - 1) if token.i > 0 and b.sp[token.i - 1].head.i == token.i else None
    if before is not None:  # "border patrol agents"
        return token.i, token.lemma_.lower(), sector_for(b.kb, before[1])
    for child in token.lefts:
        if child.dep_ in ("compound", "amod"):
            sector = sector_for(b.kb, child.lemma_.lower()) or sector_for(b.kb, child.lower_)
            if sector:
                return token.i, token.lemma_.lower(), sector
    return None


def _role_noun(
    b: _Builder, token: Any, phrase: str, words: list[Any], role: Role, countries: list[tuple[Any, str]]
) -> None:
    from communique.nlp.actors.stage import _Cand, _clean_name

    sector = role.sector or sector_for(b.kb, phrase)
    term = b.kb.sector_of(phrase)
    plural = token.tag_ in ("NNS", "NNPS") or bool(term and term.group) or phrase in COLLECTIVE_HEADS
    definite = any(c.lower_ == "the" for c in token.lefts)
    subject = is_subject(token)
    if len(countries) >= 2:  # "Hungarian and Romanian officials": one group per state
        for tok, code in countries:
            b.add(
                _Cand(
                    key=f"group:{code}:{sector}:{token.lemma_.lower()}",
                    start=tok.idx,
                    end=tok.idx + len(tok.text),
                    type="group",
                    name=f"{b.kb.country_name(code)} {phrase}",
                    country=code,
                    sector=sector,
                    head=token.i,
                    subject=subject,
                ),
                [tok.i],
            )
        b.claimed.add(token.i)
        return
    # Determiners and possessive pronouns are not part of a group's name ("his school").
    words = [w for w in words if not (w.dep_ in ("det", "poss") and w.pos_ in ("DET", "PRON"))] or words[-1:]
    while len(words) > 1 and words[0].is_punct:
        words = words[1:]
    start, end, text = b.char_span(words)
    if not plural and coref.link_role_noun(b, token, phrase, role, start, end, text, subject, definite):
        b.claimed.update(w.i for w in words)
        return
    country = role.country or _eponym_country(b, token) or coref.context_country(b, token)
    name = _clean_name(text)
    if plural:
        if country and len(name.split()) == 1:
            name = f"{name} ({b.kb.country_name(country)})"
        b.add(
            _Cand(
                key=f"group:{country}:{sector}:{token.lemma_.lower()}",
                start=start,
                end=end,
                type="group",
                name=name,
                country=country,
                sector=sector,
                head=token.i,
                subject=subject,
            ),
            [w.i for w in words],
        )
        return
    b.add(
        _Cand(
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
            head=token.i,
            subject=subject,
        ),
        [w.i for w in words],
    )


def _conjoined_countries(b: _Builder, mods: list[Any]) -> list[tuple[Any, str]]:
    out: list[tuple[Any, str]] = []
    for tok in mods:
        code = b.kb.demonym(tok.text) or b.kb.country_code(tok.text)
        if code and code not in [c for _, c in out]:
            out.append((tok, code))
    if len(out) >= 2 and not any(t.lower_ in ("and", "or", ",") for t in mods):
        return []
    return out


def demonym_group(b: _Builder, span: Any, code: str | None) -> tuple[str | None, str | None]:
    """Country and sector of a demonym used as a noun ("Palestinians", "Bosnian Serbs", "ethnic Albanians").

    The people of a state are its civilians (CVL). A demonym or state modifying it wins
    ("Bosnian Serbs" → BIH); "ethnic" makes it an ethnicity, so the state is the one the
    sentence is about when there is one.
    """
    root = span.root
    mods = [t for t in root.lefts if t.dep_ in ("amod", "compound", "nmod")]
    for mod in mods:
        other = b.kb.demonym(mod.text) or b.kb.country_code(mod.text)
        if other:
            return other, "CVL"
    if any(m.lower_ in ETHNIC_WORDS for m in mods):
        here = coref.context_country(b, root, exclude=code)
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


def leftover_demonyms(b: _Builder) -> None:
    """A demonym modifying a noun that is no actor ("Palestinian homes") still stands for its state's
    people: a civilian group of that country, so events can code the target's country."""
    from communique.nlp.actors.stage import _Cand

    for match in b.names:
        if match.kind != "demonym" or not b.free(match.span):
            continue
        root = match.span.root
        if root.dep_ not in ("amod", "compound") or root.head.pos_ not in ("NOUN", "PROPN"):
            continue
        if root.head.i in b.claimed or root.head.ent_type_ in SKIP_ENTITY_TYPES:
            continue
        code = match.country
        name = plural_demonym(match.text)
        b.add(
            _Cand(
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


# -- a group's country from the people who lead or speak for it ------------------------------
# Nouns that name a person standing for a group: "the delegation's leader", "X, head of the mission".
LINK_NOUNS = frozenset(
    {
        "leader",
        "head",
        "chief",
        "chairman",
        "chairwoman",
        "chair",
        "member",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "representative",
        "envoy",
        "commander",
        "president",
        "secretary",
        "director",
    }
)
# Participles that link a group to the person at its head: "a delegation led by X", "X-led delegation".
LEAD_VERBS = frozenset({"lead", "head", "led", "headed", "chair", "chaired"})


def group_countries(b: _Builder) -> None:
    """A group or organisation with no country takes one from the text around its mentions.

    In order: the country of a person the text makes its leader, head, member or spokesman
    ("the delegation's leader, Japanese lawmaker X"; "X, head of the delegation"; "a delegation
    led by X"; "an X-led delegation"), else a demonym or state on another mention of the same
    group ("the Japanese delegation" later). The group's mentions are then merged with those
    of the same group named with its country.
    """
    by_key: dict[str, list[Any]] = {}
    for cand in b.cands:
        if cand.type in ("group", "organization"):
            by_key.setdefault(cand.key, []).append(cand)
    persons = [c for c in b.cands if c.type == "person" and c.country]
    for cands in by_key.values():
        if any(c.country for c in cands):
            continue
        country = None
        for cand in cands:
            country = _linked_person_country(b, cand, persons)
            if country:
                break
        if country is None:
            country = _earlier_or_later_named(b, cands, by_key)
        if country is None:
            country = _sentence_actor_country(b, cands[0])
        if country is None:
            continue
        for cand in cands:
            cand.country = country
            if cand.key.startswith("group:None:"):
                cand.key = f"group:{country}:" + cand.key[len("group:None:") :]
            if cand.type == "group" and len(cand.name.split()) == 1:
                cand.name = f"{cand.name} ({b.kb.country_name(country)})"


def _person_country_at(tok: Any, persons: list[Any]) -> str | None:
    """Country of the person mention headed by, or containing, ``tok``."""
    for person in persons:
        if person.head == tok.i or person.start <= tok.idx < person.end:
            return str(person.country)
    return None


def _linked_person_country(b: _Builder, cand: Any, persons: list[Any]) -> str | None:
    head = b.sp[cand.head]
    lemma = head.lemma_.lower()
    # every token of the document that is this group's head noun under the same determiner "the"
    tokens = [head] + [t for t in b.sp if t.i != head.i and t.lemma_.lower() == lemma and _definite(t)]
    for tok in tokens:
        link = tok.head
        # "the delegation's leader, X" / "the delegation's leader X"
        if tok.dep_ == "poss" and link.lemma_.lower() in LINK_NOUNS:
            for t in [link, *[c for c in link.children if c.dep_ in ("appos", "compound")]]:
                found = _person_country_at(t, persons)
                if found:
                    return found
            if link.dep_ == "appos":
                found = _person_country_at(link.head, persons)
                if found:
                    return found
        # "X, head of the delegation" / "X, a member of the delegation"
        if tok.dep_ == "pobj" and link.lower_ == "of" and link.head.lemma_.lower() in LINK_NOUNS:
            role_noun = link.head
            if role_noun.dep_ == "appos":
                found = _person_country_at(role_noun.head, persons)
                if found:
                    return found
            found = _person_country_at(role_noun, persons)
            if found:
                return found
        for child in tok.children:
            # "a delegation led by X"
            if child.dep_ in ("acl", "relcl") and child.lemma_.lower() in LEAD_VERBS:
                for agent in (c for c in child.children if c.dep_ == "agent"):
                    for pobj in (g for g in agent.children if g.dep_ == "pobj"):
                        found = _person_country_at(pobj, persons)
                        if found:
                            return found
            # "an X-led delegation"
            if child.dep_ in ("amod", "compound") and child.lower_ in LEAD_VERBS:
                for leader in (g for g in child.children if g.i < child.i):
                    found = _person_country_at(leader, persons)
                    if found:
                        return found
    return None


def _definite(tok: Any) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children) or any(
        c.dep_ == "poss" for c in tok.children
    )


def _earlier_or_later_named(b: _Builder, cands: list[Any], by_key: dict[str, list[Any]]) -> str | None:
    """ "the delegation" and "the Japanese delegation": the one country another mention of the same
    group (same head noun and sector) names, when exactly one does."""
    key = cands[0].key
    if not key.startswith("group:None:"):
        return None
    rest = key[len("group:None:") :]
    named = {
        c.country
        for k, group in by_key.items()
        if k != key and k.startswith("group:") and k.split(":", 2)[-1] == rest
        for c in group
        if c.country
    }
    return named.pop() if len(named) == 1 else None


def _sentence_actor_country(b: _Builder, cand: Any) -> str | None:
    """The one state of the other actors of ``cand``'s sentence, when the sentence names no state itself
    (then :func:`communique.nlp.actors.coref.context_country` found nothing to go on)."""
    from communique.kb import NON_STATE_CODES

    sent = b.sp[cand.head].sent
    if any(sent.start_char <= start < sent.end_char for start, _ in coref.state_mentions(b)):
        return None
    found = {
        c.country
        for c in b.cands
        if c.key != cand.key
        and c.country
        and c.country not in NON_STATE_CODES
        and sent.start_char <= c.start < sent.end_char
    }
    return found.pop() if len(found) == 1 else None


# Group nouns that take their name from the leader at their head: "the Bush administration".
EPONYM_HEADS = frozenset({"administration", "government", "cabinet", "regime", "camp", "team", "aide", "loyalist"})


def _eponym_country(b: _Builder, token: Any) -> str | None:
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
        person = next((c for c in b.cands if c.type == "person" and c.start <= child.idx < c.end), None)
        if person is not None and person.country:
            return str(person.country)
        leaders = [
            p for p in b.kb.by_surname(child.text) if any(o.role in coref.LEADER_ROLES for o in p.offices)
        ]
        countries = {o.country for p in leaders for o in p.offices if o.role in coref.LEADER_ROLES}
        if len(countries) != 1:
            continue
        country = countries.pop()
        if person is not None and len(leaders) == 1:
            person.key, person.name, person.kb_id = leaders[0].id, leaders[0].name, leaders[0].id
            person.country, person.sector = country, person.sector or leaders[0].sector
        return country
    return None
