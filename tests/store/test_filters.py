"""parse_event_filter: the strings of a shell to one EventFilter, or a FilterError."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from communique.errors import FilterError
from communique.store.filters import EventFilter, parse_country, parse_dyad, parse_event_filter


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({}, EventFilter()),
        ({"actor": "", "text": "", "document": "", "type": "", "cameo": "", "since": "", "country": ""}, EventFilter()),
        ({"country": "jpn"}, EventFilter(country="JPN")),
        ({"dyad": ("TWN", "Seko")}, EventFilter(dyad=("TWN", "Seko"))),
        ({"dyad": (None, None)}, EventFilter()),
        ({"cameo": "04", "type": "consult"}, EventFilter(cameo="04", type="consult")),
        ({"since": "2023-01-01", "until": "2023-01-01"},
         EventFilter(since=dt.date(2023, 1, 1), until=dt.date(2023, 1, 1))),
    ],
)
def test_good_filters_parse_to_one_typed_value(given: dict[str, Any], expected: EventFilter) -> None:
    assert parse_event_filter(**given) == expected


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"country": "JAPAN"}, "country 'JAPAN' is not a three-letter ISO 3166-1 alpha-3 or IGO code (e.g. JPN)"),
        ({"cameo": "abc"}, "cameo 'abc' is not a CAMEO code or prefix (one to four digits, e.g. 04)"),
        ({"since": "2023-02-30"}, "since date '2023-02-30' is not a calendar date of the form YYYY-MM-DD"),
        ({"until": "28/12/2022"}, "until date '28/12/2022' is not a calendar date of the form YYYY-MM-DD"),
        ({"since": "2023-01-02", "until": "2023-01-01"}, "since date 2023-01-02 is after until date 2023-01-01"),
        ({"dyad": ("TWN", None)}, "a dyad needs both sides (A and B)"),
        ({"dyad": ("", "JPN")}, "a dyad needs both sides (A and B)"),
    ],
)
def test_bad_filters_are_one_filter_error_naming_the_filter(given: dict[str, Any], message: str) -> None:
    with pytest.raises(FilterError) as caught:
        parse_event_filter(**given)
    assert str(caught.value) == message


def test_country_and_dyad_parse_alone_as_they_do_inside_the_filter() -> None:
    assert parse_country("twn") == "TWN" and parse_country(None) is None
    assert parse_dyad("TWN", "JPN") == ("TWN", "JPN")
    with pytest.raises(FilterError, match="both sides"):
        parse_dyad("TWN", "")
    with pytest.raises(FilterError, match="ISO 3166-1"):
        parse_country("12")
