"""The pipeline: an ordered list of stages, each ``Document -> Document``.

A stage declares the layers it ``needs`` and the one it ``adds``; building a
pipeline checks that every need is met by an earlier stage, the way spaCy checks
its component order. Running one names the stage that failed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from communique.errors import CommuniqueError, StageError
from communique.record import Document

if TYPE_CHECKING:
    from communique.config import Config


@dataclass
class Context:
    """What stages share: configuration and lazily loaded resources (spaCy, KB)."""

    config: Config
    _cache: dict[str, Any] = field(default_factory=dict)

    def resource(self, name: str, load: Callable[[], Any]) -> Any:
        """Load ``name`` once per context and return it."""
        if name not in self._cache:
            self._cache[name] = load()
        return self._cache[name]


class Stage(Protocol):
    name: str
    needs: frozenset[str]
    adds: str

    def __call__(self, doc: Document, ctx: Context) -> Document: ...


# Layers present on a Document before any stage runs (filled by ingest).
INGESTED = frozenset({"raw_text", "metadata"})


class Pipeline:
    def __init__(self, stages: Sequence[Stage], ctx: Context) -> None:
        have = set(INGESTED)
        for stage in stages:
            missing = stage.needs - have
            if missing:
                raise CommuniqueError(
                    f"pipeline order: stage {stage.name!r} needs {sorted(missing)} which no earlier stage adds"
                )
            have.add(stage.adds)
        self.stages = tuple(stages)
        self.ctx = ctx

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.stages)

    def __call__(self, doc: Document) -> Document:
        for stage in self.stages:
            try:
                doc = stage(doc, self.ctx)
            except CommuniqueError:
                raise
            except Exception as exc:  # a bug in a stage: name it, keep the batch going
                raise StageError(stage.name, doc.source, f"{type(exc).__name__}: {exc}") from exc
        return doc

    def pipe(self, docs: Iterable[Document]) -> Iterable[Document]:
        for doc in docs:
            yield self(doc)


def default_stages() -> list[Stage]:
    """The stages of DESIGN.md in order; later issues append theirs here."""
    from communique.nlp.actors import ActorsStage
    from communique.nlp.dates import DatesStage
    from communique.nlp.entities import EntitiesStage
    from communique.nlp.events import EventsStage
    from communique.nlp.parse import ParseStage
    from communique.nlp.places import PlacesStage
    from communique.nlp.quotes import QuotesStage
    from communique.repair import RepairStage

    return [
        RepairStage(), ParseStage(), EntitiesStage(), ActorsStage(), DatesStage(), PlacesStage(),
        QuotesStage(), EventsStage(),
    ]


def build_pipeline(config: Config | None = None, stages: Sequence[Stage] | None = None) -> Pipeline:
    from communique.config import Config

    ctx = Context(config or Config.load())
    return Pipeline(stages if stages is not None else default_stages(), ctx)
