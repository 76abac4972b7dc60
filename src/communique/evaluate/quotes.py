"""Quotes on GUM news: quote-span detection precision/recall/F1 by overlap.

Gold: GUM's ``<quote>`` (statements) and ``<q>`` (quoted words: titles, scare quotes) spans, 92 in
the 24 documents, without speakers. They are not in the derived JSONL, so they are read from the
CoNLL-U files in ``original/sources/`` beside ``derived/``: the text is rebuilt from the tokens
the same way as the JSONL's (``SpaceAfter=No``), checked equal to it, and the XML milestones of
the MISC column become character spans.

* Scored predictions are the quotes that stand between quote marks (``direct`` and ``mixed``):
  GUM marks no indirect speech, so indirect quotes would all count as false positives. Their
  number is reported beside the scores.
* A prediction is correct when it overlaps a gold span; a gold span is found when a prediction
  overlaps it (GUM splits a multi-sentence quote into one span per sentence, we do not).
* GUM leaves the quotes of some documents unmarked (none in ``warhol``, ``warming``, ``nasa``,
  ``hackers``, ``ie9``, which are full of them), so ``precision_annotated`` also counts only the
  documents where GUM marks at least one quote.
* ``recall_quote``/``recall_q`` split recall by GUM's two tags: communique drops unattributed
  short quoted words on purpose, so most ``<q>`` spans are expected to be missed.
* ``attributed`` is the share of scored predictions that have a speaker (GUM cannot tell
  whether it is the right one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from communique.config import Config
from communique.evaluate import EvaluationError, Report, f1, fmt, ratio
from communique.evaluate.gum import load_gum, overlaps, run
from communique.evaluate.split import Part
from communique.pipeline import Context
from communique.record import Quote
from communique.stages import stages_named

_MILESTONE = re.compile(r"<(/?)(quote|q)\b[^>]*>")
GoldSpan = tuple[str, int, int]  # (tag, start, end)


def gold_quotes(conllu: Path) -> tuple[str, list[GoldSpan]]:
    """The text rebuilt from one GUM CoNLL-U file and its quote spans ``(tag, start, end)``."""
    try:
        lines = conllu.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise EvaluationError(f"{conllu}: cannot read ({exc})") from None
    parts: list[str] = []
    offset = 0
    stack: list[tuple[str, int]] = []
    spans: list[GoldSpan] = []
    for number, line in enumerate(lines, 1):
        cols = line.split("\t")
        if len(cols) != 10 or not cols[0].isdigit():
            continue  # comments, blank lines, multiword-token and empty-node rows
        word, misc = cols[1], cols[9]
        start = offset
        parts.append(word)
        offset += len(word)
        xml = next((field[4:] for field in misc.split("|") if field.startswith("XML=")), "")
        for match in _MILESTONE.finditer(xml):
            if not match.group(1):
                stack.append((match.group(2), start))
            elif not stack:
                raise EvaluationError(f"{conllu}:{number}: closing </{match.group(2)}> with no opening tag")
            else:
                tag, opened = stack.pop()
                spans.append((tag, opened, offset))
        if "SpaceAfter=No" not in misc.split("|"):
            parts.append(" ")
            offset += 1
    return "".join(parts), spans


def _gold_for(path: Path, name: str, text: str) -> list[GoldSpan]:
    conllu = path.parent.parent / "original" / "sources" / f"{name}.conllu"
    if not conllu.is_file():
        raise EvaluationError(f"{conllu}: missing; quote spans are read from GUM's CoNLL-U sources")
    rebuilt, spans = gold_quotes(conllu)
    if rebuilt.rstrip() != text.rstrip():
        raise EvaluationError(f"{conllu}: its tokens do not rebuild the text of {name} in {path.name}")
    return [s for s in spans if s[2] > s[1]]


@dataclass
class _Tally:
    """Counts over the documents scored so far."""

    predicted: int = 0  # our quotes between quote marks (direct and mixed): the scored predictions
    hit: int = 0
    indirect: int = 0
    attributed: int = 0
    annotated: list[int] = field(default_factory=lambda: [0, 0])  # predictions, correct, where GUM marks some quote
    gold_by_tag: dict[str, list[int]] = field(default_factory=lambda: {"quote": [0, 0], "q": [0, 0]})  # [total, found]
    details: list[dict[str, Any]] = field(default_factory=list)


def evaluate_quotes(path: Path, config: Config | None = None, part: Part = "all") -> Report:
    docs = load_gum(path, part)
    ctx = Context(config or Config.load())
    [stage] = stages_named("quotes")
    tally = _Tally()
    for gum, doc in zip(docs, run(docs, path, ("actors",), config), strict=True):
        _score_document(tally, gum.name, gum.text, _gold_for(path, gum.name, gum.text), stage(doc, ctx).quotes)
    return _report(tally, path, len(docs))


def _score_document(tally: _Tally, name: str, text: str, gold: list[GoldSpan], quotes: tuple[Quote, ...]) -> None:
    """Our quotes of one document against its gold spans, both ways (precision and recall by tag)."""
    marked = [q for q in quotes if q.kind != "indirect"]
    tally.indirect += len(quotes) - len(marked)
    tally.predicted += len(marked)
    tally.attributed += sum(q.speaker_text is not None for q in marked)
    for q in marked:
        correct = any(overlaps(q.start, q.end, s, e) for _, s, e in gold)
        tally.hit += correct
        if gold:
            tally.annotated[0] += 1
            tally.annotated[1] += correct
        if not correct:
            tally.details.append({"doc": name, "error": "extra", "text": q.text[:120]})
    for tag, s, e in gold:
        found = any(overlaps(q.start, q.end, s, e) for q in marked)
        counts = tally.gold_by_tag.setdefault(tag, [0, 0])
        counts[0] += 1
        counts[1] += found
        if not found:
            tally.details.append({"doc": name, "error": f"missed <{tag}>", "text": text[s:e][:120]})


def _report(tally: _Tally, path: Path, documents: int) -> Report:
    by_tag = tally.gold_by_tag
    gold_total = sum(c[0] for c in by_tag.values())
    gold_found = sum(c[1] for c in by_tag.values())
    precision, recall = ratio(tally.hit, tally.predicted), ratio(gold_found, gold_total)
    metrics: dict[str, float | None] = {
        "precision": precision,
        "recall": recall,
        "f1": f1(precision, recall),
        "precision_annotated": ratio(tally.annotated[1], tally.annotated[0]),
        "recall_quote": ratio(by_tag["quote"][1], by_tag["quote"][0]),
        "recall_q": ratio(by_tag["q"][1], by_tag["q"][0]),
        "attributed": ratio(tally.attributed, tally.predicted),
    }
    counts = {
        "precision": f"{tally.hit}/{tally.predicted}",
        "recall": f"{gold_found}/{gold_total}",
        "f1": "",
        "precision_annotated": "{1}/{0}".format(*tally.annotated),
        "recall_quote": "{1}/{0}".format(*by_tag["quote"]),
        "recall_q": "{1}/{0}".format(*by_tag["q"]),
        "attributed": f"{tally.attributed}/{tally.predicted}",
    }
    rows = [{"metric": name, "score": score, "counts": counts[name]} for name, score in metrics.items()]
    summary = (
        f"quotes on {path.name}: {documents} documents, span F1 {fmt(metrics['f1'])} "
        f"(precision {counts['precision']}, recall {counts['recall']}); "
        f"{tally.indirect} indirect quotes not scored (GUM marks none)"
    )
    return Report("quotes", "gum-news", metrics, rows, summary, documents, details=tally.details)


# (task, dataset) -> scoring function, for registries that collect them from the modules.
TASKS = {("quotes", "gum-news"): evaluate_quotes}
