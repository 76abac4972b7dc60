"""Entities on GUM news: overlap precision/recall/F1 per type, and linking accuracy.

Types: GUM person → PER, organization → ORG, place → LOC; spaCy PERSON → PER, ORG → ORG,
GPE/LOC/FAC → LOC (NORP has no GUM counterpart and is not scored).

GUM annotates every noun phrase (names, nominals, pronouns) with maximal spans ("U.S. President
Donald Trump 's"), so, following its README:

* **Recall** counts the *named* gold mentions: those with a Wikipedia ``identity`` and a
  capitalised word that is part of that title or an acronym ("Trump" of ``Donald_Trump``,
  "U.S." of ``United_States``) — GUM also gives the identity to "the President" and "he",
  which no NER is meant to find. A gold mention is found when a prediction of the same type
  overlaps it.
* **Precision** counts a prediction as correct when it overlaps *any* gold mention of its type
  (named or not: GUM only Wikifies names that have a Wikipedia page).
* **Untyped** P/R/F1 ask only whether a name was found, whatever its type: GUM types a country
  that acts as an organisation ("North Korea said") where spaCy says GPE.
* **Linking accuracy**: over the named gold mentions whose Wikipedia title the knowledge base
  knows as a country, organisation or person (the title, underscores as spaces, is a KB name),
  the share with an overlapping prediction (of any type) linked (``Entity.actor``) to an actor
  carrying that KB id (a state actor also counts as ``country:ISO3``). Computed only when the
  knowledge base and the actors stage are importable, else n/a.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from communique.evaluate import Report, f1, fmt, ratio
from communique.evaluate.gum import GumDoc, load_gum, overlaps, run
from communique.evaluate.split import Part
from communique.kb import KnowledgeBase, load_kb
from communique.record import Actor, Document, Entity

GOLD_TYPES = {"person": "PER", "organization": "ORG", "place": "LOC"}
PREDICTED_TYPES = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
TYPES = ("PER", "ORG", "LOC")
_ACRONYM = re.compile(r"(?:[A-Z]\.?){2,}")


def is_named(mention: dict[str, Any]) -> bool:
    """A gold mention that is a name: a capitalised word of its Wikipedia title, or an acronym."""
    identity = mention.get("identity")
    if not identity:
        return False
    title_words = set(re.split(r"[_\s,()]+", str(identity)))
    for word in str(mention["text"]).split():
        word = word.strip("'\".,;:")
        if word[:1].isupper() and (word in title_words or _ACRONYM.fullmatch(word)):
            return True
    return False


def expected_kb_id(kb: KnowledgeBase, identity: str) -> str | None:
    """The KB id a Wikipedia title names, if the KB knows it as a country, organisation or person."""
    for hit in kb.lookup(identity.replace("_", " ")):
        if hit.kind == "country":
            return f"country:{hit.id}"
        if hit.kind in ("organization", "person"):
            return hit.id
    return None


def _linked(entity: Entity, actors: dict[str, Actor]) -> set[str]:
    actor = actors.get(entity.actor or "")
    if actor is None:
        return set()
    ids = {actor.kb_id} if actor.kb_id else set()
    if actor.type == "state" and actor.country:
        ids.add(f"country:{actor.country}")
    return ids


def score_document(gum: GumDoc, doc: Document, kb: KnowledgeBase | None, tally: Counter[str]) -> None:
    """Add one document's counts to ``tally`` (keys ``PER:predicted``, ``PER:gold_found``, ``link:known`` ...)."""
    predicted = [(PREDICTED_TYPES[e.label], e) for e in doc.entities if e.label in PREDICTED_TYPES]
    gold = [(GOLD_TYPES[g["etype"]], g) for g in gum.entities if g["etype"] in GOLD_TYPES]
    for kind, entity in predicted:
        tally[f"{kind}:predicted"] += 1
        touching = [k for k, g in gold if overlaps(entity.start, entity.end, g["start"], g["end"])]
        tally[f"{kind}:predicted_ok"] += kind in touching
        tally["untyped:predicted_ok"] += bool(touching)
    actors = {a.id: a for a in doc.actors}
    for kind, g in gold:
        if not is_named(g):
            continue
        tally[f"{kind}:gold"] += 1
        hits = [(k, e) for k, e in predicted if overlaps(e.start, e.end, g["start"], g["end"])]
        tally[f"{kind}:gold_found"] += any(k == kind for k, _ in hits)
        tally["untyped:gold_found"] += bool(hits)
        expected = expected_kb_id(kb, str(g["identity"])) if kb is not None else None
        if expected is None:
            continue
        # Linking is judged whatever the type: GUM types "North Korea" as an organisation where it
        # acts (metonymy), spaCy as a GPE; the link to the state is right either way.
        tally["link:known"] += 1
        tally["link:correct"] += any(expected in _linked(e, actors) for _, e in hits)


def evaluate_entities(path: Path, config: Any = None, part: Part = "all") -> Report:
    docs = load_gum(path, part)
    kb = load_kb()
    tally: Counter[str] = Counter()
    for gum, doc in zip(docs, run(docs, path, ("actors",) if kb else (), config), strict=True):
        score_document(gum, doc, kb, tally)
    metrics: dict[str, float | None] = {}
    rows: list[dict[str, Any]] = []
    for kind in (*TYPES, "ALL"):
        kinds = TYPES if kind == "ALL" else (kind,)
        ok, pred = sum(tally[f"{k}:predicted_ok"] for k in kinds), sum(tally[f"{k}:predicted"] for k in kinds)
        found, gold = sum(tally[f"{k}:gold_found"] for k in kinds), sum(tally[f"{k}:gold"] for k in kinds)
        precision, recall = ratio(ok, pred), ratio(found, gold)
        prefix = "" if kind == "ALL" else f"{kind.lower()}_"
        metrics[f"{prefix}precision"], metrics[f"{prefix}recall"] = precision, recall
        metrics[f"{prefix}f1"] = f1(precision, recall)
        rows.append({"type": kind, "precision": precision, "recall": recall, "f1": f1(precision, recall),
                     "predicted": pred, "gold": gold})
    pred_all, gold_all = rows[-1]["predicted"], rows[-1]["gold"]
    untyped_p = ratio(tally["untyped:predicted_ok"], pred_all)
    untyped_r = ratio(tally["untyped:gold_found"], gold_all)
    metrics["untyped_f1"] = f1(untyped_p, untyped_r)
    rows.append({"type": "untyped", "precision": untyped_p, "recall": untyped_r, "f1": metrics["untyped_f1"],
                 "predicted": pred_all, "gold": gold_all})
    metrics["linking_accuracy"] = ratio(tally["link:correct"], tally["link:known"]) if kb else None
    rows.append({"type": "linking", "precision": None, "recall": metrics["linking_accuracy"], "f1": None,
                 "predicted": tally["link:correct"], "gold": tally["link:known"]})
    summary = (
        f"entities on {path.name}: {len(docs)} documents, F1 {fmt(metrics['f1'])} "
        f"(PER {fmt(metrics['per_f1'])}, ORG {fmt(metrics['org_f1'])}, LOC {fmt(metrics['loc_f1'])}), "
        f"linking accuracy {fmt(metrics['linking_accuracy'])}"
        + (f" over {tally['link:known']} mentions the KB knows" if kb else " (knowledge base not available)")
    )
    return Report("entities", "gum-news", metrics, rows, summary, len(docs))
