"""One predicate, one event; a verb used in no event's sense never breaks the stage."""

from __future__ import annotations

from typing import Any

from tests.nlp.test_events import _events

from communique.nlp.events.merge import merge_codings
from communique.record import Event, Span

TEXT = "Norway met with Sweden in Oslo."


def _event(cameo: str, plover: str, start: int, end: int, actor: tuple[str, ...] = ("A1",),
           recipient: tuple[str, ...] = (), confidence: float = 0.7) -> Event:
    return Event(id="", type=plover, mode=None, context=(), cameo=cameo, goldstein=None, quad_class=None,
                 actor=actor, recipient=recipient, date=None, date_text=None, location=None, negated=False,
                 modality="asserted", evidence=Span(start, end, TEXT[start:end]), confidence=confidence)


def test_coordinated_verbs_of_one_code_are_one_event_with_every_recipient(nlp: Any) -> None:
    doc, events = _events(nlp, "Norway wishes to strengthen security relations and develop ties with Sweden.")
    assert [(e.type, e.cameo) for e in events] == [("SUPPORT", "050")]
    assert events[0].evidence.text == "Norway wishes to strengthen security relations and develop ties with Sweden"
    assert [a.name for a in doc.actors if a.id in events[0].recipient] == ["Sweden"]


def test_two_acts_of_one_actor_stay_two_events(nlp: Any) -> None:
    _, events = _events(nlp, "Norway met with Sweden and agreed to resume talks.")
    assert [e.type for e in events] == ["CONSULT", "AGREE"]
    assert [e.id for e in events] == ["E1", "E2"]


def test_the_same_span_under_two_codes_keeps_the_more_specific() -> None:
    merged = merge_codings([_event("040", "CONSULT", 0, 22), _event("036", "AGREE", 0, 22, recipient=("A2",))],
                           TEXT)
    assert [(e.cameo, e.recipient) for e in merged] == [("036", ("A2",))]


def test_nested_evidence_of_one_type_merges_but_of_two_types_does_not() -> None:
    same = merge_codings([_event("040", "CONSULT", 0, 10), _event("042", "CONSULT", 0, 22)], TEXT)
    assert [(e.cameo, e.evidence.text) for e in same] == [("042", "Norway met with Sweden")]
    other = merge_codings([_event("040", "CONSULT", 0, 10), _event("036", "AGREE", 0, 22)], TEXT)
    assert [e.cameo for e in other] == ["040", "036"]


def test_other_actors_are_other_predicates() -> None:
    events = [_event("040", "CONSULT", 0, 22), _event("040", "CONSULT", 0, 22, actor=("A2",))]
    assert len(merge_codings(events, TEXT)) == 2


def test_a_verb_in_its_non_event_sense_under_will_is_no_event(nlp: Any) -> None:
    _, events = _events(nlp, "Norway will demonstrate its determination to fight corruption.")
    assert events == []
    _, framed = _events(nlp, "Norway agreed to demonstrate its resolve to Sweden.")
    assert [e.type for e in framed] == ["AGREE"]
