"""The framework every stage plugs into: the stage contract, the context, and the pipeline that runs them.

A stage is any object with a ``name``, the ``needs`` and ``adds`` sets of
:class:`~communique.record.Document` field names, and ``__call__(doc, ctx) -> Document``.
Building a :class:`Pipeline` checks the contract the way spaCy checks its component order:
every name is a field of ``Document``, and every need is met by ingest or by an earlier
stage. Running one names the stage that failed; with ``ctx.check`` on (always in the tests,
``COMMUNIQUE_CHECK_STAGES=1`` or ``check_stages = true`` at run time) it also names a stage
that returns something other than a ``Document`` or changes a field it did not declare.

This module imports no stage: the stages import it, and the registry of default stages
(:mod:`communique.stages`) sits above them all.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from communique.config import Config
from communique.errors import CommuniqueError, StageContractError, StageError
from communique.record import Document
from communique.resources import Resources

# Every field of a Document: the names a stage may need or add.
DOCUMENT_FIELDS = frozenset(f.name for f in dataclasses.fields(Document))
# The fields ingest fills before any stage runs.
INGESTED = frozenset({"id", "source", "raw_text", "title", "published", "language", "heading_hints", "meta"})


@dataclass
class Context:
    """What the stages of one pipeline share: the configuration and its loaded resources."""

    config: Config
    resources: Resources = field(init=False)
    check: bool = field(init=False)

    def __post_init__(self) -> None:
        self.resources = Resources(self.config)
        self.check = self.config.check_stages


class Stage(Protocol):
    name: str
    needs: frozenset[str]
    adds: frozenset[str]

    def __call__(self, doc: Document, ctx: Context) -> Document: ...


def check_order(stages: Sequence[Stage]) -> None:
    """Raise :class:`StageContractError` unless every stage's needs are met before it runs."""
    have = set(INGESTED)
    for stage in stages:
        for declared in (stage.needs, stage.adds):
            if not isinstance(declared, (set, frozenset)):
                raise StageContractError(f"stage {stage.name!r}: needs and adds must be sets of Document field "
                                         f"names, not {type(declared).__name__}")
        unknown = (stage.needs | stage.adds) - DOCUMENT_FIELDS
        if unknown:
            raise StageContractError(f"stage {stage.name!r} declares {sorted(unknown)}, which are not Document fields")
        missing = stage.needs - have
        if missing:
            raise StageContractError(
                f"pipeline order: stage {stage.name!r} needs {sorted(missing)} which no earlier stage adds"
            )
        have |= stage.adds


def changed_fields(before: Document, after: Document) -> set[str]:
    """The fields ``after`` holds a different value in (an untouched field keeps its very object)."""
    changed = set()
    for name in DOCUMENT_FIELDS:
        old, new = getattr(before, name), getattr(after, name)
        if old is not new and old != new:
            changed.add(name)
    return changed


class Pipeline:
    def __init__(self, stages: Sequence[Stage], ctx: Context) -> None:
        check_order(stages)
        self.stages = tuple(stages)
        self.ctx = ctx

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.stages)

    def __call__(self, doc: Document) -> Document:
        for stage in self.stages:
            before = doc
            try:
                doc = stage(doc, self.ctx)
            except CommuniqueError:
                raise
            except Exception as exc:  # a bug in a stage: name it, keep the batch going
                raise StageError(stage.name, before.source, f"{type(exc).__name__}: {exc}") from exc
            if not isinstance(doc, Document):
                raise StageContractError(f"stage {stage.name!r} returned {type(doc).__name__}, not a Document")
            if self.ctx.check:
                undeclared = changed_fields(before, doc) - stage.adds
                if undeclared:
                    raise StageContractError(f"stage {stage.name!r} changed {sorted(undeclared)}, "
                                             f"which it does not declare in adds")
        return doc

    def pipe(self, docs: Iterable[Document]) -> Iterable[Document]:
        for doc in docs:
            yield self(doc)
