"""Events on the PLOVER gold standard records and on the CAMEO manual examples.

Each gold record is one sentence. The sentence goes through parse, entities, actors and events
(nothing else: no repair, the text is clean). Our **main event** of a sentence is the one with the
highest confidence (the first in text order on a tie) — chosen without looking at the gold.

PLOVER GSR (``evaluate_plover_gsr``), gold type = ``event_plover2021`` (six sentences carry two
gold events; a sentence is scored once against the set of its gold types):

* ``type_accuracy``: the main event's type is a gold type, over sentences;
* ``type_recall``: some event of ours has a gold type, over sentences;
* ``actor_country_accuracy`` / ``recipient_country_accuracy``: over gold records whose type we
  produced and which have a gold source (target) with a country code, our event of that type
  names an actor (recipient) with one of the gold codes;
* ``actor_country_end_to_end`` / ``recipient_country_end_to_end``: the same over all gold
  records with such a code (a missed event counts as wrong);
* ``extra_event_rate``: our events whose type is not a gold type of their sentence, over all our events.

CAMEO examples (``evaluate_cameo_examples``), one gold code per sentence: ``code_recall`` (gold
code among our codes), ``root_recall`` (gold root among our roots), ``main_code_accuracy`` and
``main_root_accuracy`` (of the main event). Gold codes in root 01 (statements, which PLOVER drops
and we do not code) are left out and counted in the summary.

Gold normalisation (never looks at our output): ``JAP``/``ITL``/``VTN`` are CAMEO spellings of
``JPN``/``ITA``/``VNM``; any intergovernmental code of ours (``IGO``, ``UNO``, ``EUR``) counts as ``IGO``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from communique.evaluate import Report, fmt, ratio, read_text_records, text_runner
from communique.evaluate.split import Part
from communique.record import Document, Event
from communique.stages import stages_named

if TYPE_CHECKING:
    from communique.config import Config

_CODE_ALIASES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
_OUR_IGO = frozenset({"IGO", "UNO", "EUR"})
NONE = "(none)"
# Confidence bins for the calibration check (precision of events whose type is a gold type).
CONFIDENCE_BINS = ((0.7, 1.01), (0.5, 0.7), (0.3, 0.5), (0.0, 0.3))


def _runner(config: Config | None) -> Callable[[str], Document]:
    stages = stages_named("parse", "entities", "reference_date", "actors", "events")
    return text_runner(stages, "events-eval", config)


def main_event(doc: Document) -> Event | None:
    """The event of highest confidence, the first in text order on a tie."""
    best: Event | None = None
    for event in doc.events:
        if best is None or event.confidence > best.confidence:
            best = event
    return best


def _gold_codes(actors: Any) -> set[str]:
    out: set[str] = set()
    for actor in actors or []:
        code = actor.get("code") if isinstance(actor, dict) else None
        if isinstance(code, str) and code:
            out.add(_CODE_ALIASES.get(code, code))
    return out


def _countries(doc: Document, ids: tuple[str, ...]) -> set[str]:
    by_id = {a.id: a for a in doc.actors}
    out = set()
    for i in ids:
        country = by_id[i].country if i in by_id else None
        if country:
            out.add("IGO" if country in _OUR_IGO else country)
    return out


@dataclass
class _SentenceTally:
    """Counts over the GSR sentences (each scored once against the set of its gold types)."""

    type_ok: int = 0
    recall_ok: int = 0
    produced: int = 0
    extra: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    buckets: dict[float, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))  # conf -> [n, ok]
    details: list[dict[str, Any]] = field(default_factory=list)


def evaluate_plover_gsr(path: Path | str, config: Config | None = None, part: Part = "all") -> Report:
    """Score the events stage on the PLOVER GSR JSONL file at ``path``."""
    records = read_text_records(Path(path), "an event record", part)
    run = _runner(config)
    gold_types: dict[str, set[str]] = defaultdict(set)
    for rec in records:
        gold_types[rec["text"]].add(rec["event_plover2021"])
    sentences = _SentenceTally()
    for text, types in gold_types.items():
        _score_sentence(sentences, text, types, run(text))
    participants = Counter[str]()
    for rec in records:
        _score_participants(participants, rec, run(rec["text"]))
    return _gsr_report(sentences, participants, len(gold_types))


def _score_sentence(tally: _SentenceTally, text: str, types: set[str], doc: Document) -> None:
    """The main event's type against the gold types of its sentence, and every event's for precision."""
    main = main_event(doc)
    predicted = main.type if main else NONE
    tally.confusion[(sorted(types)[0], predicted)] += 1
    tally.type_ok += predicted in types
    tally.recall_ok += any(e.type in types for e in doc.events)
    for event in doc.events:
        tally.produced += 1
        tally.extra += event.type not in types
        tally.buckets[event.confidence][0] += 1
        tally.buckets[event.confidence][1] += event.type in types
    if predicted not in types:
        tally.details.append({"text": text, "gold": sorted(types), "ours": [f"{e.type}/{e.cameo}" for e in doc.events]})


def _score_participants(counts: Counter[str], rec: dict[str, Any], doc: Document) -> None:
    """Whether our events of the record's gold type name an actor (recipient) of the gold country."""
    ours = [e for e in doc.events if e.type == rec["event_plover2021"]]
    for role, key in (("actor", "source"), ("recipient", "target")):
        gold = _gold_codes(rec.get(key))
        if not gold:
            continue
        counts[f"{role}_total"] += 1
        hit = any(gold & _countries(doc, getattr(e, role)) for e in ours)
        counts[f"{role}_ok"] += hit
        if ours:
            counts[f"{role}_typed"] += 1
            counts[f"{role}_typed_ok"] += hit


def _gsr_report(tally: _SentenceTally, counts: Counter[str], n: int) -> Report:
    metrics: dict[str, float | None] = {
        "type_accuracy": ratio(tally.type_ok, n),
        "type_recall": ratio(tally.recall_ok, n),
        "actor_country_accuracy": ratio(counts["actor_typed_ok"], counts["actor_typed"]),
        "recipient_country_accuracy": ratio(counts["recipient_typed_ok"], counts["recipient_typed"]),
        "actor_country_end_to_end": ratio(counts["actor_ok"], counts["actor_total"]),
        "recipient_country_end_to_end": ratio(counts["recipient_ok"], counts["recipient_total"]),
        "extra_event_rate": ratio(tally.extra, tally.produced),
    }
    rows = [{"metric": k, "score": fmt(v)} for k, v in metrics.items()]
    for low, high in CONFIDENCE_BINS:
        total = sum(t for c, (t, _) in tally.buckets.items() if low <= c < high)
        ok = sum(k for c, (_, k) in tally.buckets.items() if low <= c < high)
        metrics[f"precision_confidence_{low:.1f}_{min(high, 1.0):.1f}"] = ratio(ok, total)
        rows.append({"metric": f"precision, confidence in [{low:.1f}, {min(high, 1.0):.1f})",
                     "score": fmt(ratio(ok, total)), "count": f"{ok}/{total}"})
    for row in rows:
        row.setdefault("count", "")
    summary = (f"events on plover-gsr: type {fmt(metrics['type_accuracy'])}, actor country "
               f"{fmt(metrics['actor_country_accuracy'])}, recipient country "
               f"{fmt(metrics['recipient_country_accuracy'])}, extra events {fmt(metrics['extra_event_rate'])} "
               f"over {n} sentences")
    details = [{"confusion": confusion_table(tally.confusion)}, *tally.details]
    return Report(task="events", dataset="plover-gsr", metrics=metrics, rows=rows, summary=summary,
                  documents=n, details=details)


def evaluate_cameo_examples(path: Path | str, config: Config | None = None, part: Part = "all") -> Report:
    """Score the events stage on the CAMEO manual examples JSONL file at ``path``."""
    records = read_text_records(Path(path), "an event record", part)
    run = _runner(config)
    c = Counter[str]()
    details: list[dict[str, Any]] = []
    for rec in records:
        gold = str(rec.get("code", ""))
        if not gold or gold.startswith("01"):
            c["skipped"] += 1
            continue
        doc = run(rec["text"])
        codes = {e.cameo for e in doc.events if e.cameo}
        main = main_event(doc)
        c["n"] += 1
        c["code"] += gold in codes
        c["root"] += gold[:2] in {x[:2] for x in codes}
        c["main_code"] += bool(main and main.cameo == gold)
        c["main_root"] += bool(main and main.cameo and main.cameo[:2] == gold[:2])
        if not (main and main.cameo and main.cameo[:2] == gold[:2]):
            details.append({"text": rec["text"], "gold": gold, "ours": sorted(codes)})
    metrics: dict[str, float | None] = {
        "code_recall": ratio(c["code"], c["n"]),
        "root_recall": ratio(c["root"], c["n"]),
        "main_code_accuracy": ratio(c["main_code"], c["n"]),
        "main_root_accuracy": ratio(c["main_root"], c["n"]),
    }
    rows = [{"metric": k, "score": fmt(v)} for k, v in metrics.items()]
    summary = (f"events on cameo-examples: main root {fmt(metrics['main_root_accuracy'])}, main code "
               f"{fmt(metrics['main_code_accuracy'])}, code recall {fmt(metrics['code_recall'])} over {c['n']} "
               f"sentences ({c['skipped']} statement examples, root 01, left out)")
    return Report(task="events", dataset="cameo-examples", metrics=metrics, rows=rows, summary=summary,
                  documents=c["n"], details=details)


def confusion_table(confusion: Counter[tuple[str, str]]) -> str:
    """A Markdown table: gold PLOVER type (rows) by the type of our main event (columns)."""
    gold = sorted({g for g, _ in confusion})
    ours = [*sorted({p for _, p in confusion} - {NONE}), NONE]
    short = {p: p[:4] if p != NONE else "none" for p in ours}
    lines = ["| gold \\ ours | " + " | ".join(short[p] for p in ours) + " |",
             "|---|" + "---|" * len(ours)]
    for g in gold:
        cells = [str(confusion[(g, p)] or "") for p in ours]
        lines.append(f"| {g} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


# The registry in communique.evaluate names these two functions.
evaluate_events_gsr = evaluate_plover_gsr
evaluate_events_cameo = evaluate_cameo_examples

TASKS = {("events", "plover-gsr"): evaluate_plover_gsr, ("events", "cameo-examples"): evaluate_cameo_examples}
