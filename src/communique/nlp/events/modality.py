"""Negation and modality of an event, read from the clause that carries its trigger.

Walking up from the predicate, the nearest marker decides:

* an ``if``/``unless`` adverbial clause → ``conditional``;
* a modal ``could``/``may``/``might`` → ``hypothetical``;
* ``should``/``ought`` or an intention verb or noun governing the clause
  ("wishes to strengthen", "is considering creating", "plans to", "a bid to")
  → ``intended``;
* a plan, strategy or bill as the subject of the clause ("the strategy calls for higher
  spending", and "it" in the sentence after one) → ``intended``: a plan states intentions;
* the complement of a reporting verb ("X said that ...") → ``reported``;
* otherwise ``asserted``.
"""

from __future__ import annotations

from typing import Any

from communique.record import Modality

HYPOTHETICAL_MODALS = frozenset({"could", "may", "might"})
INTENDED_MODALS = frozenset({"should", "ought", "shall"})
CONDITION_MARKS = frozenset({"if", "unless"})
NEGATORS = frozenset({"not", "n't", "never", "no"})
_CLAUSE_LINKS = frozenset({"xcomp", "ccomp", "conj", "advcl", "pcomp", "acl", "relcl", "dobj", "pobj", "prep"})
_MAX_DEPTH = 6


def is_negated(tok: Any) -> bool:
    """Whether the predicate ``tok`` is negated ("will not accept", "never agreed", "refused no")."""
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in NEGATORS) for c in tok.children)


def _plan_subject(verb: Any, plan_nouns: frozenset[str]) -> bool:
    """Whether the active subject of ``verb`` is a plan ("the strategy calls for ..."), or "it"/"this"
    standing for the plan that was the subject of the sentence before."""
    for subj in (c for c in verb.children if c.dep_ == "nsubj"):
        if subj.lemma_.lower() in plan_nouns:
            return True
        if subj.lower_ in ("it", "this") and verb.sent.start > 0:
            before = verb.doc[verb.sent.start - 1].sent.root
            return any(c.dep_ == "nsubj" and c.lemma_.lower() in plan_nouns for c in before.children)
    return False


def modality(tok: Any, intention: frozenset[str], intention_nouns: frozenset[str],
             reporting: frozenset[str], plan_nouns: frozenset[str] = frozenset()) -> Modality:
    """The modality of the event triggered at ``tok`` (see the module docstring)."""
    cur = tok
    below_advcl = False  # intention above a temporal clause ("wishes X when she met Y") is not the clause's
    for _ in range(_MAX_DEPTH):
        if cur.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in cur.children):
            return "conditional"
        auxes = [c.lower_ for c in cur.children if c.dep_ in ("aux", "auxpass")]
        if any(a in HYPOTHETICAL_MODALS for a in auxes):
            return "hypothetical"
        if any(a in INTENDED_MODALS for a in auxes) and not below_advcl:
            return "intended"
        if plan_nouns and cur.pos_ in ("VERB", "AUX") and not below_advcl and _plan_subject(cur, plan_nouns):
            return "intended"
        head = cur.head
        if head.i == cur.i or cur.dep_ not in _CLAUSE_LINKS:
            break
        if not below_advcl and cur.dep_ in ("xcomp", "ccomp", "dobj", "pcomp") and head.lemma_.lower() in intention:
            return "intended"
        if not below_advcl and cur.dep_ == "acl" and head.lemma_.lower() in intention_nouns:
            return "intended"
        if cur.dep_ == "ccomp" and head.lemma_.lower() in reporting:
            return "reported"
        below_advcl = below_advcl or cur.dep_ == "advcl"
        cur = head
    return "asserted"
