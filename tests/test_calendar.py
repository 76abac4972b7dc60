"""calendar.parse_day: the one strict reader of the dates a user gives."""

from __future__ import annotations

import datetime as dt

import pytest

from communique.calendar import parse_day
from communique.errors import CommuniqueError, DateError


@pytest.mark.parametrize(("text", "day"), [("2022-12-28", dt.date(2022, 12, 28)), ("2024-02-29", dt.date(2024, 2, 29)),
                                           ("0001-01-01", dt.date(1, 1, 1))])
def test_a_real_day_written_yyyy_mm_dd_is_read(text: str, day: dt.date) -> None:
    assert parse_day(text, "published date") == day


@pytest.mark.parametrize("text", ["2023-02-30", "2022-13-01", "2022-1-5", "28/12/2022", "20221228", "2022-12-28T10:00",
                                  "2022-12-28\n", " 2022-12-28", "yesterday", "", "٢٠٢٢-١٢-٢٨"])
def test_anything_else_is_a_one_line_date_error_naming_what_it_was_for(text: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_day(text, "since date")
    message = str(caught.value)
    assert message == f"since date {text!r} is not a calendar date of the form YYYY-MM-DD"
    assert "\n" not in message
    assert isinstance(caught.value, CommuniqueError) and isinstance(caught.value, ValueError)
