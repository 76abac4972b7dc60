"""Negation and modality of an event, read from the clause that carries its trigger.

Walking up from the predicate, the nearest marker decides:

* an ``if``/``unless`` adverbial clause → ``conditional``;
* a modal ``could``/``may``/``might`` → ``hypothetical``;
* ``should``/``ought`` or an intention verb or noun governing the clause
  ("wishes to strengthen", "is considering creating", "plans to", "a bid to")
  → ``intended``;
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


def modality(tok: Any, intention: frozenset[str], intention_nouns: frozenset[str],
             reporting: frozenset[str]) -> Modality:
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
        head = cur.head
        if head is cur or cur.dep_ not in _CLAUSE_LINKS:
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
