"""Coreference inside one document: surnames, role nouns, the nation, pronouns, the two sides."""

from __future__ import annotations

from typing import Any

import pytest

from communique.config import Config
from communique.nlp.actors import ActorsStage, actor_at, resolve_group
from communique.nlp.entities import EntitiesStage
from communique.nlp.parse import ParseStage
from communique.pipeline import Context
from communique.record import Actor, Document


@pytest.fixture(scope="module")
def ctx(nlp: Any) -> Context:
    ctx = Context(Config())
    ctx.resources.derived("nlp", lambda: nlp)
    return ctx


def run(ctx: Context, text: str, reference_date: str | None = "2022-12-28") -> Document:
    doc = Document(id="t", source="test", raw_text=text, text=text, reference_date=reference_date)
    for stage in (ParseStage(), EntitiesStage(), ActorsStage()):
        doc = stage(doc, ctx)
    return doc


def at(doc: Document, text: str, occurrence: int = 0) -> Actor | None:
    start = -1
    for _ in range(occurrence + 1):
        start = doc.text.index(text, start + 1)
    return actor_at(doc, start, start + len(text))


def test_surname_and_role_noun_are_the_named_person(ctx: Context) -> None:
    doc = run(ctx, "Japanese lawmaker Hiroshige Seko led the delegation. Seko praised the plan. "
                   "The lawmaker expressed his hope for peace.")
    seko = at(doc, "Hiroshige Seko")
    assert seko is not None
    assert at(doc, "Seko", 1) == seko
    assert at(doc, "lawmaker", 1) == seko


def test_the_president_is_the_president_already_named(ctx: Context) -> None:
    doc = run(ctx, "Tsai Ing-wen, the President of Taiwan, met the visitors. "
                   "The President added that talks would go on.")
    assert at(doc, "President", 1) == at(doc, "Tsai Ing-wen")


def test_the_nation_is_the_most_salient_state(ctx: Context) -> None:
    doc = run(ctx, "Taiwan wants peace. Taiwan is building its defences with help from Japan. "
                   "The nation will spend more next year.")
    nation = at(doc, "nation")
    assert nation is not None and nation.country == "TWN"


@pytest.mark.parametrize(
    ("text", "pronoun", "antecedent"),
    [
        ("Tsai Ing-wen met the delegation. She said ties would grow.", "She", "Tsai Ing-wen"),
        ("Seko said that Japan amended its strategy. It seeks more capability.", "It", "Japan"),
        ("Israeli troops entered the town. They left at dawn.", "They", "troops"),
    ],
)
def test_subject_pronoun_takes_the_nearest_compatible_subject(ctx: Context, text: str, pronoun: str,
                                                              antecedent: str) -> None:
    doc = run(ctx, text)
    target = at(doc, antecedent)
    assert target is not None and at(doc, pronoun) == target


def test_pronoun_without_a_clear_antecedent_stays_unlinked(ctx: Context) -> None:
    doc = run(ctx, "Seko praised Japan. The new strategy calls for more spending. It emphasizes missiles.")
    assert at(doc, "It") is None


def test_the_two_sides_are_the_two_states_in_focus(ctx: Context) -> None:
    doc = run(ctx, "China protested. Taiwan and Japan held talks on Friday. The two sides reviewed the plan.")
    start = doc.text.index("The two sides")
    sides = resolve_group(doc, start, start + len("The two sides"))
    assert {a.country for a in sides} == {"TWN", "JPN"}
    assert resolve_group(doc, 0, 5) == ()


def test_stop_words_are_not_surnames(ctx: Context) -> None:
    doc = run(ctx, "James To spoke first. To the crowd, the speech was long.")
    speaker = at(doc, "James To")
    assert speaker is not None
    assert at(doc, "To", 1) is None


def test_the_official_is_the_person_of_that_sector_already_named(ctx: Context) -> None:
    doc = run(ctx, "Maria Ruiz, a Peruvian official, met reporters. The official said talks would go on.")
    ruiz = at(doc, "Maria Ruiz")
    assert ruiz is not None and at(doc, "official", 1) == ruiz


def test_a_role_noun_of_another_sector_is_not_linked(ctx: Context) -> None:
    doc = run(ctx, "Maria Ruiz, a Peruvian teacher, met reporters. The student said talks would go on.")
    assert at(doc, "student") != at(doc, "Maria Ruiz")


def test_a_surname_is_first_someone_the_document_named(ctx: Context) -> None:
    doc = run(ctx, "Stan Lee visited Seoul. Lee said the fans were wonderful.", "2025-08-01")
    stan = at(doc, "Stan Lee")
    assert stan is not None and stan.kb_id is None
    assert at(doc, "Lee", 1) == stan
