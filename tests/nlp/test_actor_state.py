"""The actors stage's working state: its candidate indexes catch up with the candidates added since
the last look-up (no model needed: candidates are built by hand)."""

from __future__ import annotations

import pytest

from communique.nlp.actors.state import Candidate, CandidateIndex, short_forms


def person(name: str, start: int) -> Candidate:
    return Candidate(key="person:" + name.lower(), start=start, end=start + len(name), type="person", name=name)


def by_name(cands: list[Candidate]) -> CandidateIndex[str]:
    return CandidateIndex(cands, lambda cand: {cand.name} | short_forms(cand.name))


def test_an_index_finds_a_candidate_added_after_its_last_look_up() -> None:
    cands = [person("Hiroshige Seko", 0)]
    index = by_name(cands)
    assert index.get("Tsai") is None and index.upto == 1
    cands.append(person("Tsai Ing-wen", 40))
    found = index.get("Tsai")
    assert found is cands[1] and index.upto == 2


def test_the_first_candidate_under_a_key_keeps_it() -> None:
    cands = [person("Stan Lee", 0), person("Robert Lee", 30)]
    assert by_name(cands).get("Lee") is cands[0]


def test_a_candidate_is_indexed_as_it_stood_at_the_first_look_up_after_it_was_added() -> None:
    cands = [person("Seko", 0)]
    index = by_name(cands)
    assert index.get("Seko") is cands[0]
    cands[0].name = "Hiroshige Seko"  # a later rule completes the name: the index is not rebuilt
    assert index.get("Hiroshige Seko") is None and index.get("Seko") is cands[0]


@pytest.mark.parametrize(
    ("name", "forms"),
    [("Hiroshige Seko", {"Seko"}), ("Tsai Ing-wen", {"Tsai", "Ing-wen"}), ("Biden", {"Biden"})],
)
def test_short_forms_of_names(name: str, forms: set[str]) -> None:
    assert short_forms(name) == forms
