"""repair_text end to end: the seed article, the repair log, the stage."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import SEED

from communique.repair import RepairResult, repair_text


@pytest.fixture(scope="module")
def seed() -> tuple[str, RepairResult]:
    raw = Path(SEED).read_text(encoding="utf-8")
    return raw, repair_text(raw)


def _paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


def test_seed_title_is_the_two_title_lines_joined(seed: tuple[str, RepairResult]) -> None:
    _, result = seed
    titles = [h for h in result.headings if h.level == 0]
    assert [h.text for h in titles] == ["Taiwan joins Forces with Japan to safeguard Regional Security"]
    assert result.title == titles[0].text
    assert result.text[titles[0].start:titles[0].end] == titles[0].text


def test_seed_first_paragraph_has_its_displaced_line_back(seed: tuple[str, RepairResult]) -> None:
    _, result = seed
    first = _paragraphs(result.text)[1]
    assert first.startswith(
        "Tsai Ing-wen, the President of Taiwan, stated on 28 December 2022 that in order to protect regional "
        "security, Taiwan and Japan should work together with other democracies. She also made clear"
    )


def test_seed_section_heading_stands_on_its_own(seed: tuple[str, RepairResult]) -> None:
    _, result = seed
    assert [(h.text, h.level) for h in result.headings if h.level == 1] == [("National Defense Plan", 1)]
    assert "National Defense Plan" in _paragraphs(result.text)


def test_seed_split_sentence_is_one_sentence(seed: tuple[str, RepairResult]) -> None:
    _, result = seed
    assert _paragraphs(result.text)[-1].endswith("in the strategy paper that was adopted on December 16.")


def test_seed_has_no_line_break_inside_a_paragraph(seed: tuple[str, RepairResult]) -> None:
    _, result = seed
    assert all("\n" not in p and p == p.strip() and p for p in _paragraphs(result.text))


def test_repair_log_matches_raw_and_repaired_text(seed: tuple[str, RepairResult]) -> None:
    raw, result = seed
    assert result.repairs
    for repair in result.repairs:
        assert 0 <= repair.raw_start <= repair.raw_end <= len(raw)
        assert 0 <= repair.start <= repair.end <= len(result.text)
        assert raw[repair.raw_start:repair.raw_end] == repair.before
        assert result.text[repair.start:repair.end] == repair.after
    moved = [r for r in result.repairs if r.kind.startswith("displaced_line")]
    assert len(moved) == 1 and moved[0].before == moved[0].after


def test_offsets_of_seed_words_lead_back_to_the_same_words(seed: tuple[str, RepairResult]) -> None:
    raw, result = seed
    for match in re.finditer(r"[A-Za-z]{4,}", result.text):
        raw_start, raw_end = result.offsets.raw_span(match.start(), match.end())
        if raw[raw_start:raw_end] != match.group():  # only text moved by a repair may differ
            assert any(r.start <= match.start() < r.end for r in result.repairs if r.kind.startswith("displaced"))


def test_repairing_the_seed_twice_changes_nothing(seed: tuple[str, RepairResult]) -> None:
    _, result = seed
    again = repair_text(result.text)
    assert again.text == result.text
    assert again.repairs == ()
    assert [(h.text, h.level) for h in again.headings] == [(h.text, h.level) for h in result.headings]


def test_repair_stage_fills_text_repairs_headings_and_title(nlp: Any) -> None:
    from communique.config import Config
    from communique.pipeline import Context
    from communique.record import Document
    from communique.repair import RepairStage

    raw = "Harbour Opens New Terminal\n\nThe harbour authority said the new\nterminal opens in May."
    ctx = Context(Config())
    ctx.resources.derived("nlp", lambda: nlp)
    doc = RepairStage()(Document(id="x", source="hand.txt", raw_text=raw), ctx)
    assert doc.text == "Harbour Opens New Terminal\n\nThe harbour authority said the new terminal opens in May."
    assert doc.title == "Harbour Opens New Terminal"
    assert doc.raw_text == raw
    assert [r.kind for r in doc.repairs] == ["unwrap"]
    assert doc.headings[0].level == 0


def test_repair_stage_keeps_a_title_from_the_reader_and_uses_hints(nlp: Any) -> None:
    from communique.config import Config
    from communique.pipeline import Context
    from communique.record import Document
    from communique.repair import RepairStage

    raw = "The vote was held today.\nresults by region\nTurnout was high across the country this year."
    ctx = Context(Config())
    ctx.resources.derived("nlp", lambda: nlp)
    doc = Document(id="x", source="page.html", raw_text=raw, title="Vote Held", heading_hints=("Results by region",))
    out = RepairStage()(doc, ctx)
    assert out.title == "Vote Held"
    assert [(h.text, h.level) for h in out.headings] == [("results by region", 1)]
    assert "today.\n\nresults by region\n\nTurnout" in out.text


def test_spacy_lexicon_knows_inflected_words_and_not_glued_compounds(nlp: Any) -> None:
    from communique.repair import spacy_lexicon

    is_word = spacy_lexicon(nlp)
    assert is_word("strategy") and is_word("democracies") and is_word("governments")
    assert not is_word("allgirl") and not is_word("wellknown")


def test_lexicon_decides_hyphenation_at_line_ends(nlp: Any) -> None:
    from communique.repair import spacy_lexicon

    raw = "A Short Title\n\nThe govern-\nment met an all-\ngirl team on a long-\nterm visit."
    text = repair_text(raw, lexicon=spacy_lexicon(nlp)).text
    assert text.endswith("The government met an all-girl team on a long-term visit.")


def test_seed_through_the_pipeline_has_repaired_text_and_heading_bounded_sentences(seed_record: Any) -> None:
    doc = seed_record
    assert doc.title == "Taiwan joins Forces with Japan to safeguard Regional Security"
    assert doc.text.split("\n\n")[1].startswith("Tsai Ing-wen, the President of Taiwan, stated on 28 December 2022")
    for sentence in doc.sentences:
        for heading in doc.headings:
            inside = heading.start <= sentence.start < heading.end or heading.start < sentence.end <= heading.end
            assert not inside or (sentence.start >= heading.start and sentence.end <= heading.end)
