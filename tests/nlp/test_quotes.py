"""Quotes stage: quote marks, each layout of speaker and quote, indirect and mixed speech."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communique.config import Config
from communique.errors import ConfigError
from communique.kb.reporting import load_reporting_lexicon
from communique.nlp.quotes import UNATTRIBUTED_MIN_WORDS, QuotesStage
from communique.pipeline import Context
from communique.record import Actor, Document, Mention, Quote


def _quotes(nlp: Any, text: str, actors: tuple[Actor, ...] = ()) -> tuple[Quote, ...]:
    doc = Document(id="t", source="test", raw_text=text, text=text, actors=actors, parsed=nlp(text))
    out = QuotesStage()(doc, Context(Config())).quotes
    for q in out:
        assert text[q.start:q.end] == q.text
    return out


# ---------------------------------------------------------------- direct speech layouts

def test_speaker_before_the_quote(nlp: Any) -> None:
    (q,) = _quotes(nlp, "The spokeswoman said: “The border will stay open for trade and travel.”")
    assert (q.speaker_text, q.cue, q.kind) == ("The spokeswoman", "said", "direct")
    assert q.text == "The border will stay open for trade and travel."


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        ("The ministry said in a statement on Monday: “The convoy will leave at dawn.”", "The ministry", "said"),
        ("Senator Ruiz told reporters late on Friday: “The vote will not be delayed again.”",
         "Senator Ruiz", "told reporters"),
    ],
)
def test_speaker_before_the_quote_with_a_phrase_and_a_colon(nlp: Any, text: str, speaker: str, cue: str) -> None:
    (q,) = _quotes(nlp, text)
    assert (q.speaker_text, q.cue, q.kind) == (speaker, cue, "direct")


def test_speaker_after_the_quote(nlp: Any) -> None:
    (q,) = _quotes(nlp, "“We expect the talks to resume next month,” the envoy said.")
    assert q.kind == "direct"
    assert (q.speaker_text, q.cue, q.text) == ("the envoy", "said", "We expect the talks to resume next month")


def test_speaker_after_an_inverted_verb(nlp: Any) -> None:
    (q,) = _quotes(nlp, '"Nothing has been decided about the harbour yet," said the mayor of Dunmore.')
    assert q.speaker_text == "the mayor of Dunmore"
    assert q.cue == "said"


def test_speaker_after_a_question(nlp: Any) -> None:
    (q,) = _quotes(nlp, "“Is this the end of the strike?” asked one protester.")
    assert (q.speaker_text, q.cue, q.text) == ("one protester", "asked", "Is this the end of the strike?")


def test_speaker_between_two_parts_gives_two_quotes(nlp: Any) -> None:
    quotes = _quotes(nlp, "“We will never sign this treaty,” the delegate said, “and nobody can make us.”")
    assert [q.text for q in quotes] == ["We will never sign this treaty", "and nobody can make us."]
    assert {q.speaker_text for q in quotes} == {"the delegate"}


def test_multi_sentence_quote_closed_after_the_period_or_before(nlp: Any) -> None:
    for close in ("”.", ".”"):
        text = f"The general added, “Our units will stay. They will hold the northern pass{close}"
        (q,) = _quotes(nlp, text)
        assert q.speaker_text == "The general" and q.cue == "added"
        assert q.text.startswith("Our units will stay. They will hold")


def test_quote_inside_a_statement_noun_clause_is_the_speakers(nlp: Any) -> None:
    text = "The senator expressed her hope that, after the vote, “both chambers will work on the budget together.”"
    (q,) = _quotes(nlp, text)
    assert (q.speaker_text, q.cue, q.kind) == ("The senator", "expressed her hope", "direct")
    assert q.text.startswith("both chambers will work")


def test_next_quote_after_the_reporting_clause_keeps_the_speaker(nlp: Any) -> None:
    quotes = _quotes(nlp, "“The dam is safe,” the engineer said. “We inspected every gate last week.”")
    assert [q.speaker_text for q in quotes] == ["the engineer", "the engineer"]


def test_speaker_in_the_previous_sentence(nlp: Any) -> None:
    text = "The foreign minister spoke to reporters after the talks. “We have agreed on a timetable for the pullout.”"
    (q,) = _quotes(nlp, text)
    assert (q.speaker_text, q.cue, q.kind) == ("The foreign minister", "spoke", "direct")


def test_quote_after_a_quoted_statement_keeps_its_speaker(nlp: Any) -> None:
    text = "“The harvest is safe,” the governor told reporters after the flood. “We will rebuild the dams.”"
    quotes = _quotes(nlp, text)
    assert [q.speaker_text for q in quotes] == ["the governor", "the governor"]


def test_quote_after_an_unrelated_sentence_has_no_speaker(nlp: Any) -> None:
    text = "The foreign minister arrived late. “Peace is the only road left to all of us now.”"
    (q,) = _quotes(nlp, text)
    assert q.speaker is None and q.speaker_text is None


def test_quote_over_two_paragraphs_has_one_speaker(nlp: Any) -> None:
    text = "The minister told the assembly: “The first part of the plan is ready.\n\n“The rest will follow in spring.”"
    (q,) = _quotes(nlp, text)
    assert q.speaker_text == "The minister" and q.cue == "told the assembly"
    assert q.text.endswith("The rest will follow in spring.")


def test_scare_quotes_are_not_statements(nlp: Any) -> None:
    assert _quotes(nlp, "The so-called “peace dividend” never reached the villages of the valley.") == ()


def test_long_quote_without_speaker_is_kept_unattributed(nlp: Any) -> None:
    text = "A banner on the bridge read “No more tolls for the people of this town and their children”."
    (q,) = _quotes(nlp, text)
    assert q.speaker is None and q.kind == "direct"
    assert len(q.text.split()) >= UNATTRIBUTED_MIN_WORDS


# ---------------------------------------------------------------- indirect and mixed speech

@pytest.mark.parametrize(
    ("text", "speaker", "cue", "content"),
    [
        ("The prime minister warned that the ceasefire could collapse within days.",
         "The prime minister", "warned", "the ceasefire could collapse within days"),
        ("The mayor told reporters that the bridge would reopen in May.",
         "The mayor", "told reporters", "the bridge would reopen in May"),
        ("Officials stated that the grain shipments had resumed.",
         "Officials", "stated", "the grain shipments had resumed"),
        ("The navy chief asserted that no ship had entered the strait.",
         "The navy chief", "asserted", "no ship had entered the strait"),
        ("The admiral emphasized that the exercises were routine.",
         "The admiral", "emphasized", "the exercises were routine"),
        ("The chancellor made clear that the subsidy would end in June.",
         "The chancellor", "made clear", "the subsidy would end in June"),
        ("The cabinet has made it clear that it will not accept the proposal.",
         "The cabinet", "made it clear", "it will not accept the proposal"),
    ],
)
def test_indirect_speech_gives_the_that_clause(nlp: Any, text: str, speaker: str, cue: str, content: str) -> None:
    (q,) = _quotes(nlp, text)
    assert (q.kind, q.speaker_text, q.cue, q.text) == ("indirect", speaker, cue, content)


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("According to the ministry, the convoy crossed the border at dawn.",
         "the convoy crossed the border at dawn"),
        ("The convoy crossed the border at dawn, according to the ministry.",
         "The convoy crossed the border at dawn"),
    ],
)
def test_according_to_names_the_source(nlp: Any, text: str, content: str) -> None:
    (q,) = _quotes(nlp, text)
    assert (q.kind, q.speaker_text, q.cue.lower(), q.text) == ("indirect", "the ministry", "according to", content)


def test_relative_clause_speaker_is_the_noun_it_qualifies(nlp: Any) -> None:
    (q,) = _quotes(nlp, "The officer who told reporters that the road was closed left early.")
    assert (q.speaker_text, q.cue, q.text) == ("The officer", "told reporters", "the road was closed")


def test_passive_report_without_a_teller_is_not_a_quote(nlp: Any) -> None:
    assert _quotes(nlp, "I was taken aside and told that the decision was final.") == ()


def test_participle_after_a_report_keeps_its_speaker(nlp: Any) -> None:
    quotes = _quotes(nlp, "The decision was final, the chairman said, claiming that nothing could change it.")
    assert [(q.speaker_text, q.cue) for q in quotes] == [("the chairman", "said"), ("the chairman", "claiming")]


def test_quoted_words_inside_reported_speech_make_a_mixed_quote(nlp: Any) -> None:
    (q,) = _quotes(nlp, "The opposition leader said the budget was “a betrayal of voters”.")
    assert (q.kind, q.speaker_text) == ("mixed", "The opposition leader")
    assert q.text == "the budget was “a betrayal of voters”"


def test_quoted_predicate_with_the_subject_outside_is_mixed(nlp: Any) -> None:
    (q,) = _quotes(nlp, "The mayor warned that the city “will not hesitate” to close the bridge again.")
    assert (q.kind, q.speaker_text) == ("mixed", "The mayor")
    assert q.text == "the city “will not hesitate” to close the bridge again"


def test_reporting_clause_of_the_next_paragraph_is_not_the_speaker(nlp: Any) -> None:
    text = "“We have found a solution for the farmers.”\n\nThe premier said the deal was signed on Friday."
    quotes = _quotes(nlp, text)
    assert [q.speaker_text for q in quotes if q.kind == "direct"] == [None]


def test_words_quoted_by_the_speaker_are_not_reporting_clauses(nlp: Any) -> None:
    (q,) = _quotes(nlp, "“My father said that we would never leave,” the farmer told the court.")
    assert (q.speaker_text, q.kind) == ("the farmer", "direct")


_PIECES = ["The minister", "she", "said", "told reporters", "that", "according to", "Reuters", "the plan",
           "was", "“", "”", '"', "'", "‘", "’", "«", "»", ",", ".", ":", "\n\n", "we will win", "it's"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_quotes_of_any_text_have_valid_offsets(nlp: Any, pieces: list[str]) -> None:
    text = " ".join(pieces)
    for q in _quotes(nlp, text):  # _quotes checks text[start:end] == q.text
        assert 0 <= q.start < q.end <= len(text)
        assert q.kind in ("direct", "indirect", "mixed")


# ---------------------------------------------------------------- speakers linked to actors

def _actor(aid: str, name: str, text: str, type_: Any = "person", title: str | None = None) -> Actor:
    start = text.index(name)
    return Actor(aid, name, type_, "FRA", "GOV", title, None, (Mention(start, start + len(name), name),))


def test_speaker_named_in_the_frame_is_linked_to_its_actor(nlp: Any) -> None:
    text = "“The harbour stays closed,” Maria Lopez said."
    (q,) = _quotes(nlp, text, (_actor("A1", "Maria Lopez", text),))
    assert q.speaker == "A1"


def test_pronoun_speaker_is_linked_to_the_last_person(nlp: Any) -> None:
    text = "The port was shut. Maria Lopez arrived at noon. “We are ready to reopen,” she said."
    actors = (_actor("A1", "port", text, "organization"), _actor("A2", "Maria Lopez", text))
    (q,) = _quotes(nlp, text, actors)
    assert (q.speaker, q.speaker_text) == ("A2", "she")


def test_role_noun_speaker_is_linked_through_the_title(nlp: Any) -> None:
    text = "Jean Morel met the farmers. The minister said that subsidies would rise."
    (q,) = _quotes(nlp, text, (_actor("A1", "Jean Morel", text, title="Agriculture Minister"),))
    assert q.speaker == "A1"


def test_surname_speaker_is_linked_to_the_full_name(nlp: Any) -> None:
    text = "Kristin Walsh opened the show. Walsh said that the prints came from a donor."
    actor = _actor("A1", "Kristin Walsh", text)
    (q,) = _quotes(nlp, text, (actor,))
    assert (q.speaker, q.speaker_text) == ("A1", "Walsh")


# ---------------------------------------------------------------- the lexicon is data

def test_reporting_lexicon_loads_and_takes_user_files(tmp_path: Path) -> None:
    extra = tmp_path / "verbs.json"
    extra.write_text(json.dumps({"verbs": ["grumble"]}), encoding="utf-8")
    lexicon = load_reporting_lexicon([extra])
    assert {"say", "assert", "warn", "grumble"} <= lexicon.verbs
    assert ("according", "to") in lexicon.sources


def test_user_reporting_verbs_from_the_config_are_cues(nlp: Any, tmp_path: Path) -> None:
    extra = tmp_path / "verbs.json"
    extra.write_text(json.dumps({"verbs": ["grumble"]}), encoding="utf-8")
    text = "The farmer grumbled that the price of diesel had doubled."
    doc = Document(id="t", source="test", raw_text=text, text=text, parsed=nlp(text))
    assert QuotesStage()(doc, Context(Config())).quotes == ()
    (q,) = QuotesStage()(doc, Context(Config(reporting_verbs=(str(extra),)))).quotes
    assert (q.cue, q.text) == ("grumbled", "the price of diesel had doubled")


@pytest.mark.parametrize(
    ("verbs", "cue", "reports"),
    [(["grumble"], True, True), ({"grumble": ["quotes", "events"]}, True, True),
     ({"grumble": ["quotes"]}, True, False), ({"grumble": ["events"]}, False, True)],
)
def test_a_users_reporting_verb_serves_quotes_and_events_as_its_uses_say(
        tmp_path: Path, verbs: object, cue: bool, reports: bool) -> None:
    extra = tmp_path / "verbs.json"
    extra.write_text(json.dumps({"verbs": verbs}), encoding="utf-8")
    lexicon = load_reporting_lexicon([extra])
    assert ("grumble" in lexicon.verbs, "grumble" in lexicon.event_verbs) == (cue, reports)


def test_one_reporting_verb_file_cues_the_quote_and_reports_the_event(tmp_path: Path) -> None:
    from communique.library import extract

    extra = tmp_path / "verbs.json"
    extra.write_text(json.dumps({"verbs": ["grumble"]}), encoding="utf-8")
    text = "Russia grumbled that Ukraine attacked the village."
    before, after = (extract(text, config=Config(reporting_verbs=files)) for files in ((), (str(extra),)))
    assert (before.quotes, [(e.type, e.modality) for e in before.events]) == ((), [("ASSAULT", "asserted")])
    assert [(q.cue, q.text) for q in after.quotes] == [("grumbled", "Ukraine attacked the village")]
    assert [(e.type, e.modality) for e in after.events] == [("ASSAULT", "reported")]


def test_package_reporting_verbs_keep_their_two_uses_apart() -> None:
    lexicon = load_reporting_lexicon()
    assert {"say", "tell", "claim"} <= lexicon.verbs & lexicon.event_verbs
    assert {"agree", "threaten", "urge"} <= lexicon.verbs - lexicon.event_verbs  # events of their own
    assert {"believe", "think", "make", "point"} <= lexicon.event_verbs - lexicon.verbs
    assert (len(lexicon.verbs), len(lexicon.event_verbs)) == (83, 44)


def test_bad_reporting_lexicon_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "verbs.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"verbs\.json"):
        load_reporting_lexicon([bad])


# ---------------------------------------------------------------- the seed article, end to end

def test_seed_quotes_are_attributed_to_tsai_and_seko(seed_record: Any) -> None:
    names = {a.id: a.name for a in seed_record.actors}

    def speaker_of(fragment: str) -> tuple[str | None, str]:
        q = max((q for q in seed_record.quotes if fragment in q.text), key=lambda q: q.end - q.start)
        return names.get(q.speaker or ""), q.kind  # the outermost quote holding the fragment

    assert speaker_of("The nation would also engage") == ("Tsai Ing-wen", "direct")
    assert speaker_of("we will further uphold") == ("Hiroshige Seko", "direct")
    assert speaker_of("it will not accept")[0] == "Hiroshige Seko"
    assert speaker_of("recently amended its National Security Strategy") == ("Hiroshige Seko", "indirect")
    assert speaker_of("very significant partner")[0] == "Hiroshige Seko"
    assert speaker_of("Taiwan wishes to strengthen security relations") == ("Tsai Ing-wen", "indirect")
    tsai = next(q for q in seed_record.quotes if "The nation would" in q.text)
    assert tsai.text.rstrip(".").endswith("Indo-Pacific region")
