"""The GUM news dev set: reading its JSONL and running the stages an evaluation needs over it.

Each line is ``{doc, meta{dateCreated, title, ...}, text, entities[...], dates[...]}`` with offsets
into ``text`` (see ``gum_news/README.md``). The text is already clean, so it goes into the
pipeline as both ``raw_text`` and ``text`` and the repair stage is skipped: gold offsets stay valid.
``meta.dateCreated`` is the document's ``published`` date (the anchor of GUM's date values).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from communique.config import Config
from communique.evaluate import EvaluationError
from communique.evaluate.split import Part, select
from communique.pipeline import Context, Stage
from communique.record import Document
from communique.stages import stages_named


@dataclass(frozen=True)
class GumDoc:
    name: str
    text: str
    created: str | None
    entities: tuple[dict[str, Any], ...]
    dates: tuple[dict[str, Any], ...]


def load_gum(path: Path, part: Part = "all") -> list[GumDoc]:
    """The documents on ``part`` of the split of a GUM JSONL file; one-line error naming the file
    and line when it is not that."""
    docs: list[GumDoc] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise EvaluationError(f"{path}: cannot read ({exc})") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            docs.append(
                GumDoc(
                    name=str(row["doc"]),
                    text=str(row["text"]),
                    created=(row.get("meta") or {}).get("dateCreated"),
                    entities=tuple(row.get("entities", ())),
                    dates=tuple(row.get("dates", ())),
                )
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise EvaluationError(f"{path}:{number}: not a GUM news record ({type(exc).__name__}: {exc})") from None
    if not docs:
        raise EvaluationError(f"{path}: no documents")
    return select(docs, part, lambda doc: doc.text)


def _extra_stages(wanted: Iterable[str]) -> list[Stage]:
    """The reference-date stage, then whichever of ``wanted`` ("actors", "dates", "places") are asked for."""
    return stages_named("reference_date", *(name for name in ("actors", "dates", "places") if name in wanted))


# The parsed documents of the last GUM file: (path, mtime, size, model) -> name -> document after
# parse and entities. The scorers of one GUM file (entities, dates, places, quotes), on either
# side of the split, share it, so the gate parses each document once; no stage modifies the
# spaCy Doc, so sharing it is safe.
_PARSED: dict[tuple[str, int, int, str], dict[str, Document]] = {}


def _parsed(docs: list[GumDoc], path: Path, ctx: Context) -> list[Document]:
    stat = path.stat()
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size, ctx.config.model)
    if key not in _PARSED:
        _PARSED.clear()
        _PARSED[key] = {}
    cache = _PARSED[key]
    parse, entities = stages_named("parse", "entities")
    for gum in docs:
        if gum.name not in cache:
            doc = Document(id=gum.name, source=f"{path}#{gum.name}", raw_text=gum.text, text=gum.text,
                           published=gum.created)
            cache[gum.name] = entities(parse(doc, ctx), ctx)
    return [cache[gum.name] for gum in docs]


def run(docs: list[GumDoc], path: Path, wanted: Iterable[str], config: Config | None = None) -> Iterator[Document]:
    """Each GUM document through parse, entities, the reference date and the ``wanted`` stages."""
    ctx = Context(config or Config.load())
    stages = _extra_stages(wanted)
    for doc in _parsed(docs, path, ctx):
        for stage in stages:
            doc = stage(doc, ctx)
        yield doc


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end
