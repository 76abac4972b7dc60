"""The one strict reader of the calendar dates a user gives: ``YYYY-MM-DD`` and a real day, nothing else.

    parse_day("2022-12-28", "published date")   # datetime.date(2022, 12, 28)
    parse_day("2023-02-30", "since date")       # DateError: since date '2023-02-30' is not a calendar date ...

The CLI's options, the HTTP API's parameters, the library's ``published`` argument and the
store's date columns all go through :func:`parse_day`, so they accept the same strings and
refuse the rest with the same one-line message. Dates read from a document's text are not
this module's business: the lenient reading of "March 14, 2023" lives in the ingest and
dates stages.
"""

from __future__ import annotations

import datetime as dt
import re

from communique.errors import DateError

# A day written the one way we accept; also the pattern the HTTP API declares for its date parameters.
DAY_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
_DAY = re.compile(DAY_PATTERN, re.ASCII)


def parse_day(value: str, what: str) -> dt.date:
    """``value`` as a date when it is a real day written YYYY-MM-DD, else a :class:`DateError`.

    ``what`` names the value in the message ("published date", "since date", "a.txt: published").
    """
    if _DAY.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:  # 2023-02-30: the right shape, but no such day
            pass
    raise DateError(f"{what} {value!r} is not a calendar date of the form YYYY-MM-DD")
