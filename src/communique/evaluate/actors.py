"""Actors on the PLOVER gold standard records: country code and sector of source and target actors.

Each record is one sentence with gold ``source``/``target`` actors, each an ``actorText`` with a
``code`` (ISO 3166-1 alpha-3, or IGO/NGO) and often a ``sector``. The sentence goes through
parse, entities and actors; the gold actor is matched to the actor of ours with the largest
mention overlapping the first occurrence of ``actorText`` in the sentence (or, failing that, whose
name contains the text). Scores:

* ``coverage``: gold actors we matched, over gold actors with a usable code;
* ``country_accuracy``: matched actors with the gold code, over matched actors;
* ``sector_accuracy``: matched actors with the gold sector, over matched actors with a gold sector.

Normalisation of the gold (the file mixes conventions; none of this looks at our output):
the gold codes every intergovernmental body as ``IGO``, so our finer ``UNO`` (United Nations) and
``EUR`` (European Union) count as ``IGO``; three gold codes are CAMEO spellings of ISO codes
(``JAP``, ``ITL``, ``VTN``); gold codes that are not states or IGO/NGO (``IMG``, ``ISM``: CAMEO
militant-group codes) are left out. Gold sectors keep their first three letters (``CVLalb`` →
``CVL``); the gold's ``JRN`` (journalists) is our ``MED`` (media, as in CAMEO), its ``MED``
(medical) our ``HLH`` and ``CIV`` our ``CVL``; ``***`` means no sector.

When several of our actors overlap the gold text, a person, group or organisation is preferred
over a state ("rebels in Darfur" is the rebels, not Sudan), then the larger overlap. A gold text
that is not a contiguous part of the sentence ("French warships" in "French and Egyptian
warships") is looked up word by word, its last word (the head) first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from communique.evaluate import Report, fmt, ratio, read_text_records, text_runner
from communique.evaluate.split import Part
from communique.record import Actor, Document
from communique.stages import stages_named

if TYPE_CHECKING:
    from communique.config import Config

TASK = ("actors", "plover-gsr")

_CODE_ALIASES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
_NOT_COUNTRIES = frozenset({"IMG", "ISM"})
_OUR_IGO = frozenset({"IGO", "UNO", "EUR"})
# PLOVER 0.5 (the gold) writes journalists JRN and medical bodies MED; we follow CAMEO, where
# MED is the media and HLH is health.
_SECTOR_ALIASES = {"JRN": "MED", "MED": "HLH", "CIV": "CVL"}


@dataclass
class _Tally:
    """What scoring has counted so far, over the gold actors with a usable code."""

    total: int = 0
    matched: int = 0
    country_ok: int = 0
    sector_total: int = 0
    sector_ok: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)


def evaluate_actors(path: Path | str, config: Config | None = None, part: Part = "all") -> Report:
    """Score the actors stage on the PLOVER GSR JSONL file at ``path``."""
    records = read_text_records(Path(path), "a PLOVER GSR record", part)
    run = _runner(config)
    outputs: dict[str, Document] = {}
    tally = _Tally()
    for rec in records:
        text = rec["text"]
        if text not in outputs:
            outputs[text] = run(text)
        for gold in list(rec.get("source") or []) + list(rec.get("target") or []):
            _score_gold_actor(tally, rec["id"], outputs[text], text, gold)
    return _report(tally, len(outputs))


def _score_gold_actor(tally: _Tally, record_id: Any, doc: Document, text: str, gold: dict[str, Any]) -> None:
    """Count one gold actor of sentence ``text``: found, right country, right sector (when it has one)."""
    code = _gold_code(gold.get("code"))
    if code is None:
        return
    tally.total += 1
    actor = _match(doc, text, str(gold.get("actorText", "")))
    if actor is None:
        tally.errors.append({"id": record_id, "actor_text": gold.get("actorText"), "error": "not found"})
        return
    tally.matched += 1
    if ("IGO" if actor.country in _OUR_IGO else actor.country) == code:
        tally.country_ok += 1
    else:
        tally.errors.append(_mismatch(record_id, gold, "country", code, actor.country, actor))
    sector = _gold_sector(gold.get("sector"))
    if sector is None:
        return
    tally.sector_total += 1
    if actor.sector == sector:
        tally.sector_ok += 1
    else:
        tally.errors.append(_mismatch(record_id, gold, "sector", sector, actor.sector, actor))


def _mismatch(record_id: Any, gold: dict[str, Any], error: str, expected: str, ours: str | None,
              actor: Actor) -> dict[str, Any]:
    return {"id": record_id, "actor_text": gold.get("actorText"), "error": error, "gold": expected, "ours": ours,
            "actor": actor.name}


def _report(tally: _Tally, sentences: int) -> Report:
    metrics = {
        "coverage": ratio(tally.matched, tally.total),
        "country_accuracy": ratio(tally.country_ok, tally.matched),
        "sector_accuracy": ratio(tally.sector_ok, tally.sector_total),
    }
    counts = {
        "coverage": f"{tally.matched}/{tally.total}",
        "country_accuracy": f"{tally.country_ok}/{tally.matched}",
        "sector_accuracy": f"{tally.sector_ok}/{tally.sector_total}",
    }
    rows = [{"metric": name, "score": fmt(score), "count": counts[name]} for name, score in metrics.items()]
    summary = (
        f"actors on plover-gsr: country {fmt(metrics['country_accuracy'])}, sector {fmt(metrics['sector_accuracy'])}, "
        f"coverage {fmt(metrics['coverage'])} over {tally.total} gold actors in {sentences} sentences"
    )
    return Report(task=TASK[0], dataset=TASK[1], metrics=metrics, rows=rows, summary=summary, documents=sentences,
                  details=tally.errors)


def _runner(config: Config | None) -> Callable[[str], Document]:
    return text_runner(stages_named("parse", "entities", "reference_date", "actors"), "plover-gsr", config)


def _gold_code(code: Any) -> str | None:
    if not isinstance(code, str) or not code:
        return None
    code = _CODE_ALIASES.get(code, code)
    return None if code in _NOT_COUNTRIES else code


def _gold_sector(sector: Any) -> str | None:
    if not isinstance(sector, str) or not sector[:3].isalpha():
        return None
    head = sector[:3].upper()
    return _SECTOR_ALIASES.get(head, head)


def _match(doc: Document, text: str, actor_text: str) -> Actor | None:
    """Our actor for a gold actor text: a non-state overlapping mention first, then the largest overlap."""
    if actor_text and actor_text in text:
        found = _overlapping(doc, text.find(actor_text), actor_text)
        if found is not None:
            return found
    else:
        # Not contiguous in the sentence: its words, the head (last word) first.
        words = [w for w in actor_text.replace("...", " ").split() if w in text]
        for word in reversed(words):
            found = _overlapping(doc, text.find(word), word)
            if found is not None:
                return found
    low = actor_text.lower()
    for actor in doc.actors:
        if low and (low in actor.name.lower() or actor.name.lower() in low):
            return actor
    return None


def _overlapping(doc: Document, start: int, actor_text: str) -> Actor | None:
    end = start + len(actor_text)
    best: tuple[tuple[int, int, int], Actor] | None = None
    for actor in doc.actors:
        for m in actor.mentions:
            overlap = min(end, m.end) - max(start, m.start)
            if overlap > 0:
                key = (int(actor.type != "state"), overlap, -(m.end - m.start))
                if best is None or key > best[0]:
                    best = (key, actor)
    return best[1] if best else None
