"""Events stage: each construction on sentences of our own, with actors built by hand.

The documents are parsed with the session's spaCy model and given hand-made actors (one
mention per occurrence of a name), so these tests do not depend on the actors stage.
"""

from __future__ import annotations

import json
import re
import signal
from typing import Any

import pytest
from tests.conftest import SAMPLES

from communique.config import Config
from communique.kb.lexicon import load_lexicon
from communique.nlp.events import EventsStage, code_events
from communique.pipeline import Context
from communique.record import Actor, ActorType, DateMention, Document, Event, Mention, Place

COUNTRIES = {
    "Russia": "RUS", "Ukraine": "UKR", "Hungarian": "HUN", "Romanian": "ROU", "Kenya": "KEN",
    "Uganda": "UGA", "Brazil": "BRA", "Germany": "DEU", "France": "FRA", "Chad": "TCD", "Canada": "CAN",
    "Mexico": "MEX", "Spain": "ESP", "Portugal": "PRT", "Chile": "CHL", "Peru": "PER", "Iran": "IRN",
    "Iraq": "IRQ", "Egypt": "EGY", "Libya": "LBY", "Poland": "POL", "Japan": "JPN", "Nepal": "NPL",
    "Norway": "NOR", "Sweden": "SWE", "Ghana": "GHA", "Togo": "TGO", "Finland": "FIN",
}


def _doc(nlp: Any, text: str, dates: tuple[DateMention, ...] = ()) -> Document:
    actors: list[Actor] = []
    for name, code in COUNTRIES.items():
        mentions = tuple(Mention(m.start(), m.end(), name) for m in re.finditer(rf"\b{name}\b", text))
        if mentions:
            kind: ActorType = "group" if name.endswith("ian") else "state"
            actors.append(Actor(f"A{len(actors) + 1}", name, kind, code, "GOV", None, None, mentions))
    return Document(id="t", source="test", raw_text=text, text=text, reference_date="2024-05-01",
                    actors=tuple(actors), dates=dates, parsed=nlp(text))


def _events(nlp: Any, text: str, dates: tuple[DateMention, ...] = ()) -> tuple[Document, list[Event]]:
    doc = _doc(nlp, text, dates)
    return doc, code_events(doc, load_lexicon())


def _countries(doc: Document, ids: tuple[str, ...]) -> list[str]:
    by_id = {a.id: a.country for a in doc.actors}
    return [str(by_id[i]) for i in ids]


def _only(nlp: Any, text: str, plover: str) -> tuple[Document, Event]:
    doc, events = _events(nlp, text)
    matching = [e for e in events if e.type == plover]
    assert matching, f"no {plover} event in {[(e.type, e.cameo) for e in events]}"
    return doc, matching[0]


@pytest.mark.parametrize(
    ("text", "plover", "actor", "recipient"),
    [
        ("Russia attacked Ukraine on Monday.", "ASSAULT", ["RUS"], ["UKR"]),
        ("Ukraine was attacked by Russia on Monday.", "ASSAULT", ["RUS"], ["UKR"]),
        ("Hungarian and Romanian officials signed a trade agreement.", "SUPPORT", ["HUN", "ROU"], []),
        ("Kenya held talks with Uganda in Nairobi.", "CONSULT", ["KEN"], ["UGA"]),
        ("Brazil mobilized its troops.", "MOBILIZE", ["BRA"], []),
        ("Canada praised Mexico's plan.", "SUPPORT", ["CAN"], ["MEX"]),
        ("Norway sent humanitarian aid to Chad.", "AID", ["NOR"], ["TCD"]),
        ("The United Nations accused Iraq of torturing prisoners.", "ACCUSE", [], ["IRQ"]),
        ("Poland imposed sanctions on Russia.", "COERCE", ["POL"], ["RUS"]),
        ("Thousands of workers protested against Peru's new tax.", "PROTEST", [], ["PER"]),
    ],
)
def test_events_take_actor_and_recipient_from_the_parse(nlp: Any, text: str, plover: str, actor: list[str],
                                                       recipient: list[str]) -> None:
    doc, event = _only(nlp, text, plover)
    assert _countries(doc, event.actor) == actor
    assert _countries(doc, event.recipient) == recipient
    assert event.modality == "asserted" and not event.negated


def test_every_event_of_a_sentence_is_coded_in_text_order(nlp: Any) -> None:
    doc, events = _events(nlp, "Russia shelled Ukraine, and Poland later condemned Russia.")
    assert [e.type for e in events] == ["ASSAULT", "ACCUSE"]
    assert [e.id for e in events] == ["E1", "E2"]
    assert _countries(doc, events[1].actor) == ["POL"]
    assert _countries(doc, events[1].recipient) == ["RUS"]


def test_reported_clause_is_the_speakers_report_of_the_subjects_event(nlp: Any) -> None:
    doc, event = _only(nlp, "Germany said that France sent troops to Chad.", "MOBILIZE")
    assert _countries(doc, event.actor) == ["FRA"]
    assert event.modality == "reported"


def test_will_not_accept_is_a_rejection_not_a_negated_acceptance(nlp: Any) -> None:
    doc, events = _events(nlp, "Japan will not accept the proposal.")
    assert [(e.type, e.negated) for e in events] == [("REJECT", False)]
    assert _countries(doc, events[0].actor) == ["JPN"]


def test_negated_act_keeps_its_type_with_negated_true(nlp: Any) -> None:
    _, events = _events(nlp, "Spain did not attack Portugal.")
    assert [(e.type, e.negated) for e in events] == [("ASSAULT", True)]


@pytest.mark.parametrize(
    ("text", "plover"),
    [
        ("Chile is considering creating a militia.", "MOBILIZE"),
        ("Peru wishes to strengthen ties with Chile.", "SUPPORT"),
        ("Peru and Chile should work together.", "COOPERATE"),
        ("Finland plans to deploy troops.", "MOBILIZE"),
    ],
)
def test_intentions_are_intended(nlp: Any, text: str, plover: str) -> None:
    _, event = _only(nlp, text, plover)
    assert event.modality == "intended"


def test_if_clause_is_conditional(nlp: Any) -> None:
    doc, events = _events(nlp, "If Iran attacks Iraq, Egypt will condemn Iran.")
    attack = next(e for e in events if e.type == "ASSAULT")
    assert attack.modality == "conditional"
    assert _countries(doc, attack.actor) == ["IRN"]


def test_could_is_hypothetical(nlp: Any) -> None:
    _, event = _only(nlp, "Egypt could deploy troops to Libya.", "MOBILIZE")
    assert event.modality == "hypothetical"


def test_a_stated_future_cooperation_is_an_agreement(nlp: Any) -> None:
    doc, event = _only(nlp, "Japan will send aid to Nepal.", "AGREE")
    assert event.cameo is not None and event.cameo.startswith("03")
    assert _countries(doc, event.recipient) == ["NPL"]


def test_urging_another_to_act_is_a_request_toward_them(nlp: Any) -> None:
    doc, event = _only(nlp, "Sweden urged Ghana to release the prisoners.", "REQUEST")
    assert _countries(doc, event.actor) == ["SWE"]
    assert _countries(doc, event.recipient) == ["GHA"]
    assert not any(e.type == "RETREAT" for e in _events(nlp, "Sweden urged Ghana to release the prisoners.")[1])


def test_nominal_event_with_possessor_and_prepositional_recipient(nlp: Any) -> None:
    doc, event = _only(nlp, "Ghana's meeting with Togo ended early.", "CONSULT")
    assert _countries(doc, event.actor) == ["GHA"]
    assert _countries(doc, event.recipient) == ["TGO"]


def test_fields_are_filled_from_the_code_table(nlp: Any) -> None:
    lex = load_lexicon()
    _, event = _only(nlp, "Russia attacked Ukraine on Monday.", "ASSAULT")
    assert event.cameo in lex.codes
    info = lex.codes[str(event.cameo)]
    assert (event.goldstein, event.quad_class) == (info.goldstein, info.quad_class) and event.quad_class == 4
    assert "military" in event.context
    assert 0 < event.confidence <= 1


def test_evidence_covers_trigger_and_arguments_inside_the_sentence(nlp: Any) -> None:
    text = "Rain fell. Russia attacked Ukraine on Monday. Markets rose."
    doc, events = _events(nlp, text)
    (event,) = events
    assert event.evidence.text == doc.text[event.evidence.start:event.evidence.end]
    assert event.evidence.text.startswith("Russia") and "attacked" in event.evidence.text
    assert "Ukraine" in event.evidence.text
    assert text.index("Russia") <= event.evidence.start and event.evidence.end <= text.index(" Markets")


def test_date_comes_from_the_clause_else_the_reference_date(nlp: Any) -> None:
    text = "Russia attacked Ukraine on 3 March 2024. Poland condemned Russia."
    start = text.index("3 March 2024")
    date = DateMention("3 March 2024", "2024-03-03", start, start + len("3 March 2024"))
    _, events = _events(nlp, text, dates=(date,))
    attack, condemn = events
    assert (attack.date, attack.date_text) == ("2024-03-03", "3 March 2024")
    assert (condemn.date, condemn.date_text) == ("2024-05-01", None)


def test_militia_object_sets_the_mobilize_mode(nlp: Any) -> None:
    _, event = _only(nlp, "Chile is considering creating a militia.", "MOBILIZE")
    assert event.mode == "militia"


def test_stage_adds_events_and_keeps_other_layers(nlp: Any) -> None:
    doc = _doc(nlp, "Russia attacked Ukraine.")
    out = EventsStage()(doc, Context(Config()))
    assert [e.type for e in out.events] == ["ASSAULT"] and out.actors == doc.actors
    assert EventsStage()(doc.with_(parsed=None), Context(Config())).events == ()


def test_seed_article_events(seed_record: Any) -> None:
    doc = seed_record
    country = {a.id: a.country for a in doc.actors}

    def find(plover: str, word: str) -> Event:
        hits = [e for e in doc.events if e.type == plover and word in e.evidence.text]
        assert hits, f"no {plover} event with {word!r}: {[(e.type, e.evidence.text) for e in doc.events]}"
        return hits[0]

    def countries(ids: tuple[str, ...]) -> set[str | None]:
        return {country[i] for i in ids}

    meeting = find("CONSULT", "met with the delegation")
    assert "TWN" in countries(meeting.actor) and countries(meeting.recipient) == {"JPN"}
    assert meeting.date == "2022-12-28"
    praise = find("SUPPORT", "praised")
    assert countries(praise.actor) == {"JPN"} and countries(praise.recipient) == {"TWN"}
    assert find("SUPPORT", "strengthen").modality == "intended"
    militia = find("MOBILIZE", "militia")
    assert militia.modality == "intended" and countries(militia.actor) == {"TWN"}
    weapons = find("MOBILIZE", "acquisition")
    assert weapons.modality == "intended" and weapons.mode == "weapons"
    assert countries(find("MOBILIZE", "defense spending").actor) == {"JPN"}
    refusal = find("REJECT", "not accept")
    assert countries(refusal.actor) == {"JPN"} and not refusal.negated
    partner = find("SUPPORT", "partner")
    assert countries(partner.actor) == {"JPN"} and countries(partner.recipient) == {"TWN"}
    for event in doc.events:
        assert any(s.start <= event.evidence.start and event.evidence.end <= s.end for s in doc.sentences)


def test_location_is_a_place_named_as_a_location_not_a_participant(nlp: Any) -> None:
    text = "Kenya held talks with Uganda in Nairobi."
    places = tuple(Place(name, name, code, None, None, text.index(name), text.index(name) + len(name))
                   for name, code in (("Kenya", "KEN"), ("Uganda", "UGA"), ("Nairobi", "KEN")))
    doc = _doc(nlp, text).with_(places=places)
    (event,) = code_events(doc, load_lexicon())
    assert event.location == "Nairobi"


def test_reported_must_is_the_speakers_demand_on_the_subject(nlp: Any) -> None:
    doc, event = _only(nlp, "Germany said that Iran must release the sailors.", "REQUEST")
    assert _countries(doc, event.actor) == ["DEU"] and _countries(doc, event.recipient) == ["IRN"]
    assert event.cameo == "1053"


def test_threat_is_aimed_at_the_subject_of_its_condition(nlp: Any) -> None:
    doc, event = _only(nlp, "Iran threatened to close the strait unless Iraq withdrew its troops.", "THREATEN")
    assert _countries(doc, event.actor) == ["IRN"] and _countries(doc, event.recipient) == ["IRQ"]


def test_protest_absorbs_its_demand_and_takes_its_target(nlp: Any) -> None:
    doc, events = _events(nlp, "Students in Ghana marched on Monday to demand the resignation of Togo's president.")
    assert [e.type for e in events] == ["PROTEST"]
    assert _countries(doc, events[0].actor) == ["GHA"] and _countries(doc, events[0].recipient) == ["TGO"]


@pytest.mark.parametrize(
    ("text", "requests"),
    [
        ("Sweden told Ghana to withdraw its troops.", 1),
        ("Sweden told reporters that the talks had gone well.", 0),
    ],
)
def test_tell_demands_only_with_an_instruction(nlp: Any, text: str, requests: int) -> None:
    _, events = _events(nlp, text)
    assert sum(e.type == "REQUEST" for e in events) == requests


def test_events_on_real_news_keep_their_invariants(pipeline: Any) -> None:
    lines = (SAMPLES / "wikinews_gum.jsonl").read_text(encoding="utf-8").splitlines()[:6]
    total = 0
    for number, line in enumerate(lines):
        record = json.loads(line)
        doc = pipeline(Document(id=str(number), source="gum", raw_text=record["text"]))
        known = {a.id for a in doc.actors}
        assert [e.id for e in doc.events] == [f"E{i + 1}" for i in range(len(doc.events))]
        for event in doc.events:
            total += 1
            assert doc.text[event.evidence.start:event.evidence.end] == event.evidence.text
            assert any(s.start <= event.evidence.start and event.evidence.end <= s.end for s in doc.sentences)
            assert set(event.actor) | set(event.recipient) <= known and (event.actor or event.recipient)
            assert 0 < event.confidence <= 1 and event.modality in (
                "asserted", "intended", "hypothetical", "reported", "conditional")
    assert total > 10


def test_received_support_is_the_givers_event(nlp: Any) -> None:
    doc, event = _only(nlp, "Chile received military aid from Peru.", "AID")
    assert _countries(doc, event.actor) == ["PER"] and _countries(doc, event.recipient) == ["CHL"]


@pytest.mark.parametrize(
    ("text", "plover", "recipient"),
    [
        ("The Chad president arrived in Kenya on a surprise visit.", "CONSULT", ["KEN"]),
        ("Kenya imposed a curfew in the town of Lira in northern Uganda.", "COERCE", ["UGA"]),
        ("Russia fired shells at targets in Ukraine on Sunday.", "ASSAULT", ["UKR"]),
    ],
)
def test_the_state_where_an_event_happens_is_its_recipient_when_no_one_else_is(
        nlp: Any, text: str, plover: str, recipient: list[str]) -> None:
    doc, event = _only(nlp, text, plover)
    assert _countries(doc, event.recipient) == recipient


def test_a_named_recipient_wins_over_the_place(nlp: Any) -> None:
    doc, event = _only(nlp, "Kenya held talks with Uganda in Nepal.", "CONSULT")
    assert _countries(doc, event.recipient) == ["UGA"]


def test_a_stative_participle_keeps_its_subject_as_the_actor(nlp: Any) -> None:
    doc, event = _only(nlp, "Kenya is opposed to any mediation by Uganda.", "REJECT")
    assert _countries(doc, event.actor) == ["KEN"]


def test_a_possessive_pronoun_on_a_nominal_event_points_to_the_clause_subject(nlp: Any) -> None:
    doc, event = _only(nlp, "Germany renewed its call for Russia to release the prisoners.", "REQUEST")
    assert _countries(doc, event.actor) == ["DEU"]


def test_the_two_sides_are_the_two_states_in_focus(nlp: Any) -> None:
    doc, events = _events(nlp, "Kenya hosted a delegation from Uganda. The two sides also discussed border trade.")
    talks = [e for e in events if e.type == "CONSULT" and "sides" in e.evidence.text]
    assert talks, [(e.type, e.evidence.text) for e in events]
    assert sorted(_countries(doc, talks[0].actor)) == ["KEN", "UGA"]


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Poland's new defence strategy deploys troops to the border.", "intended"),
        ("Poland's new strategy is ambitious. It deploys troops to the border.", "intended"),
        ("Poland adopted a new defence strategy. Poland deployed troops to the border.", "asserted"),
    ],
)
def test_what_a_plan_says_is_intended_not_done(nlp: Any, text: str, modality: str) -> None:
    _, event = _only(nlp, text, "MOBILIZE")
    assert event.modality == modality


def test_a_plan_as_the_passive_subject_does_not_make_the_act_intended(nlp: Any) -> None:
    _, event = _only(nlp, "The plan was rejected by Poland.", "REJECT")
    assert event.modality == "asserted"


def test_a_verbless_sentence_before_a_bridged_object_ends(nlp: Any) -> None:
    # The owner of "the strategy" is looked for in the sentence before, whose root is a noun: the
    # climb to its verb must stop at the root instead of circling there (it once hung a document).
    def stuck(*_: Any) -> None:
        raise TimeoutError("coding two short sentences took over 10 s")

    previous = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(10)
    try:
        _, events = _events(nlp, "The new defence strategy. Japan praised the strategy.")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert [(e.type, e.cameo) for e in events] == [("SUPPORT", "051")]
