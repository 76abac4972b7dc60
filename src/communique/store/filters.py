"""The event filters, as one typed value parsed in one place.

    flt = parse_event_filter(country="jpn", dyad=("TWN", "JPN"), since="2023-01-01")
    rows = queries.events(store.connection, flt)

``communique events``, ``GET /api/events`` and the dashboard's event table hand the strings they
were given to :func:`parse_event_filter`; what cannot be applied is a
:class:`~communique.errors.FilterError` whose message is the same whichever shell asked. The
queries of :mod:`communique.store.queries` take the :class:`EventFilter` it returns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from communique.calendar import parse_day
from communique.errors import DateError, FilterError

# What a country filter accepts (upper-cased before use); the HTTP API declares the same pattern.
COUNTRY_PATTERN = r"^[A-Za-z]{3}$"
# A CAMEO code or the prefix of one: the codes have two to four digits, a root is two.
CAMEO_PATTERN = r"^\d{1,4}$"
_COUNTRY = re.compile(COUNTRY_PATTERN, re.ASCII)
_CAMEO = re.compile(CAMEO_PATTERN, re.ASCII)


@dataclass(frozen=True)
class EventFilter:
    """The filters of ``communique events``; every field is optional and they combine with AND."""

    actor: str | None = None  # name substring, actor key or document-scoped id
    country: str | None = None  # ISO3/IGO code of an actor or recipient
    dyad: tuple[str, str] | None = None  # two side terms, either direction
    type: str | None = None  # PLOVER event type
    cameo: str | None = None  # CAMEO code prefix
    since: date | None = None
    until: date | None = None
    text: str | None = None  # substring of the evidence text
    document: str | None = None  # document id or a prefix of it


def parse_event_filter(
    *, actor: str | None = None, country: str | None = None, dyad: tuple[str | None, str | None] | None = None,
    type: str | None = None, cameo: str | None = None, since: str | None = None, until: str | None = None,
    text: str | None = None, document: str | None = None,
) -> EventFilter:
    """The filter the given strings say; an empty string is no filter. :class:`FilterError` when one is bad."""
    left, right = dyad or (None, None)
    pair = parse_dyad(left, right) if left or right else None
    code = parse_country(country)
    if cameo and not _CAMEO.fullmatch(cameo):
        raise FilterError(f"cameo {cameo!r} is not a CAMEO code or prefix (one to four digits, e.g. 04)")
    start, end = _day(since, "since date"), _day(until, "until date")
    if start and end and start > end:
        raise FilterError(f"since date {start} is after until date {end}")
    return EventFilter(
        actor=actor or None, country=code, dyad=pair, type=type or None,
        cameo=cameo or None, since=start, until=end, text=text or None, document=document or None,
    )


def parse_country(value: str | None) -> str | None:
    """A country filter (events', actors'): three letters, upper-cased; :class:`FilterError` otherwise."""
    if not value:
        return None
    if not _COUNTRY.fullmatch(value):
        raise FilterError(f"country {value!r} is not a three-letter ISO 3166-1 alpha-3 or IGO code (e.g. JPN)")
    return value.upper()


def parse_dyad(left: str | None, right: str | None) -> tuple[str, str]:
    """The two side terms of a dyad (country codes or parts of names); :class:`FilterError` unless both are given."""
    if not left or not right:
        raise FilterError("a dyad needs both sides (A and B)")
    return left, right


def _day(value: str | None, what: str) -> date | None:
    if not value:
        return None
    try:
        return parse_day(value, what)
    except DateError as exc:
        raise FilterError(str(exc)) from None
