"""Quotes stage: quote marks, each layout of speaker and quote, indirect and mixed speech."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from communique.config import Config
from communique.errors import ConfigError
from communique.nlp.quotes import (
    UNATTRIBUTED_MIN_WORDS,
    QuotesStage,
    find_quoted_spans,
    load_reporting_lexicon,
)
from communique.pipeline import Context
from communique.record import Actor, Document, Mention, Quote


def _quotes(nlp: Any, text: str, actors: tuple[Actor, ...] = ()) -> tuple[Quote, ...]:
    doc = Document(id="t", source="test", raw_text=text, text=text, actors=actors, parsed=nlp(text))
    out = QuotesStage()(doc, Context(Config())).quotes
    for q in out:
        assert text[q.start:q.end] == q.text
    return out


def _words(text: str, spans: list[Any]) -> list[str]:
    return [text[s.start:s.end] for s in spans]


# ---------------------------------------------------------------- quote marks (no model)

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said “we will stay” then left.", ["we will stay"]),
        ('He said "we will stay" then left.', ["we will stay"]),
        ("He said ‘we will stay’ then left.", ["we will stay"]),
        ("He said 'we will stay' then left.", ["we will stay"]),
        ("He said «we will stay» then left.", ["we will stay"]),
        ("Er sagte „wir bleiben“ und ging.", ["wir bleiben"]),
        ("He said ‹we will stay› then left.", ["we will stay"]),
        ("It ended: “We will stay.”", ["We will stay."]),
        ("It ended: “We will stay”.", ["We will stay"]),
        ("“We will stay,” he said.", ["We will stay"]),
    ],
)
def test_quote_marks_of_every_style_are_paired(text: str, expected: list[str]) -> None:
    assert _words(text, find_quoted_spans(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The minister’s plan didn’t pass; the farmers’ union objected.",
        "The minister's plan didn't pass; the farmers' union objected.",
        "Trump 's visit in the '90s was 'rock 'n' roll' said nobody",
    ],
)
def test_apostrophes_are_not_taken_for_quote_marks(text: str) -> None:
    spans = _words(text, find_quoted_spans(text))
    assert all("plan" not in s and "visit" not in s for s in spans)


def test_single_quotes_beside_apostrophes_are_found() -> None:
    text = "The union’s chief called it ‘a day of shame’ on Friday, didn’t she?"
    assert _words(text, find_quoted_spans(text)) == ["a day of shame"]


def test_quote_opened_again_at_paragraph_start_continues() -> None:
    text = "She said: “The first stage is done.\n\n“The second stage starts in May.”\n\nOther news."
    (span,) = find_quoted_spans(text)
    assert text[span.start:span.end] == "The first stage is done.\n\n“The second stage starts in May."


def test_quote_left_open_ends_with_its_paragraph() -> None:
    text = "She said: “The first stage is done.\n\nOther news follows here."
    (span,) = find_quoted_spans(text)
    assert text[span.start:span.end] == "The first stage is done."
    assert not span.closed


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab .,\n“”\"'‘’«»„", max_size=80))
def test_quoted_spans_stay_inside_the_text_in_order(text: str) -> None:
    last = 0
    for span in find_quoted_spans(text):
        assert last <= span.open < span.start <= span.end <= span.after <= len(text)
        last = span.after


# ---------------------------------------------------------------- direct speech layouts

def test_speaker_before_the_quote(nlp: Any) -> None:
    (q,) = _quotes(nlp, "The spokeswoman said: “The border will stay open for trade and travel.”")
    assert (q.speaker_text, q.cue, q.kind) == ("The spokeswoman", "said", "direct")
    assert q.text == "The border will stay open for trade and travel."


def test_speaker_after_the_quote(nlp: Any) -> None:
    (q,) = _quotes(nlp, "“We expect the talks to resume next month,” the envoy said.")
    assert (q.speaker_text, q.cue, q.text) == ("the envoy", "said", "We expect the talks to resume next month")


def test_speaker_after_an_inverted_verb(nlp: Any) -> None:
    (q,) = _quotes(nlp, '"Nothing has been decided about the harbour yet," said the mayor of Dunmore.')
    assert q.speaker_text == "the mayor of Dunmore"
    assert q.cue == "said"


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


def test_quoted_words_inside_reported_speech_make_a_mixed_quote(nlp: Any) -> None:
    (q,) = _quotes(nlp, "The opposition leader said the budget was “a betrayal of voters”.")
    assert (q.kind, q.speaker_text) == ("mixed", "The opposition leader")
    assert q.text == "the budget was “a betrayal of voters”"


def test_words_quoted_by_the_speaker_are_not_reporting_clauses(nlp: Any) -> None:
    (q,) = _quotes(nlp, "“My father said that we would never leave,” the farmer told the court.")
    assert (q.speaker_text, q.kind) == ("the farmer", "direct")


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


# ---------------------------------------------------------------- the lexicon is data

def test_reporting_lexicon_loads_and_takes_user_files(tmp_path: Path) -> None:
    extra = tmp_path / "verbs.json"
    extra.write_text(json.dumps({"verbs": ["grumble"]}), encoding="utf-8")
    lexicon = load_reporting_lexicon([extra])
    assert {"say", "assert", "warn", "grumble"} <= lexicon.verbs
    assert ("according", "to") in lexicon.sources


def test_bad_reporting_lexicon_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "verbs.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"verbs\.json"):
        load_reporting_lexicon([bad])


# ---------------------------------------------------------------- the seed article, end to end

def test_seed_quotes_are_attributed_to_tsai_and_seko(seed_record: Any) -> None:
    names = {a.id: a.name for a in seed_record.actors}

    def speaker_of(fragment: str) -> tuple[str | None, str]:
        (q,) = [q for q in seed_record.quotes if fragment in q.text]
        return names.get(q.speaker or ""), q.kind

    assert speaker_of("The nation would also engage") == ("Tsai Ing-wen", "direct")
    assert speaker_of("we will further uphold") == ("Hiroshige Seko", "direct")
    assert speaker_of("it will not accept")[0] == "Hiroshige Seko"
    assert speaker_of("recently amended its National Security Strategy") == ("Hiroshige Seko", "indirect")
    assert speaker_of("very significant partner")[0] == "Hiroshige Seko"
    tsai = next(q for q in seed_record.quotes if "The nation would" in q.text)
    assert tsai.text.rstrip(".").endswith("Indo-Pacific region")
