"""Trigger matching: does a token, with its dependents, match a lexicon pattern?

A verb pattern constrains the lemma, a particle or preposition (with its object), the direct
object (head or compound modifier) and an open complement; a noun pattern constrains the lemma,
its modifiers and prepositions. :func:`best_pattern` returns the most specific match. The events
coder (:mod:`communique.nlp.events.coder`) builds on these :class:`Match` values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from communique.kb.lexicon import NO_EVENT, Pattern

_OBJECT_DEPS = frozenset({"dobj", "attr", "oprd", "dative", "nsubjpass", "obj"})
MOD_DEPS = frozenset({"compound", "amod", "nmod"})
_PREP_DEPS = frozenset({"prep", "prt", "advmod", "agent", "dative", "acomp", "npadvmod"})
_COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp"})
# The parts of speech of verbal and of nominal triggers.
VERB_POS = frozenset({"VERB"})
NOUN_POS = frozenset({"NOUN", "PROPN"})


@dataclass
class Match:
    """A matched trigger before it becomes an :class:`~communique.record.Event`."""

    trigger: Any
    code: str
    specificity: int
    tokens: list[Any]
    noun: bool = False
    frame: bool = False
    negation_absorbed: bool = False
    actor_from: Any = None  # the token whose clause supplies the actor (a light verb for nouns)
    recipient_tokens: list[Any] = field(default_factory=list)
    actor_tokens: list[Any] = field(default_factory=list)  # set when the actor is not the subject
    frame_kind: str | None = None  # commit | appeal | demand | refuse | threaten | accuse
    aims: list[Match] = field(default_factory=list)  # demands absorbed by a protest

    @property
    def is_event(self) -> bool:
        """False for a ``non_events`` pattern's match: the verb is used in a sense that is no event."""
        return self.code != NO_EVENT

    @property
    def clause(self) -> Any:
        """The token heading the clause the event is read in (its modality, date, place): the one that
        supplies the actor, else the trigger."""
        return self.actor_from if self.actor_from is not None else self.trigger


def lemma(tok: Any) -> str:
    return str(tok.lemma_).lower()


def _lemmas(tok: Any) -> set[str]:
    return {lemma(tok), str(tok.lower_)}


def _object_ok(obj: Any, terms: frozenset[tuple[str | None, str]]) -> bool:
    """``obj`` is one of ``terms``: its head lemma, or (for a bare term) a compound of it ("reservist system")."""
    names = _lemmas(obj)
    mods = {m for c in obj.children if c.dep_ in MOD_DEPS for m in _lemmas(c)}
    compounds = {m for c in obj.children if c.dep_ == "compound" for m in _lemmas(c)}
    return any((head in names and (mod is None or mod in mods)) or (mod is None and head in compounds)
               for mod, head in terms)


def _objects(tok: Any) -> list[Any]:
    out = [c for c in tok.children if c.dep_ in _OBJECT_DEPS]
    out += [cc for o in out for cc in o.children if cc.dep_ == "conj"]
    return out


def _prep_match(tok: Any, word: str, objs: frozenset[str] | None) -> list[Any] | None:
    hosts = [tok, *_objects(tok)]
    for host in hosts:
        for child in host.children:
            if child.dep_ not in _PREP_DEPS or word not in _lemmas(child):
                continue
            if objs is None:
                return [child]
            for pobj in child.children:
                if pobj.dep_ in ("pobj", "pcomp", "dobj") and (_object_ok(pobj, _terms(objs))):
                    return [child, pobj]
    return None


def _terms(words: frozenset[str]) -> frozenset[tuple[str | None, str]]:
    return frozenset((None, w) for w in words)


def _pattern_tokens(tok: Any, pat: Pattern, negated: bool, noun: bool) -> list[Any] | None:
    """The tokens that satisfy ``pat`` at ``tok``, or ``None`` if it does not match."""
    if pat.negated_only and not negated:
        return None
    used = [tok]
    if pat.modifiers:
        mods = [c for c in tok.children if c.dep_ in MOD_DEPS and _lemmas(c) & pat.modifiers]
        if not mods:
            return None
        used += mods
    for word, objs in pat.preps:
        if word == "to" and objs is None and pat.xcomp:
            continue
        got = _prep_match(tok, word, objs)
        if got is None:
            return None
        used += got
    if pat.objects is not None:
        objs_found = [o for o in _objects(tok) if _object_ok(o, pat.objects)]
        if not objs_found:
            return None
        used += objs_found[:1]
    if pat.xcomp is not None:
        comps = [c for c in tok.children if c.dep_ in _COMPLEMENT_DEPS and pat.xcomp in _lemmas(c)]
        if not comps:
            return None
        used += comps
    return used


@dataclass(frozen=True)
class Fit:
    """A pattern that matches at a token, and the tokens that satisfy it (the token first)."""

    pattern: Pattern
    tokens: list[Any]


def best_pattern(tok: Any, patterns: list[Pattern], negated: bool, noun: bool) -> Fit | None:
    """The most specific matching pattern; a match on a conjoined object ranks below one on the object itself."""
    best: Fit | None = None
    best_score = 0.0
    for pat in patterns:
        used = _pattern_tokens(tok, pat, negated, noun)
        if used is None:
            continue
        score = pat.specificity - 0.5 * any(t.dep_ == "conj" and t.head.i != tok.i for t in used[1:])
        if best is None or score > best_score:
            best, best_score = Fit(pat, used), score
    return best


def complement(tok: Any) -> Any:
    """The clause or nominal a frame/intention verb governs: xcomp/ccomp, a gerund object, or ``for``/``to`` + noun."""
    for child in tok.children:
        if child.dep_ in _COMPLEMENT_DEPS:
            return child
    for child in tok.children:
        if child.dep_ == "dobj" and child.pos_ == "VERB":
            return child
    return _prep_object(tok, ("for", "to", "on", "upon"))


def noun_complement(noun: Any) -> Any:
    """What a frame noun is about: "a demand that X ease ...", "a pledge to send ...", "a call for talks"."""
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp", "xcomp") and child.pos_ in ("VERB", "AUX"):
            return child
    found = _prep_object(noun, ("for", "to", "of", "on"))
    if found is not None:
        return found
    if noun.dep_ == "dobj":  # "reiterated its demand today that X ...": the clause hangs off the verb
        for child in noun.head.children:
            if child.dep_ == "ccomp" and child.i > noun.i and any(c.lower_ == "that" for c in child.children):
                return child
    return None


def _prep_object(tok: Any, preps: tuple[str, ...]) -> Any:
    """The object of the first of ``tok``'s prepositions in ``preps`` that has one ("a call for talks")."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            for pobj in child.children:
                if pobj.dep_ in ("pobj", "pcomp"):
                    return pobj
    return None


def wants_another(tok: Any) -> bool:
    """ "X wants Y to do Z": an intention verb whose complement has a subject of its own."""
    return any(c.dep_ in ("xcomp", "ccomp") and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
               for c in tok.children)


def code_root(code: str) -> int | None:
    """The CAMEO root of a code as a number; None for the no-event code of a ``non_events`` pattern."""
    return int(code[:2]) if code[:2].isdigit() else None
