"""Quote marks: pairing in every style, apostrophes, quotes over paragraphs (no model)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from communique.nlp.quote_marks import find_quoted_spans


def _words(text: str, spans: list[Any]) -> list[str]:
    return [text[s.start:s.end] for s in spans]


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
