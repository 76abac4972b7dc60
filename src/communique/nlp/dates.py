"""Dates stage: every temporal expression normalised to a calendar value, relative to a reference date.

The reference date is ``doc.published`` when known; otherwise it is inferred from the text
(:func:`infer_reference_date`) and marked ``reference_date_inferred``. Without one, relative
expressions ("yesterday", "on Tuesday", "December 16") are left unresolved, never guessed.

Who does what:

* **dateparser** turns absolute date strings found by our patterns into calendar values
  ("Friday, July 21, 2017", "21st Sept. 2017", "March 2010"); its ``period`` gives the precision.
* **Own rules** (this module) handle what dateparser gets wrong for news: month-day without a year
  (the year of the reference date, moved by tense when that lands more than half a year away),
  weekday names (the nearest such day, backwards for past narration, forwards for future verbs),
  "last week", "three years ago", "earlier this month", "next Tuesday", and the recognition of
  durations and sets ("for two years", "every Monday", "weekly"), which never become dates.

Precision: ``day`` (YYYY-MM-DD), ``month`` (YYYY-MM), ``year`` (YYYY), ``week`` (value is the
Monday of that ISO week, e.g. "last week") and ``weekend`` (value is that Saturday).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from communique.pipeline import Context
from communique.record import DateMention, Document

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "a couple of": 2, "a dozen": 12, "a decade": 10,
}

# Half a year: a month-day or bare month without a year takes the reference year unless that puts it
# further than this from the reference date on the wrong side of its tense (past narration about
# "December 28" in a January article means last December). Calibrated on the GUM news dev set, where
# every such mention (up to 7 months ahead for scheduled events) lies in the reference year.
YEAR_SHIFT_DAYS = 183
# How much of the text's beginning counts as "the top" when inferring a reference date (a dateline
# or byline date sits in the first few hundred characters of wire copy and Wikinews alike).
DATELINE_CHARS = 400

# Month names must be capitalised ("may", "march" are verbs); everything else is case-insensitive.
_M = (r"(?-i:(?:January|February|March|April|May|June|July|August|September|October|November|December)(?![a-z])"
      r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?![a-z])\.?)")
_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_D = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_Y = r"(?:1[6-9]\d\d|20\d\d)"
_WORDS = "|".join(k for k in _NUMBERS if " " not in k and len(k) > 2)
_NUM = r"\[?(?:\d{1,3}|a couple of|a dozen|a|an|" + _WORDS + r")\]?"  # up to 3 digits: "2018 day five" is no duration
_UNIT = r"(?:day|week|month|year|decade|hour|minute)s?"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"

_FUTURE_WORDS = re.compile(
    r"\b(?:will|shall|'ll|is to|are to|set to|scheduled|expected to|due to|going to|plans? to|upcoming)\b", re.I
)
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_FUTURE_LEMMAS = frozenset({"schedule", "plan", "expect", "set", "due"})

Value = tuple[str, str]  # (value, precision)
# Patterns use a preposition as context ("on Tuesday", "in May"); the mention's span starts after it.
_LEADING_PREPOSITION = re.compile(
    r"(?:on|at|over|by|until|since|from|as\s+of|in|of|during|before|after|between|through)\s+", re.I
)


_iso = date.isoformat


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _add_months(d: date, months: int) -> tuple[int, int]:
    index = d.year * 12 + d.month - 1 + months
    return index // 12, index % 12 + 1


def _number(word: str) -> int | None:
    word = word.strip("[]").lower()
    return int(word) if word.isdigit() else _NUMBERS.get(word)

# --- absolute dates: dateparser -------------------------------------------------------------------

@lru_cache(maxsize=1)
def _date_parser() -> Any:
    import dateparser

    return dateparser.DateDataParser(languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first"})


def _absolute(text: str) -> Value | None:
    """An absolute date string (with its year) through dateparser; precision from its ``period``."""
    cleaned = re.sub(r"\b(?:the|of|on)\b|,", " ", text, flags=re.I)
    data = _date_parser().get_date_data(" ".join(cleaned.split()))
    if data is None or data.date_obj is None:
        return None
    found: datetime = data.date_obj
    if data.period == "year":
        return f"{found.year:04d}", "year"
    if data.period == "month":
        return f"{found.year:04d}-{found.month:02d}", "month"
    return _iso(found.date()), "day"


# --- own rules for what is relative to the reference date ----------------------------------------


def _month_day(month: int, day: int, ref: date, future: bool) -> Value | None:
    try:
        candidate = date(ref.year, month, day)
    except ValueError:
        return None
    if not future and (candidate - ref).days > YEAR_SHIFT_DAYS:
        candidate = candidate.replace(year=ref.year - 1)
    elif future and (ref - candidate).days > YEAR_SHIFT_DAYS:
        candidate = candidate.replace(year=ref.year + 1)
    return _iso(candidate), "day"


def _bare_month(month: int, ref: date, future: bool) -> Value:
    year = ref.year
    offset = (month - ref.month) * 30
    if not future and offset > YEAR_SHIFT_DAYS:
        year -= 1
    elif future and -offset > YEAR_SHIFT_DAYS:
        year += 1
    return f"{year:04d}-{month:02d}", "month"


def _weekday(name: str, ref: date, direction: str, future: bool) -> Value:
    """``direction``: "" (bare: news style), "last", "next" or "this"."""
    target = _WEEKDAYS[name.lower()]
    back = (ref.weekday() - target) % 7  # days back to the latest such day on or before ref
    ahead = (target - ref.weekday()) % 7
    if direction == "last":
        found = ref - timedelta(days=back or 7)
    elif direction == "next":
        found = ref + timedelta(days=ahead or 7)
    elif direction == "this":
        found = _monday(ref) + timedelta(days=target)
    else:
        found = ref + timedelta(days=ahead) if future else ref - timedelta(days=back)
    return _iso(found), "day"


def _shift(unit: str, amount: int, ref: date) -> Value | None:
    """``amount`` units from ``ref`` (negative = ago), at the unit's precision."""
    unit = unit.lower().rstrip("s")
    if unit in ("hour", "minute"):
        return None  # a time of day, not a calendar date we can state honestly
    if unit == "day":
        return _iso(ref + timedelta(days=amount)), "day"
    if unit == "week":
        return _iso(_monday(ref + timedelta(weeks=amount))), "week"
    if unit == "month":
        year, month = _add_months(ref, amount)
        return f"{year:04d}-{month:02d}", "month"
    if unit == "decade":
        amount *= 10
    return f"{ref.year + amount:04d}", "year"


_STEP = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "this": 0, "current": 0}
_DEICTIC = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}


# --- patterns --------------------------------------------------------------------------------------
# Each pattern maps a match to a value (resolved), None (recognised but not a date: a duration, a
# set, or relative with no reference date) — either way its span is taken, so a shorter pattern
# inside it cannot turn "every Monday" into a Monday.

Resolver = Callable[[re.Match[str], date | None, bool], Value | None]
_PATTERNS: list[tuple[re.Pattern[str], Resolver]] = []


def _pattern(regex: str) -> Callable[[Resolver], Resolver]:
    def register(fn: Resolver) -> Resolver:
        _PATTERNS.append((re.compile(regex, re.I), fn))
        return fn

    return register


@_pattern(rf"\b(?-i:Black|Good|Bloody|Super|Cyber|Ash|Palm|Easter|Holy|Maundy)\s+{_WD}\b")
def _named_day(m: re.Match[str], ref: date | None, future: bool) -> Value | None:
    return None  # "Black Friday", "Super Tuesday", "Bloody Sunday": names, not the nearest such weekday


@_pattern(rf"\b(?:every|each)\s+(?:other\s+)?(?:{_NUM}\s+)?(?:{_UNIT}|{_WD}|{_M}|weekend)\b"
          rf"|\b(?:daily|weekly|fortnightly|monthly|annually|yearly|biannually)\b"
          rf"|\b(?:once|twice|\w+\s+times)\s+(?:a|per|every)\s+(?:day|week|month|year)\b"
          rf"|\b(?:on\s+)?{_WD}s\b")
def _set(m: re.Match[str], ref: date | None, future: bool) -> Value | None:
    return None  # a set (recurring time) is recognised and never a date


@_pattern(rf"\b(?:for|over|during|within|in|throughout|after|nearly|almost|about|some|more than|up to)\s+"
          rf"(?:the\s+)?(?:(?:past|last|next|coming|first|final)\s+)?(?:{_NUM}|several|few|many|a few)\s+"
          rf"(?:more\s+)?{_UNIT}\b(?!\s+(?:ago|earlier|later|before|after))"
          rf"|\b(?:the\s+)?(?:past|last|next|coming|previous)\s+(?:{_NUM}|several|few|a few)\s+{_UNIT}\b"
          rf"|\b{_NUM}[- ](?:day|week|month|year|decade)(?:s)?(?:-long|-old)?\b(?!\s+(?:ago|earlier|later))"
          rf"|\b(?:decades|centuries|years|months|weeks)\b(?!\s+(?:ago|earlier|later))")
def _duration(m: re.Match[str], ref: date | None, future: bool) -> Value | None:
    return None  # a duration is recognised and never a date


@_pattern(rf"\b(?:(?:on|by|until|since|from|as of)\s+)?(?:{_WD},?\s+)?{_M}\s+{_D},?\s+{_Y}\b"
          rf"|\b(?:{_WD},?\s+)?(?:the\s+)?{_D}(?:\s+of)?\s+{_M},?\s+{_Y}\b"
          rf"|\b{_Y}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b")
def _full_date(m: re.Match[str], ref: date | None, future: bool) -> Value | None:
    text = re.sub(rf"^(?:on|by|until|since|from|as of)\s+|{_WD},?\s*", "", m.group(0), flags=re.I)
    return _absolute(text)


@_pattern(rf"\b(?:[01]?\d/[0-3]?\d/{_Y}|[0-3]?\d\.[01]?\d\.{_Y})\b")
def _numeric_date(m: re.Match[str], ref: date | None, future: bool) -> Value | None:
    """12/25/2022 is read month first (English-language news, dateparser's MDY); 25.12.2022 day first."""
    import dateparser

    text = m.group(0)
    order = "DMY" if "." in text else "MDY"
    found = dateparser.parse(text, languages=["en"], settings={"DATE_ORDER": order, "STRICT_PARSING": True})
    return (_iso(found.date()), "day") if found else None


@_pattern(rf"\b{_M}\s+(?:of\s+)?{_Y}\b")
def _month_year(m: re.Match[str], ref: date | None, future: bool) -> Value | None:
    return _absolute(m.group(0))


@_pattern(rf"\b(?:{_WD},?\s+)?(?P<m1>{_M})\s+(?P<d1>{_D})\b(?!\s*,?\s*\d)|\b(?P<d2>{_D})\s+(?:of\s+)?(?P<m2>{_M})\b")
def _month_day_rule(m: re.Match[str], ref: date | None, future: bool) -> Value | None:
    if ref is None:
        return None
    month = _MONTHS[(m.group("m1") or m.group("m2")).lower().rstrip(".")]
    day = int(re.sub(r"\D", "", m.group("d1") or m.group("d2")))
    return _month_day(month, day, ref, future)


@_pattern(rf"\b(?:(?:in|since|by|until|of|from|during|before|after|between|through|early|late|mid|"
          rf"the\s+(?:start|end|beginning|middle)\s+of)[\s-]+){_M}(?=[\s,.;:)]|$)")
def _month_only(m: re.Match[str], ref: date | None, future: bool) -> Value | None:
    if ref is None:
        return None
    word = re.search(_M, m.group(0), re.I)
    return _bare_month(_MONTHS[word.group(0).lower().rstrip(".")], ref, future) if word else None


@_pattern(rf"\b(?:(?:early|late|mid|the\s+(?:start|end|beginning|middle)\s+of)[\s-]+)?(?<![\d,.$£€-]){_Y}"
          rf"(?![\d,.]\d|\s*(?:%|percent|people|km|kilometres|miles|troops|soldiers|members|votes|dollars|euros))\b")
def _year(m: re.Match[str], ref: date | None, future: bool) -> Value | None:
    return re.search(_Y, m.group(0)).group(0), "year"  # type: ignore[union-attr]


@_pattern(r"\b(?:(?:earlier|later|early|late)\s+)?(?P<dir>this\s+past|this|last|next|past|previous|coming|current)\s+"
          r"(?P<unit>week|month|year|weekend)\b")
def _this_unit(m: re.Match[str], ref: date | None, future: bool) -> Value | None:
    if ref is None:
        return None
    step, unit = _STEP[m.group("dir").lower().split()[-1]], m.group("unit").lower()
    return _weekend(ref, step, future) if unit == "weekend" else _shift(unit, step, ref)


@_pattern(r"\b(?:at|over|during|on)\s+the\s+weekend\b")
def _the_weekend(m: re.Match[str], ref: date | None, future: bool) -> Value | None:
    return _weekend(ref, 0, future) if ref is not None else None


def _weekend(ref: date, step: int, future: bool) -> Value:
    """The Saturday of last (-1), next (1) or, for 0, the weekend the tense points to."""
    saturday = _monday(ref) + timedelta(days=5)
    if step < 0 or (step == 0 and not future and saturday > ref):
        saturday -= timedelta(days=7)
    elif (step > 0 and saturday <= ref) or (step == 0 and future and saturday < ref - timedelta(days=1)):
        saturday += timedelta(days=7)
    return _iso(saturday), "weekend"


@_pattern(rf"\b(?:(?:on|by|until|since|from)\s+)?(?:(?P<dir>last|next|this|coming)\s+)?(?P<wd>{_WD}){_PART}\b")
def _weekday_rule(m: re.Match[str], ref: date | None, future: bool) -> Value | None:
    if ref is None:
        return None
    direction = (m.group("dir") or "").lower().replace("coming", "next")
    return _weekday(m.group("wd"), ref, direction, future)


@_pattern(rf"\b(?P<n>{_NUM})\s+(?P<unit>{_UNIT})\s+(?P<dir>ago|earlier|before|later|from now|hence)\b")
def _ago(m: re.Match[str], ref: date | None, future: bool) -> Value | None:
    amount = _number(m.group("n"))
    direction = m.group("dir").lower()
    if ref is None or amount is None or direction in ("earlier", "before", "later"):
        return None  # "three years later" counts from an event, not from the reference date
    return _shift(m.group("unit"), -amount if direction == "ago" else amount, ref)


@_pattern(r"\b(?:yesterday|today|tonight|tomorrow)\b|\blast\s+night\b|\bthis\s+(?:morning|afternoon|evening)\b")
def _deictic(m: re.Match[str], ref: date | None, future: bool) -> Value | None:
    if ref is None:
        return None
    word = m.group(0).lower().split()[0]
    offset = -1 if word == "last" else _DEICTIC.get(word, 0)
    return _iso(ref + timedelta(days=offset)), "day"


@_pattern(r"\b(?:the\s+)?(?:end\s+of\s+(?:the|this)\s+year|year[- ]end)\b")
def _year_end(m: re.Match[str], ref: date | None, future: bool) -> Value | None:
    return (f"{ref.year:04d}-12-31", "day") if ref is not None else None


# --- the stage -------------------------------------------------------------------------------------


def _parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def infer_reference_date(text: str) -> str | None:
    """The document's own date: the first full date near the top, else its most frequent full date."""
    found: list[tuple[int, str]] = []
    pattern = next(p for p, fn in _PATTERNS if fn is _full_date)
    for match in pattern.finditer(text):
        value = _full_date(match, None, False)
        if value is not None and value[1] == "day":
            found.append((match.start(), value[0]))
    if not found:
        return None
    top = [value for start, value in found if start < DATELINE_CHARS]
    if top:
        return top[0]
    return Counter(value for _, value in found).most_common(1)[0][0]


def _is_future(doc: Document, start: int, end: int, sentence_starts: list[int]) -> bool:
    """Does the clause around ``[start, end)`` speak of the future? Parse-based when a parse exists."""
    parsed = doc.parsed
    if parsed is not None:
        span = parsed.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span):
            token = span.root
            while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
                token = token.head
            if any(c.dep_ in ("aux", "auxpass") and c.lower_ in _FUTURE_AUX for c in token.children):
                return True
            if token.lemma_ in _FUTURE_LEMMAS:  # "is scheduled for Tuesday"
                return True
            if token.lemma_ == "be" and any(  # "On Wednesday, they are to travel"
                c.dep_ == "xcomp" and any(g.lower_ == "to" for g in c.children) for c in token.children
            ):
                return True
            # "is to be held on", "are expected to travel on", "is going to vote on": a to-infinitive
            # hanging from "be", a verb of planning, or "go".
            head = token.head
            infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
            return infinitive and head.i != token.i and head.lemma_ in _FUTURE_LEMMAS | {"be", "go"}
    i = bisect.bisect_right(sentence_starts, start) - 1
    sentence = doc.sentences[i] if i >= 0 and start < doc.sentences[i].end else None
    window = doc.text[sentence.start if sentence else max(0, start - 120): end]
    return bool(_FUTURE_WORDS.search(window))


def _not_a_year(doc: Document, start: int, end: int) -> bool:
    """Is a year-like number something else: a count, a law, a room? Needs the parse (else: a year).

    spaCy's entity type decides ("2000 people" CARDINAL, "Resolution 2231" LAW); a number it leaves
    untyped is a year unless a capitalised noun names it ("Highway 1900", "Room 2012"). A plural head
    noun is no sign ("the 2014 protests", "2000 levels" are years), so it is not used.
    """
    if doc.parsed is None:
        return False
    span = doc.parsed.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    token = span[-1]
    if token.ent_type_ == "DATE":
        return False
    if token.ent_type_:
        return True
    before = token.nbor(-1) if token.i > 0 else None
    return before is not None and before.is_title and before.pos_ in ("PROPN", "NOUN")


def find_dates(doc: Document, ref: date | None) -> tuple[DateMention, ...]:
    """Every temporal expression of ``doc.text`` that resolves to a calendar value."""
    text = doc.text
    candidates: list[tuple[int, int, Resolver, re.Match[str]]] = []
    for pattern, resolve in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            while start < end and text[start].isspace():
                start += 1
            lead = _LEADING_PREPOSITION.match(text, start, end)
            candidates.append((lead.end() if lead else start, end, resolve, match))
    # spaCy DATE entities the patterns miss ("the 2008 season" is already a year; a bare "March"
    # the NER is sure of) are tried as a whole through the same patterns.
    date_spans = [(e.start, e.end) for e in doc.entities if e.label == "DATE"]
    candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    sentence_starts = [sentence.start for sentence in doc.sentences]
    taken: list[tuple[int, int]] = []  # in text order, never overlapping
    mentions: list[DateMention] = []
    for start, end, resolve, match in candidates:
        if taken and start < taken[-1][1]:  # candidates come by start: only the last taken can overlap
            continue
        if resolve is _year and _not_a_year(doc, start, end):
            continue
        taken.append((start, end))
        value = resolve(match, ref, _is_future(doc, start, end, sentence_starts) if ref else False)
        if value is not None:
            mentions.append(DateMention(text[start:end], value[0], start, end, value[1]))  # type: ignore[arg-type]
    taken_starts = [t[0] for t in taken]
    for e_start, e_end in date_spans:
        i = bisect.bisect_left(taken_starts, e_end)  # taken[:i] start before the entity ends
        if i and taken[i - 1][1] > e_start:
            continue
        word = re.fullmatch(rf"\s*(?:the\s+month\s+of\s+)?({_M})\s*", text[e_start:e_end], re.I)
        if word and ref is not None:
            future = _is_future(doc, e_start, e_end, sentence_starts)
            value = _bare_month(_MONTHS[word.group(1).lower().rstrip(".")], ref, future)
            mentions.append(DateMention(text[e_start:e_end], value[0], e_start, e_end, "month"))
    return tuple(sorted(mentions, key=lambda d: d.start))


class DatesStage:
    name = "dates"
    needs = frozenset({"text", "sentences", "parsed", "entities", "reference_date"})
    adds = frozenset({"dates"})

    def __call__(self, doc: Document, ctx: Context) -> Document:
        return doc.with_(dates=find_dates(doc, _parse_iso(doc.reference_date)))
