"""The reference-date stage: one policy ahead of actors and dates (publication date, else the text, else none)."""

from __future__ import annotations

import datetime as dt

import pytest

from communique.config import Config
from communique.nlp.reference_date import ReferenceDateStage
from communique.pipeline import Context
from communique.record import Document


def _decide(text: str, published: str | None = None) -> tuple[str | None, bool]:
    doc = Document(id="t", source="t.txt", raw_text=text, text=text, published=published)
    out = ReferenceDateStage()(doc, Context(Config()))
    return out.reference_date, out.reference_date_inferred


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("TOKYO, 28 December 2022 - Talks went on. On 3 March 2023 they ended.", "2023-05-01",
         ("2023-05-01", False)),
        ("TOKYO, 28 December 2022 - Talks went on. On 3 March 2023 they ended.", None, ("2022-12-28", True)),
        # No date near the top: the full date the text gives most often.
        ("x " * 300 + "On 2 May 2019 and again on 2 May 2019 they met; on 4 May 2019 they left.", None,
         ("2019-05-02", True)),
        ("The strike began yesterday and goes on.", None, (None, False)),
        # A publication date that is no calendar day is ignored, the text decides.
        ("Seoul, 5 June 2021. Officials met.", "2021-02-30", ("2021-06-05", True)),
    ],
)
def test_publication_date_else_the_text_else_none(
    text: str, published: str | None, expected: tuple[str | None, bool]
) -> None:
    assert _decide(text, published) == expected


def test_never_the_day_the_program_runs() -> None:
    reference, _ = _decide("Officials met on Tuesday to discuss the border.")
    assert reference is None and reference != dt.date.today().isoformat()


def test_the_seed_record_says_its_reference_date_was_read_from_the_text(seed_record: Document) -> None:
    assert (seed_record.published, seed_record.reference_date, seed_record.reference_date_inferred) == (
        None, "2022-12-28", True)
