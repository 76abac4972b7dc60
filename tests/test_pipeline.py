"""The stage contract: checked when a pipeline is built, and after every stage while it runs."""

from __future__ import annotations

from typing import Any

import pytest

from communique.config import Config
from communique.errors import StageContractError
from communique.library import build_pipeline
from communique.pipeline import INGESTED, Context, Pipeline
from communique.record import Document, Entity
from communique.stages import default_stages


class _Stage:
    """A hand-made stage: what it declares, and what it does to a document."""

    def __init__(self, name: str, needs: Any, adds: Any, run: Any = None) -> None:
        self.name, self.needs, self.adds = name, needs, adds
        self._run = run or (lambda doc: doc)

    def __call__(self, doc: Document, ctx: Context) -> Document:
        return self._run(doc)  # type: ignore[no-any-return]


def _doc(text: str = "Japan and Taiwan met.") -> Document:
    return Document(id="t", source="test.txt", raw_text=text)


def _pipeline(*stages: Any, check: bool = True) -> Pipeline:
    return Pipeline(list(stages), Context(Config(check_stages=check)))


def test_the_default_stages_are_in_an_order_that_meets_every_need() -> None:
    names = build_pipeline(Config()).names
    assert names == tuple(stage.name for stage in default_stages())
    assert names.index("reference_date") < names.index("actors") < names.index("events")
    assert names.index("reference_date") < names.index("dates")


def test_a_stage_placed_before_the_one_that_adds_its_need_is_named() -> None:
    stages = default_stages()
    events = next(s for s in stages if s.name == "events")
    wrong = [events, *(s for s in stages if s is not events)]
    with pytest.raises(StageContractError, match=r"stage 'events' needs \['actors', 'dates', 'parsed'"):
        build_pipeline(Config(), stages=wrong)


def test_dropping_the_parse_stage_names_the_first_stage_left_without_its_parse() -> None:
    stages = [s for s in default_stages() if s.name != "parse"]
    with pytest.raises(StageContractError, match=r"stage 'entities' needs \['parsed'\]"):
        build_pipeline(Config(), stages=stages)


@pytest.mark.parametrize(
    ("needs", "adds", "message"),
    [
        (frozenset({"text"}), frozenset({"sentiment"}), r"declares \['sentiment'\], which are not Document fields"),
        (frozenset({"txt"}), frozenset(), r"declares \['txt'\]"),
        (frozenset(), "text", "must be sets of Document field names, not str"),
        ("raw_text", frozenset({"text"}), "must be sets of Document field names, not str"),
    ],
)
def test_a_stage_declaring_something_other_than_document_fields_is_named(needs: Any, adds: Any, message: str) -> None:
    with pytest.raises(StageContractError, match=rf"stage 'odd'.*{message}|stage 'odd': {message}"):
        _pipeline(_Stage("odd", needs, adds))


def test_ingest_fields_need_no_stage() -> None:
    _pipeline(_Stage("reader", INGESTED, frozenset()))


def test_a_stage_that_returns_no_document_is_named_even_without_checks() -> None:
    pipeline = _pipeline(_Stage("lossy", frozenset({"raw_text"}), frozenset({"text"}), lambda doc: None), check=False)
    with pytest.raises(StageContractError, match="stage 'lossy' returned NoneType, not a Document"):
        pipeline(_doc())


def test_a_stage_that_changes_a_field_it_does_not_declare_is_named() -> None:
    sneaky = _Stage("sneaky", frozenset({"raw_text"}), frozenset({"text"}),
                    lambda doc: doc.with_(text=doc.raw_text, title="Made up"))
    with pytest.raises(StageContractError, match=r"stage 'sneaky' changed \['title'\]"):
        _pipeline(sneaky)(_doc())


def test_without_checks_an_undeclared_change_goes_through() -> None:
    sneaky = _Stage("sneaky", frozenset({"raw_text"}), frozenset({"text"}),
                    lambda doc: doc.with_(text=doc.raw_text, title="Made up"))
    assert _pipeline(sneaky, check=False)(_doc()).title == "Made up"


def test_rebuilding_an_undeclared_layer_with_equal_values_is_no_change() -> None:
    entity = Entity("Japan", "GPE", 0, 5)
    doc = _doc().with_(entities=(entity,))
    same = _Stage("same", frozenset({"raw_text"}), frozenset(), lambda d: d.with_(entities=tuple(d.entities)))
    assert _pipeline(same)(doc).entities == (entity,)


def test_the_real_pipeline_keeps_its_contract_on_the_seed(seed_record: Document) -> None:
    # conftest switches the checks on for every pipeline of the test session: the seed went through them.
    assert Config.load().check_stages
    assert seed_record.events and seed_record.reference_date == "2022-12-28"
