"""Dates on GUM news: detection (overlap) precision/recall/F1 and value accuracy.

Gold: GUM's TEI ``<date>`` spans with ``when`` (a day, month or year) or ``from``/``to`` (a
range such as "last week"), anchored on ``meta.dateCreated``, which we pass as ``published``.

* Detection: a predicted date is correct when it overlaps a gold date span, a gold date is found
  when some prediction overlaps it.
* Value: each found gold date that has a comparable value (``when``, or ``from`` and ``to``) is
  compared with the overlapping prediction of largest overlap; both sides become calendar
  intervals (a year = 1 January..31 December, a week = Monday..Sunday) and must be equal.
  ``value_accuracy`` divides by the found gold dates with a value; ``value_recall`` by all gold
  dates with a value (end to end). ``notBefore``/``notAfter`` spans (durations such as
  "twelve years", which we deliberately do not turn into dates) count for detection only.
* ``value_accuracy_inferred_reference``: the same found dates, resolved once more with no
  published date, so against the reference date the dates stage infers from the text itself.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from communique.config import Config
from communique.evaluate import Report, f1, fmt, ratio
from communique.evaluate.gum import load_gum, overlaps, run
from communique.evaluate.split import Part
from communique.pipeline import Context
from communique.record import DateMention
from communique.stages import stages_named

Interval = tuple[date, date]


def value_interval(value: str, precision: str = "") -> Interval | None:
    """The calendar days a value covers; ``precision`` is a DateMention's (week/weekend widen a day)."""
    value = value[:10]
    try:
        if len(value) == 4:
            year = int(value)
            return date(year, 1, 1), date(year, 12, 31)
        if len(value) == 7:
            year, month = int(value[:4]), int(value[5:7])
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        day = date.fromisoformat(value)
    except ValueError:
        return None
    if precision == "week":
        return day, day + timedelta(days=6)
    if precision == "weekend":
        return day, day + timedelta(days=1)
    return day, day


def gold_interval(attrs: dict[str, Any]) -> Interval | None:
    if "when" in attrs:
        return value_interval(str(attrs["when"]))
    if "from" in attrs and "to" in attrs:
        start, end = value_interval(str(attrs["from"])), value_interval(str(attrs["to"]))
        if start and end:
            return start[0], end[1]
    return None


def _best(gold: dict[str, Any], predicted: tuple[DateMention, ...]) -> DateMention | None:
    best, most = None, 0
    for mention in predicted:
        shared = min(gold["end"], mention.end) - max(gold["start"], mention.start)
        if shared > most:
            best, most = mention, shared
    return best


def evaluate_dates(path: Path, config: Config | None = None, part: Part = "all") -> Report:
    docs = load_gum(path, part)
    predicted_total = predicted_hit = gold_total = gold_found = 0
    valued = valued_found = correct = inferred_correct = 0
    errors: list[dict[str, Any]] = []
    blind_stages = stages_named("reference_date", "dates")
    ctx = Context(config or Config.load())
    for gum, doc in zip(docs, run(docs, path, ("dates",), config), strict=True):
        gold = gum.dates
        # The same parse again without the published date: the reference is inferred from the text.
        blind_doc = doc.with_(published=None, reference_date=None, reference_date_inferred=False)
        for stage in blind_stages:
            blind_doc = stage(blind_doc, ctx)
        blind = blind_doc.dates
        predicted_total += len(doc.dates)
        predicted_hit += sum(any(overlaps(m.start, m.end, g["start"], g["end"]) for g in gold) for m in doc.dates)
        for g in gold:
            gold_total += 1
            match = _best(g, doc.dates)
            gold_found += match is not None
            expected = gold_interval(g.get("attrs", {}))
            if expected is None:
                continue
            valued += 1
            if match is None:
                continue
            valued_found += 1
            blind_match = _best(g, blind)
            if blind_match and value_interval(blind_match.value, blind_match.precision) == expected:
                inferred_correct += 1
            if value_interval(match.value, match.precision) == expected:
                correct += 1
            else:
                errors.append({"doc": gum.name, "text": g["text"], "gold": g["attrs"], "value": match.value})
    precision, recall = ratio(predicted_hit, predicted_total), ratio(gold_found, gold_total)
    metrics = {
        "detection_precision": precision,
        "detection_recall": recall,
        "detection_f1": f1(precision, recall),
        "value_accuracy": ratio(correct, valued_found),
        "value_recall": ratio(correct, valued),
        "value_accuracy_inferred_reference": ratio(inferred_correct, valued_found),
    }
    counts = {
        "detection_precision": f"{predicted_hit}/{predicted_total}",
        "detection_recall": f"{gold_found}/{gold_total}",
        "detection_f1": "",
        "value_accuracy": f"{correct}/{valued_found}",
        "value_recall": f"{correct}/{valued}",
        "value_accuracy_inferred_reference": f"{inferred_correct}/{valued_found}",
    }
    rows = [{"metric": name, "score": score, "counts": counts[name]} for name, score in metrics.items()]
    summary = (
        f"dates on {path.name}: {len(docs)} documents, detection F1 {fmt(metrics['detection_f1'])}, "
        f"value accuracy {fmt(metrics['value_accuracy'])} ({correct}/{valued_found} found dates with a value)"
    )
    return Report("dates", "gum-news", metrics, rows, summary, len(docs), details=errors)
