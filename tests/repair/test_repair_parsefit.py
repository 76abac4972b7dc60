"""The tagger's reading of a join: the place a line was cut from reads better than a wrong one."""

from __future__ import annotations

from typing import Any

import numpy as np

from communique.repair import repair_text
from communique.repair.parsefit import _log_confidence, tagger_scorer


def test_log_confidence_reads_logits_and_probabilities_alike() -> None:
    probabilities = np.array([[0.5, 0.25, 0.25], [1.0, 0.0, 0.0]])
    logits = np.log(np.array([[2.0, 1.0, 1.0], [1.0, 1e-12, 1e-12]]))
    assert abs(_log_confidence(probabilities) - np.log(0.5)) < 1e-9
    assert abs(_log_confidence(logits) - np.log(0.5)) < 1e-6


def test_tagger_prefers_the_sentence_a_line_was_cut_from(nlp: Any) -> None:
    score = tagger_scorer(nlp)
    assert score is not None
    fragment = "the new bridge across the river would"
    right, wrong = score(
        [
            ("The mayor said on Friday that", fragment, "open to traffic in the spring."),
            ("Officials met the engineers of", fragment, "the company and signed the contract."),
        ]
    )
    assert right > wrong


def test_pipeline_without_tagger_gives_no_scorer() -> None:
    import spacy

    assert tagger_scorer(spacy.blank("en")) is None


def test_repair_with_the_scorer_leaves_clean_text_unchanged(nlp: Any) -> None:
    score = tagger_scorer(nlp)
    clean = (
        "Bridge Opens\n\nThe mayor said on Friday that the new bridge across the river would open to "
        "traffic in the spring.\n\nOfficials met the engineers of the company and signed the contract."
    )
    assert repair_text(clean, scorer=score).text == clean


def test_repair_with_the_scorer_is_a_fixed_point(nlp: Any) -> None:
    score = tagger_scorer(nlp)
    raw = (
        "Harbour News\ncargo ships and the cranes that unload their containers on the quay\n\n"
        "The harbour authority said on Monday that the new terminal would serve the\n"
        "growing number of container ships calling at the port each week, and that the\n"
        "quay cranes would be replaced within two years."
    )
    once = repair_text(raw, scorer=score)
    assert "cranes that unload their containers on the quay" in once.text.split("\n\n")[1]
    twice = repair_text(once.text, scorer=score)
    assert twice.text == once.text and twice.repairs == ()
