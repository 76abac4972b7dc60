"""The registry of stages: the default pipeline, in the order of DESIGN.md's data flow.

    repair -> parse -> entities -> reference_date -> actors -> dates -> places -> quotes -> events

The library builds its pipelines from :func:`default_stages`; a user who wants another order
or an extra stage passes a list of their own to :func:`communique.library.build_pipeline`
(``[*default_stages(), MyStage()]``), and the pipeline checks the order when it is built.
This module is the only one that imports every stage; no stage imports it.
"""

from __future__ import annotations

from collections.abc import Callable

from communique.nlp.actors import ActorsStage
from communique.nlp.dates import DatesStage
from communique.nlp.entities import EntitiesStage
from communique.nlp.events import EventsStage
from communique.nlp.parse import ParseStage
from communique.nlp.places import PlacesStage
from communique.nlp.quotes import QuotesStage
from communique.nlp.reference_date import ReferenceDateStage
from communique.pipeline import Stage
from communique.repair import RepairStage

DEFAULT_STAGES: tuple[Callable[[], Stage], ...] = (
    RepairStage,
    ParseStage,
    EntitiesStage,
    ReferenceDateStage,
    ActorsStage,
    DatesStage,
    PlacesStage,
    QuotesStage,
    EventsStage,
)


def default_stages() -> list[Stage]:
    """A fresh instance of every default stage, in order."""
    return [make() for make in DEFAULT_STAGES]


def stages_named(*names: str) -> list[Stage]:
    """Fresh instances of the default stages called ``names``, in pipeline order (the scorers run
    such slices over bare texts). A name the registry does not hold is a :class:`KeyError`."""
    stages = {stage.name: stage for stage in default_stages()}
    unknown = [name for name in names if name not in stages]
    if unknown:
        raise KeyError(f"no default stage named {unknown[0]!r}; the registry holds {sorted(stages)}")
    return [stage for name, stage in stages.items() if name in names]
