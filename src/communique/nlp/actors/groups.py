"""A group or organisation with no country of its own takes one from the text around its mentions.

The last rule of the actors stage, run when every mention is found: "the delegation" is Japan's
when its leader is a Japanese lawmaker, when another mention of it is "the Japanese delegation",
or when the other actors of its sentence are all Japan's.
"""

from __future__ import annotations

from typing import Any

from communique.kb import NON_STATE_CODES
from communique.nlp.actors.state import ActorState, Candidate

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


def group_countries(state: ActorState) -> None:
    """A group or organisation with no country takes one from the text around its mentions.

    In order: the country of a person the text makes its leader, head, member or spokesman
    ("the delegation's leader, Japanese lawmaker X"; "X, head of the delegation"; "a delegation
    led by X"; "an X-led delegation"), else a demonym or state on another mention of the same
    group ("the Japanese delegation" later). The group's mentions are then merged with those
    of the same group named with its country.
    """
    by_key: dict[str, list[Candidate]] = {}
    for cand in state.cands:
        if cand.type in ("group", "organization"):
            by_key.setdefault(cand.key, []).append(cand)
    persons = [c for c in state.cands if c.type == "person" and c.country]
    for cands in by_key.values():
        if any(c.country for c in cands):
            continue
        country = None
        for cand in cands:
            country = _linked_person_country(state, cand, persons)
            if country:
                break
        if country is None:
            country = _earlier_or_later_named(cands, by_key)
        if country is None:
            country = _sentence_actor_country(state, cands[0])
        if country is None:
            continue
        for cand in cands:
            cand.country = country
            if cand.key.startswith("group:None:"):
                cand.key = f"group:{country}:" + cand.key[len("group:None:") :]
            if cand.type == "group" and len(cand.name.split()) == 1:
                cand.name = f"{cand.name} ({state.kb.country_name(country)})"


def _person_country_at(tok: Any, persons: list[Candidate]) -> str | None:
    """Country of the person mention headed by, or containing, ``tok``."""
    for person in persons:
        if person.head == tok.i or person.start <= tok.idx < person.end:
            return str(person.country)
    return None


def _linked_person_country(state: ActorState, cand: Candidate, persons: list[Candidate]) -> str | None:
    head = state.parsed[cand.head]
    lemma = head.lemma_.lower()
    # every token of the document that is this group's head noun under the same determiner "the"
    tokens = [head] + [t for t in state.parsed if t.i != head.i and t.lemma_.lower() == lemma and _definite(t)]
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


def _earlier_or_later_named(cands: list[Candidate], by_key: dict[str, list[Candidate]]) -> str | None:
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


def _sentence_actor_country(state: ActorState, cand: Candidate) -> str | None:
    """The one state of the other actors of ``cand``'s sentence, when the sentence names no state itself
    (then :func:`communique.nlp.actors.coref.context_country` found nothing to go on)."""
    sent = state.parsed[cand.head].sent
    if any(sent.start_char <= start < sent.end_char for start, _ in state.state_mentions):
        return None
    found = {
        c.country
        for c in state.cands
        if c.key != cand.key
        and c.country
        and c.country not in NON_STATE_CODES
        and sent.start_char <= c.start < sent.end_char
    }
    return found.pop() if len(found) == 1 else None
