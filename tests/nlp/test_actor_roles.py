"""Sector and title phrases read from tokens: the per-document TermFinder answers as term_at does."""

from __future__ import annotations

from typing import Any

import pytest

from communique.kb import KnowledgeBase, load_kb
from communique.nlp.actors.roles import TermFinder, term_at


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


TEXT = (
    "The deputy foreign minister of Japan met Israeli troops and a senior police officer on Monday. "
    "U.N. Secretary-General Antonio Guterres said the prime minister's spokesman and border patrol agents "
    "spoke to lawmakers."
)


def test_term_finder_gives_term_at_answer_at_every_token(nlp: Any, kb: KnowledgeBase) -> None:
    doc = nlp(TEXT)
    finder = TermFinder(kb, doc)
    answers = [term_at(kb, doc, i) for i in range(len(doc))]
    assert [finder(i) for i in range(len(doc))] == answers
    assert [finder(i) for i in reversed(range(len(doc)))] == answers[::-1]  # remembered answers agree
    found = {a[1] for a in answers if a is not None}
    # two-word titles, a hyphenated one read across three tokens, a plural read by its lemma
    assert {"foreign minister", "police officer", "secretary-general", "lawmaker"} <= found


def test_multiword_title_starts_at_its_first_word(nlp: Any, kb: KnowledgeBase) -> None:
    doc = nlp(TEXT)
    finder = TermFinder(kb, doc)
    end = next(t.i for t in doc if t.lower_ == "minister")
    start, phrase = finder(end)  # type: ignore[misc]
    assert start < end and phrase.endswith("minister") and phrase == " ".join(t.lower_ for t in doc[start : end + 1])


def test_nothing_ends_before_the_first_token(nlp: Any, kb: KnowledgeBase) -> None:
    doc = nlp(TEXT)
    assert TermFinder(kb, doc)(-1) is None and term_at(kb, doc, -1) is None
