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

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from communique.evaluate import Report, fmt, ratio, read_text_records, text_runner
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


def evaluate_actors(path: Path | str, config: Config | None = None) -> Report:
    """Score the actors stage on the PLOVER GSR JSONL file at ``path``."""
    records = read_text_records(Path(path), "a PLOVER GSR record")
    run = _runner(config)
    outputs: dict[str, Document] = {}
    matched = country_ok = sector_total = sector_ok = total = 0
    errors: list[dict[str, Any]] = []
    by_code: Counter[str] = Counter()
    for rec in records:
        text = rec["text"]
        if text not in outputs:
            outputs[text] = run(text)
        doc = outputs[text]
        for gold in list(rec.get("source") or []) + list(rec.get("target") or []):
            code = _gold_code(gold.get("code"))
            if code is None:
                continue
            total += 1
            actor = _match(doc, text, str(gold.get("actorText", "")))
            if actor is None:
                errors.append({"id": rec["id"], "actor_text": gold.get("actorText"), "error": "not found"})
                continue
            matched += 1
            ours = "IGO" if actor.country in _OUR_IGO else actor.country
            if ours == code:
                country_ok += 1
            else:
                by_code[code] += 1
                errors.append(
                    {
                        "id": rec["id"],
                        "actor_text": gold.get("actorText"),
                        "error": "country",
                        "gold": code,
                        "ours": actor.country,
                        "actor": actor.name,
                    }
                )
            sector = _gold_sector(gold.get("sector"))
            if sector is not None:
                sector_total += 1
                if actor.sector == sector:
                    sector_ok += 1
                else:
                    errors.append(
                        {
                            "id": rec["id"],
                            "actor_text": gold.get("actorText"),
                            "error": "sector",
                            "gold": sector,
                            "ours": actor.sector,
                            "actor": actor.name,
                        }
                    )
    metrics = {
        "coverage": ratio(matched, total),
        "country_accuracy": ratio(country_ok, matched),
        "sector_accuracy": ratio(sector_ok, sector_total),
    }
    rows = [
        {"metric": "coverage", "score": fmt(metrics["coverage"]), "count": f"{matched}/{total}"},
        {"metric": "country_accuracy", "score": fmt(metrics["country_accuracy"]), "count": f"{country_ok}/{matched}"},
        {"metric": "sector_accuracy", "score": fmt(metrics["sector_accuracy"]), "count": f"{sector_ok}/{sector_total}"},
    ]
    summary = (
        f"actors on plover-gsr: country {fmt(metrics['country_accuracy'])}, sector {fmt(metrics['sector_accuracy'])}, "
        f"coverage {fmt(metrics['coverage'])} over {total} gold actors in {len(outputs)} sentences"
    )
    return Report(
        task=TASK[0],
        dataset=TASK[1],
        metrics=metrics,
        rows=rows,
        summary=summary,
        documents=len(outputs),
        details=errors,
    )


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
