"""The working state of the actors stage on one document: the mentions found so far, and what the
rules look up again and again.

Every rule module of the stage (:mod:`~communique.nlp.actors.names`, :mod:`~communique.nlp.actors.nouns`,
:mod:`~communique.nlp.actors.groups`, :mod:`~communique.nlp.actors.coref`) reads and extends one
:class:`ActorState`. This module imports none of them; it stands on the two text readers only
(:mod:`~communique.nlp.actors.roles`, :mod:`~communique.nlp.actors.match`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Generic, TypeVar

from communique.kb import NON_STATE_CODES, KnowledgeBase
from communique.kb.base import widen
from communique.nlp.actors.match import NameMatch, find_names
from communique.nlp.actors.roles import TermFinder, country_in, is_currency, stance_prefix
from communique.record import Document

K = TypeVar("K")

# Share of state mentions the most mentioned state must have to be "the document's
# country" for nouns with no country of their own ("the police", "the prime minister").
# 0.4: in single-topic news the main state has about half of the state mentions;
# below 0.4 the document is about several states and we leave the country empty.
MAIN_COUNTRY_SHARE = 0.4
# Name kinds that mention a state: a region counts for its state ("in Darfur").
_STATE_NAME_KINDS = frozenset({"country", "metonym", "demonym", "region"})


def reference_date(doc: Document) -> str | None:
    """The day roles are resolved on: the document's reference date (a month or year is widened to
    its first day), or None, when offices are not resolved by date at all."""
    return widen(doc.reference_date, last=False) if doc.reference_date else None


def short_forms(name: str) -> set[str]:
    """How a person is referred to after the first mention: surname (or family name first)."""
    parts = name.replace(".", "").split()
    if len(parts) < 2:
        return {name}
    forms = {parts[-1]}
    if "-" in parts[-1] or (len(parts) == 2 and len(parts[0]) <= 4 and parts[0].istitle() and "-" in name):
        forms.add(parts[0])  # Chinese and Korean order: "Tsai Ing-wen" → "Tsai"
    return forms


@dataclass
class Candidate:
    """One mention on its way to an actor: the candidates of one ``key`` become one actor."""

    key: str
    start: int
    end: int
    type: str
    name: str
    country: str | None = None
    sector: str | None = None
    title: str | None = None
    kb_id: str | None = None
    former: bool = False
    former_word: bool = False  # the text itself says "former", "ousted", "exiled" ...
    head: int = -1  # token index of the mention's head
    subject: bool = False
    metonym: bool = False


class CandidateIndex(Generic[K]):
    """The candidates of a growing list by the keys ``keys`` gives each, the first one under a key winning.

    The index covers the first :attr:`upto` candidates of the list; a look-up first indexes those
    added since the last one. A candidate is therefore indexed as it stood at the first look-up
    after it was added: a rule that changes a candidate's name later does not re-index it.
    """

    def __init__(self, cands: list[Candidate], keys: Callable[[Candidate], Iterable[K]]) -> None:
        self._cands = cands
        self._keys = keys
        self._entries: dict[K, Candidate] = {}
        self.upto = 0  # how many of the candidates, in the order they were added, the index covers

    def get(self, key: K) -> Candidate | None:
        for cand in self._cands[self.upto :]:
            for k in self._keys(cand):
                self._entries.setdefault(k, cand)
        self.upto = len(self._cands)
        return self._entries.get(key)


@dataclass(eq=False)
class ActorState:
    """The actors stage's work on one document: what it reads, and the candidates it has found.

    The look-ups the rules repeat are kept. Those over the text and its names (:attr:`state_mentions`,
    :attr:`main_country`, :attr:`sentences`, :attr:`sentence_of`) are computed at first use and stay
    valid, as neither changes while the rules run; those over the candidates (:meth:`known_person`,
    :meth:`headed_by`) are :class:`CandidateIndex` es that catch up with :attr:`cands` at each look-up.
    """

    kb: KnowledgeBase
    doc: Document
    parsed: Any = field(init=False)  # the spaCy Doc of the parse stage
    terms: TermFinder = field(init=False)  # the sector or title phrase ending at a token index
    ref_date: str | None = field(init=False)  # the day offices are held on, or None (see reference_date)
    names: list[NameMatch] = field(init=False)  # every name found in the text, in text order
    cands: list[Candidate] = field(init=False, default_factory=list)  # the mentions so far, in the order added
    claimed: set[int] = field(init=False, default_factory=set)  # the token indices a mention has taken
    # The people named so far ("anon:" role nouns apart), by full name, short form, KB alias and surname.
    _people: CandidateIndex[str] = field(init=False, repr=False)
    # The first mention headed by each token index.
    _heads: CandidateIndex[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.parsed = self.doc.parsed
        self.terms = TermFinder(self.kb, self.parsed)
        self.ref_date = reference_date(self.doc)
        self.names = find_names(self.kb, self.doc)
        self._people = CandidateIndex(self.cands, self._person_names)
        self._heads = CandidateIndex(self.cands, lambda cand: (cand.head,))

    # -- the candidates ---------------------------------------------------------------------
    def add(self, cand: Candidate, tokens: Iterable[int] = ()) -> None:
        """Add a mention, and claim the tokens it read so that no other mention reads them."""
        self.cands.append(cand)
        self.claimed.update(tokens)

    def free(self, span: Any) -> bool:
        """Has no mention claimed a token of ``span`` yet?"""
        return not any(t.i in self.claimed for t in span)

    def char_span(self, tokens: list[Any]) -> tuple[int, int, str]:
        """Start, end and text of the characters from the first of ``tokens`` to the last."""
        start = tokens[0].idx
        end = tokens[-1].idx + len(tokens[-1].text)
        return start, end, self.doc.text[start:end]

    def known_person(self, text: str) -> Candidate | None:
        """A person already found in this document whom ``text`` names (full name, alias or surname)."""
        return self._people.get(" ".join(text.split()))

    def headed_by(self, token: Any) -> Candidate | None:
        """The first mention headed by ``token``."""
        return self._heads.get(token.i)

    def _person_names(self, cand: Candidate) -> set[str]:
        if cand.type != "person" or cand.key.startswith("anon:"):
            return set()
        names = {cand.name} | short_forms(cand.name)
        person = self.kb.people.get(cand.kb_id) if cand.kb_id else None
        if person is not None:
            names |= set(person.aliases) | {person.surname}
        return names

    # -- the text ---------------------------------------------------------------------------
    @cached_property
    def state_mentions(self) -> list[tuple[int, str]]:
        """(offset, ISO3) of every state name, capital, demonym or region in the document."""
        # "anti-Syria" and "US $5 million" name no state here
        found = [
            (n.start, n.country)
            for n in self.names
            if n.kind in _STATE_NAME_KINDS
            and n.country
            and n.country not in NON_STATE_CODES
            and not stance_prefix(n.span[0])
            and not is_currency(n.span)
        ]
        # a state named inside an organisation's name ("Union for the Independence of Angola")
        for n in self.names:
            if n.kind == "unknown_org":
                code = country_in(self.kb, list(n.span))
                if code and code not in NON_STATE_CODES:
                    found.append((n.start, code))
        return found

    @cached_property
    def main_country(self) -> str | None:
        """The state the document is about, if one has :data:`MAIN_COUNTRY_SHARE` of the state mentions."""
        counts = Counter(code for _, code in self.state_mentions)
        if not counts:
            return None
        code, n = counts.most_common(1)[0]
        return code if n / sum(counts.values()) >= MAIN_COUNTRY_SHARE else None

    @cached_property
    def sentences(self) -> list[Any]:
        """The parsed sentences, in order."""
        return list(self.parsed.sents)

    @cached_property
    def sentence_of(self) -> list[int]:
        """For each token index, the index of its sentence in :attr:`sentences`."""
        sent_of = [0] * len(self.parsed)
        for n, sent in enumerate(self.sentences):
            for i in range(sent.start, sent.end):
                sent_of[i] = n
        return sent_of
