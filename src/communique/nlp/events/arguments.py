"""Who did it and to whom: event arguments read from the dependency parse.

Tokens are mapped to actors through the actor mentions (character offsets), so a
phrase such as "Hungarian and Romanian officials" yields both countries' actors,
"the delegation's leader, lawmaker Seko" yields Seko (or the delegation), and a
passive "was attacked by X" puts X first. Arguments are looked for on the
predicate itself, then inherited along control and coordination links
(``xcomp``, ``conj``, ``advcl``, ``relcl``), never guessed beyond that except for
a third-person pronoun, which falls back to the last actor that was a subject
(the ``salient`` actor kept by the events stage).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from communique.nlp.actors import resolve_group
from communique.nlp.actors.roles import PLACE_PREPS
from communique.record import Actor, Document

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "dative", "attr", "oprd", "obj", "iobj"})
# Prepositions whose object is the recipient of the event ("talks with", "aid to", "sanctions against").
RECIPIENT_PREPS = frozenset({"with", "to", "against", "on", "toward", "towards", "at", "into", "upon", "from", "for",
                             "between"})
# A visit's host or an asylum's grantor is where the actor goes: "arrived in Amman", "sought refuge in Germany".
LOCATIVE_PREPS = frozenset({"in", "to"})
_GOAL_PREPS = frozenset({"to"})
_AGAINST = frozenset({"against"})
# Objects that are what is fired or used, not whom it hits ("fired artillery rounds at X").
WEAPON_OBJECTS = frozenset({"artillery", "shell", "round", "missile", "rocket", "shot", "bullet", "fire", "mortar",
                            "gas", "bomb", "grenade", "salvo", "weapon", "gunfire", "volley", "torpedo"})
# On the object of the predicate, also these: "demanded the withdrawal of Serbian forces", "rejected calls by X".
OBJECT_RECIPIENT_PREPS = RECIPIENT_PREPS | {"of", "by"}
# Through a prepositional object that is not an actor: "conceded to demands from UNITA".
_OWNER_PREPS = frozenset({"of", "from", "by", "as"})  # "as": "countries such as Japan"
# Modifiers through which a noun phrase names its actor ("Japanese officials", "Taiwan's army").
_NP_DEPS = frozenset({"compound", "amod", "poss", "nmod", "appos", "conj", "npadvmod"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
THING_PRONOUNS = frozenset({"it", "its", "they", "them", "their"})
_PRONOUNS = PERSON_PRONOUNS | THING_PRONOUNS
_GROUP_PREPS = frozenset({"of", "from", "in", "throughout", "across"})
# Heads of "the two sides", "both countries", "the two leaders": a pair of actors named earlier.
_PAIR_HEADS = frozenset({"side", "country", "nation", "government", "leader"})
_INHERIT_DEPS = frozenset({"xcomp", "conj", "advcl", "pcomp", "ccomp", "acl", "dobj", "pobj", "prep", "acomp"})
# Words too general to tie a definite noun phrase to an earlier one ("the new strategy" ~ "the defense plan").
_BRIDGE_STOP = frozenset({"new", "national", "the", "this", "that", "its", "their", "recent", "current", "latest",
                          "other", "such", "same", "first", "last", "next", "own", "whole", "overall", "general"})
_BRIDGE_SENTENCES = 2  # how many earlier sentences a definite noun phrase may point back into
_MAX_INHERIT = 4  # control chains longer than this are rare and usually misparses
_POBJ = frozenset({"pobj"})


class ActorIndex:
    """Character offset → actors of a document, for fast token lookups."""

    def __init__(self, doc: Document) -> None:
        self._spans: list[tuple[int, int, Actor]] = sorted(
            ((m.start, m.end, a) for a in doc.actors for m in a.mentions), key=lambda x: (x[0], -x[1])
        )
        self.by_id = {a.id: a for a in doc.actors}
        self.doc = doc

    def at(self, start: int, end: int) -> list[Actor]:
        """Actors with a mention overlapping ``[start, end)``, tightest first."""
        hits = [(abs((e - s) - (end - start)), a) for s, e, a in self._spans if s < end and start < e]
        hits.sort(key=lambda x: x[0])
        out: list[Actor] = []
        for _, actor in hits:
            if actor not in out:
                out.append(actor)
        return out

    def token(self, tok: Any) -> list[Actor]:
        return self.at(tok.idx, tok.idx + len(tok.text))


@dataclass(frozen=True)
class Named:
    """The actors some tokens name (ids, in order) and the tokens that name them (for evidence)."""

    actors: list[str]
    tokens: list[Any]


@dataclass(frozen=True)
class Resolved(Named):
    """An event's actor, with how it was found."""

    how: str  # explicit | inherited | pronoun | none


def phrase_actors(tok: Any, index: ActorIndex) -> Named:
    """Actors named by the noun phrase headed by ``tok`` (head first, then conjuncts and modifiers)."""
    ids: list[str] = []
    toks: list[Any] = []
    own = index.token(tok)
    if own:
        ids.append(own[0].id)
        toks.append(tok)
    elif tok.lemma_.lower() in _PAIR_HEADS and any(c.lower_ in ("two", "both") for c in tok.lefts):
        # "the two sides", "both governments": the two actors in focus
        pair = resolve_group(index.doc, tok.left_edge.idx, tok.idx + len(tok.text))
        if pair:
            return Named([a.id for a in pair], [tok])
    for child in tok.children:
        if child.dep_ == "conj" or (child.dep_ in _NP_DEPS and not own):
            sub = phrase_actors(child, index)
            for i in sub.actors:
                if i not in ids:
                    ids.append(i)
            toks.extend(sub.tokens)
    if not ids and tok.pos_ == "NOUN":
        # a group named by its members' affiliation: "supporters of X", "students throughout Indonesia"
        members = actors_of([pobj for prep in tok.children if prep.dep_ == "prep" and prep.lower_ in _GROUP_PREPS
                             for pobj in _children(prep, _POBJ)], index)
        ids, toks = members.actors, toks + members.tokens
    return Named(ids, toks)


def actors_of(tokens: list[Any], index: ActorIndex, exclude: Sequence[str] = ()) -> Named:
    """The actors the phrases headed by ``tokens`` name, in order, each once, none of ``exclude``."""
    ids: list[str] = []
    toks: list[Any] = []
    for tok in tokens:
        found = phrase_actors(tok, index)
        ids += [i for i in found.actors if i not in ids and i not in exclude]
        toks += found.tokens
    return Named(ids, toks)


def _children(tok: Any, deps: frozenset[str]) -> list[Any]:
    return [c for c in tok.children if c.dep_ in deps]


# Participles that describe their subject's own stance, not something done to it: "Israel is opposed
# to X", "forces were engaged in Y", "Japan is committed to Z". Without a by-agent their grammatical
# subject acts.
STATIVE_PARTICIPLES = frozenset({"oppose", "engage", "commit", "determine", "prepare", "involve", "dedicate",
                                 "resolve", "poise", "set"})


def is_passive(tok: Any) -> bool:
    passive = any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in tok.children)
    return passive and not _stative(tok)


def _stative(tok: Any) -> bool:
    return tok.lemma_.lower() in STATIVE_PARTICIPLES and not any(c.dep_ == "agent" for c in tok.children)


def agent_tokens(tok: Any) -> list[Any]:
    return [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]


def subject_tokens(tok: Any) -> list[Any]:
    """The tokens that name who acts: the subject, or the ``by`` agent of a passive."""
    if is_passive(tok):
        return agent_tokens(tok)
    if _stative(tok):
        return _children(tok, SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS)
    return _children(tok, SUBJECT_DEPS)


class Salience:
    """The last actors seen as subjects, kept apart for persons and for everything else."""

    def __init__(self) -> None:
        self.person: list[str] = []
        self.other: list[str] = []

    def note(self, ids: list[str], index: ActorIndex) -> None:
        persons = [i for i in ids if index.by_id[i].type == "person"]
        others = [i for i in ids if index.by_id[i].type != "person"]
        if persons:
            self.person = persons
        if others:
            self.other = others

    def for_pronoun(self, word: str) -> list[str]:
        word = word.lower()
        if word in PERSON_PRONOUNS:
            return list(self.person)
        if word in THING_PRONOUNS:
            return list(self.other)
        return []


def _earlier_subject(pronoun: Any, index: ActorIndex) -> list[str]:
    """ "X said it will ...": the nearest earlier subject of the sentence that agrees with the pronoun."""
    word = pronoun.lower_
    if word not in _PRONOUNS:
        return []
    for tok in reversed(list(pronoun.sent)[: pronoun.i - pronoun.sent.start]):
        if tok.dep_ not in ("nsubj", "nsubjpass") or tok.lower_ in _PRONOUNS:
            continue
        ids = phrase_actors(tok, index).actors
        person = [i for i in ids if index.by_id[i].type == "person"]
        other = [i for i in ids if index.by_id[i].type != "person"]
        found = person if word in PERSON_PRONOUNS else other
        if found:
            return found
    return []


def resolve_actor(tok: Any, index: ActorIndex, salient: Salience) -> Resolved:
    """The actor of the predicate ``tok``, inherited along control/coordination links if it has no subject."""
    cur, how = tok, "explicit"
    for _ in range(_MAX_INHERIT):
        subjects = subject_tokens(cur)
        if subjects:
            named = actors_of(subjects, index)
            if named.actors:
                return Resolved(named.actors, named.tokens, how)
            for s in subjects:
                pronoun_ids = _earlier_subject(s, index) or salient.for_pronoun(s.lower_)
                if pronoun_ids:
                    return Resolved(pronoun_ids, [], "pronoun")
            return Resolved([], [], "none")
        if cur.dep_ == "relcl" or (cur.dep_ == "acl" and cur.head.pos_ in ("NOUN", "PROPN")):
            for phrase in [cur.head, *(c for c in cur.head.children if c.dep_ == "poss")]:
                named = phrase_actors(phrase, index)  # the noun the clause describes, else its owner
                if named.actors:
                    return Resolved(named.actors, named.tokens, "inherited")
            if cur.dep_ == "relcl" or cur.tag_ in ("VBG", "VBN"):
                # "Muslims traveling to the U.S.": the participle's subject is the noun, not an actor
                return Resolved([], [], "none")
        if cur.dep_ in _INHERIT_DEPS and cur.head.i != cur.i:
            cur, how = cur.head, "inherited"
            continue
        break
    return Resolved([], [], "none")


def resolve_noun_actor(noun: Any, index: ActorIndex, salient: Salience) -> Resolved:
    """The actor of a nominal event: its possessor or modifier ("Tsai's meeting", "Chinese threats")."""
    for child in noun.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod"):
            named = phrase_actors(child, index)
            if named.actors:
                return Resolved(named.actors, named.tokens, "explicit")
            if child.dep_ == "poss" and child.lower_ in _PRONOUNS:
                # "The ILO reiterated its demand": the pronoun's earlier subject, else the last one seen
                found = _earlier_subject(child, index) or salient.for_pronoun(child.lower_)
                if found:
                    return Resolved(found, [], "pronoun")
    # the subject of the governing verb is the noun's actor only for a light verb ("held talks"),
    # which the events stage handles; "he described the conflict" does not make him a party to it
    return Resolved([], [], "none")


class _Recipients:
    """The recipients found so far: actor ids in order and the tokens that named them, none of ``exclude``."""

    def __init__(self, index: ActorIndex, exclude: list[str]) -> None:
        self.index = index
        self.exclude = exclude
        self.ids: list[str] = []
        self.tokens: list[Any] = []

    def add(self, tok: Any, owners: bool = True) -> None:
        """The actors of ``tok``'s phrase; failing any (and with ``owners``), those of its owner:
        "conceded to demands from UNITA"."""
        found = phrase_actors(tok, self.index)
        for i in found.actors:
            if i not in self.ids and i not in self.exclude:
                self.ids.append(i)
                self.tokens.extend(found.tokens)
        if not found.actors and owners:
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ in _OWNER_PREPS:
                    for pobj in _children(child, _POBJ):
                        self.add(pobj, owners=False)

    def add_objects(self, prep: Any) -> None:
        """The actors of the objects of the preposition ``prep``."""
        for pobj in _children(prep, _POBJ):
            self.add(pobj)


def recipients(tok: Any, index: ActorIndex, exclude: list[str], noun: bool = False,
               extra: list[Any] | None = None, locative: bool = False,
               theme: bool = False, condition: bool = False) -> Named:
    """Who the event at ``tok`` is directed at.

    In order: the object (or passive subject), its possessor and its prepositional
    complements ("the withdrawal of X"); prepositional objects of the predicate ("talks with
    X", "aid to X") or of the matched nouns; failing those, the subject of an object-control
    complement ("allowed X to run", "demanded that X withdraw").
    """
    found = _Recipients(index, exclude)
    if not noun:
        _add_objects(tok, found, theme)
    object_ids = list(found.ids)
    hosts = [tok] + [t for t in (extra or []) if t != tok and t.pos_ in ("NOUN", "PROPN")]
    preps = RECIPIENT_PREPS | (LOCATIVE_PREPS if locative else frozenset())
    for host in hosts:
        for child in host.children:
            if child.dep_ in ("prep", "dative") and child.lower_ in preps:
                found.add_objects(child)
    if object_ids and len(found.ids) > len(object_ids) and any(
            c.dep_ == "dative" or (c.dep_ == "prep" and c.lower_ in _GOAL_PREPS) for c in tok.children):
        # "offered its troops to X", "sent aid to X": the object is what is given, X receives it
        found.ids = [i for i in found.ids if i not in object_ids]
    if not found.ids:
        _add_last_resort(tok, found, noun, theme, condition)
    return Named(found.ids, found.tokens)


def _add_objects(tok: Any, found: _Recipients, theme: bool) -> None:
    """The predicate's objects (a passive's subject first), their possessors and prepositional objects;
    with ``theme``, only what an object is aimed against ("mobilized troops against X")."""
    objs = _children(tok, OBJECT_DEPS)
    if is_passive(tok):
        objs = _children(tok, PASSIVE_SUBJECT_DEPS) + objs
    for obj in objs:
        if not theme and obj.lemma_.lower() not in WEAPON_OBJECTS:
            found.add(obj)
        for child in obj.children:
            if child.dep_ == "poss" and not theme:
                found.add(child)
            if child.dep_ == "prep" and child.lower_ in (_AGAINST if theme else OBJECT_RECIPIENT_PREPS):
                found.add_objects(child)


def _add_last_resort(tok: Any, found: _Recipients, noun: bool, theme: bool, condition: bool) -> None:
    """Where an event with no recipient yet may still name one, each tried while none is found."""
    if theme:  # "mobilized reservists for a possible war against Iraq"
        for t in tok.subtree:
            if t.dep_ == "prep" and t.lower_ in _AGAINST:
                found.add_objects(t)
    if not found.ids and condition:  # "threatened to strike unless X withdrew": aimed at X
        for t in tok.subtree:
            if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("unless", "if") for c in t.children):
                for subj in _children(t, SUBJECT_DEPS):
                    found.add(subj)
    if not found.ids and not noun:  # "allowed X to run", "demanded that X withdraw"
        for comp in _children(tok, frozenset({"ccomp", "xcomp"})):
            for subj in _children(comp, SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS):
                found.add(subj)


def bridged_owner(obj: Any, index: ActorIndex, sentences: Sequence[Any]) -> list[str]:
    """The owner (actor ids) of a definite object ("praised the new defense strategy") named in an earlier
    sentence.

    The object must be definite, unowned and not an actor; the earlier noun must share its head
    or a content modifier ("the national defense plan"). Its possessor is the owner, else the
    subject of its clause. Only the last ``_BRIDGE_SENTENCES`` sentences are searched.
    """
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in obj.children):
        return []
    if any(c.dep_ == "poss" for c in obj.children) or index.token(obj):
        return []
    words = ({obj.lemma_.lower()} | {c.lemma_.lower() for c in obj.children if c.dep_ in ("compound", "amod")})
    words -= _BRIDGE_STOP
    for sent in reversed(sentences[-_BRIDGE_SENTENCES:]):
        for tok in reversed(list(sent)):
            related = tok.lemma_.lower() in words or any(
                c.lemma_.lower() in words for c in tok.children if c.dep_ in ("compound", "amod"))
            if tok.pos_ != "NOUN" or not related:
                continue
            for c in tok.children:
                if c.dep_ == "poss":
                    ids = phrase_actors(c, index).actors
                    if ids:
                        return ids
            verb = tok
            while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
                verb = verb.head
            passive_subjects = [t for t in verb.children if t.dep_ == "nsubjpass"]
            for s in passive_subjects:
                ids = phrase_actors(s, index).actors
                if ids:
                    return ids
            found = resolve_actor(verb, index, Salience())
            if found.actors:
                return found.actors
    return []


# How deep a place may sit under the predicate: "imposed a curfew in the town of Cizre in Turkey" is
# predicate → object → in → town → of → Cizre; deeper chains are usually another clause's place.
_PLACE_DEPTH = 3
_PLACE_WALK_DEPS = frozenset({"pobj", "prep", "appos", "compound", "conj", "poss"})


def place_recipients(hosts: list[Any], index: ActorIndex, exclude: list[str]) -> Named:
    """The state where an event with no other recipient happens: "arrived in Amman" → Jordan,
    "imposed a curfew in Abidjan" → Ivory Coast, "shelled targets in Jericho" → Palestine.

    PLOVER and CAMEO code the host of a visit and the place of a domestic measure, a protest or an
    attack as the recipient when the text names no one else. The place is a state mention (a country,
    or a capital, city or region the actors stage read as its state) under a place preposition on the
    predicate, on its object, or on a noun below them, at most ``_PLACE_DEPTH`` prepositions down.
    """
    frontier = list(hosts)
    for host in hosts:
        frontier += [c for c in host.children if c.dep_ in OBJECT_DEPS]
    seen: set[int] = set()
    for _ in range(_PLACE_DEPTH):
        following: list[Any] = []
        for tok in frontier:
            for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in PLACE_PREPS):
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    for t in _place_phrase(pobj):
                        if t.i in seen:
                            continue
                        seen.add(t.i)
                        states = [a for a in index.token(t) if a.type == "state" and a.id not in exclude]
                        if states:
                            return Named([states[0].id], [t])
                    following.append(pobj)
        frontier = following
    return Named([], [])


def _place_phrase(tok: Any) -> list[Any]:
    """The head of a place phrase and the names inside it ("the capital Kabul", "East Timor's capital")."""
    out = [tok]
    for child in tok.children:
        if child.dep_ in _PLACE_WALK_DEPS and child.dep_ != "prep":
            out += _place_phrase(child)
    return out
