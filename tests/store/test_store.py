"""The DuckDB store on hand-built documents: no spaCy needed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import communique
from communique.errors import StoreError
from communique.record import (
    Actor,
    DateMention,
    Document,
    Entity,
    Event,
    Heading,
    Mention,
    Place,
    Quote,
    Repair,
    Sentence,
    Span,
)
from communique.store import Store
from communique.store import store as store_module
from communique.store.schema import LAYER_TABLES

TEXT = "Taiwan and Japan agreed on Monday. “We stand together,” Tsai said in Taipei."


def _document(doc_id: str = "d1" * 32, **changes: Any) -> Document:
    doc = Document(
        id=doc_id,
        source="taiwan.txt",
        raw_text=TEXT,
        text=TEXT,
        title="Taiwan and Japan",
        published="2022-12-28",
        reference_date="2022-12-28",
        repairs=(Repair("rejoin", 3, 4, 3, 4, "\n", " "),),
        headings=(Heading("Taiwan and Japan", 0, 16, 0),),
        sentences=(Sentence(0, 34), Sentence(35, 76)),
        entities=(Entity("Taiwan", "GPE", 0, 6, "A1"), Entity("Tsai", "PERSON", 56, 60, "A2")),
        actors=(
            Actor("A1", "Taiwan", "state", "TWN", "GOV", None, "TWN", (Mention(0, 6, "Taiwan"),)),
            Actor("A2", "Tsai Ing-wen", "person", "TWN", "GOV", "President", "Q233984",
                  (Mention(56, 60, "Tsai"),), former=True),
        ),
        dates=(DateMention("Monday", "2022-12-26", 27, 33),),
        places=(Place("Taipei", "Taipei", "TWN", 25.05, 121.53, 69, 75),),
        quotes=(Quote("A2", "Tsai", "said", "We stand together,", "direct", 35, 55),),
        events=(
            Event("E1", "AGREE", None, ("diplomatic",), "030", 4.0, 1, ("A1",), (), "2022-12-26", "Monday",
                  None, False, "asserted", Span(0, 34, TEXT[:34]), 0.8),
        ),
        spacy_pipeline="en_core_web_sm",
        spacy_pipeline_version="3.8.0",
        meta={"format": "txt"},
    )
    return doc.with_(**changes)


@pytest.fixture
def store() -> Any:
    with Store(":memory:") as opened:
        yield opened


def test_add_then_get_returns_the_same_record(store: Store) -> None:
    doc = _document()
    assert store.add(doc) is True
    back = store.get(doc.id)
    assert back == doc
    assert back.meta == doc.meta
    assert back.to_dict() == doc.to_dict()


def test_adding_a_stored_document_again_changes_nothing(store: Store) -> None:
    doc = _document()
    store.add(doc)
    before = {t: store.connection.execute(f"SELECT count(*) FROM {t}").fetchone() for t in LAYER_TABLES}
    assert store.add(doc) is False
    assert doc.id in store and "f" * 64 not in store and len(store) == 1
    after = {t: store.connection.execute(f"SELECT count(*) FROM {t}").fetchone() for t in LAYER_TABLES}
    assert before == after
    assert store.count() == 1


def test_stored_row_records_communique_and_spacy_versions(store: Store) -> None:
    store.add(_document())
    row = store.connection.execute(
        "SELECT communique_version, spacy_pipeline, spacy_version, ingested_at FROM documents"
    ).fetchone()
    assert row[0] == communique.__version__
    assert row[1:3] == ("en_core_web_sm", "3.8.0")
    assert row[3] is not None


def test_text_that_looks_like_sql_is_stored_verbatim(store: Store) -> None:
    hostile = "Robert'); DROP TABLE documents;-- said \"hi\" \\ \x00 end"
    doc = _document("e" * 64, raw_text=hostile, text=hostile, title="'; DELETE FROM actors; --")
    store.add(doc)
    assert store.get(doc.id) == doc
    assert store.count() == 1


def test_actors_and_events_come_back_in_id_order(store: Store) -> None:
    actors = tuple(Actor(f"A{i}", f"Actor {i}", "group", None, None, None, None) for i in (1, 2, 10, 11))
    events = tuple(
        Event(f"E{i}", "CONSULT", None, (), None, None, None, (), (), None, None, None, False, "asserted",
              Span(0, 6, "Taiwan"), 0.5)
        for i in (1, 2, 10)
    )
    doc = _document(actors=actors, events=events, entities=(), quotes=())
    store.add(doc)
    back = store.get(doc.id)
    assert [a.id for a in back.actors] == ["A1", "A2", "A10", "A11"]
    assert [e.id for e in back.events] == ["E1", "E2", "E10"]


def test_id_prefix_resolves_when_unique(store: Store) -> None:
    store.add(_document("abc1" + "0" * 60))
    store.add(_document("abd2" + "0" * 60))
    assert store.resolve("abc") == "abc1" + "0" * 60
    with pytest.raises(StoreError, match="several"):
        store.resolve("ab")
    with pytest.raises(StoreError, match="no document"):
        store.resolve("ffff")


def test_unknown_id_is_a_one_line_store_error(store: Store) -> None:
    with pytest.raises(StoreError) as caught:
        store.get("nope")
    assert "\n" not in str(caught.value)
    assert "nope" in str(caught.value)


def test_documents_lists_a_summary_with_counts(store: Store) -> None:
    doc = _document()
    store.add(doc)
    [summary] = store.documents()
    assert (summary.id, summary.title, summary.published) == (doc.id, doc.title, doc.published)
    assert (summary.sentences, summary.entities, summary.actors, summary.events, summary.quotes) == (2, 2, 2, 1, 1)


def test_published_that_is_not_a_date_is_refused_naming_the_source(store: Store) -> None:
    with pytest.raises(StoreError, match=r"taiwan\.txt: published '28/12/2022'"):
        store.add(_document(published="28/12/2022"))
    assert store.count() == 0


def test_failure_inside_the_transaction_leaves_no_partial_document(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = store_module._insert

    def failing(con: Any, table: str, rows: list[Any]) -> None:
        if table == "entities":
            raise store_module.duckdb.ConversionException("simulated failure")
        real(con, table, rows)

    monkeypatch.setattr(store_module, "_insert", failing)
    with pytest.raises(StoreError, match="could not be stored"):
        store.add(_document())
    for table in ("documents", *LAYER_TABLES):
        assert store.connection.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,)


def test_a_file_that_is_not_duckdb_gives_a_one_line_error(tmp_path: Path) -> None:
    junk = tmp_path / "notes.duckdb"
    junk.write_bytes(b"this is a text file, not a database\n" * 200)
    with pytest.raises(StoreError) as caught:
        Store(junk)
    assert str(caught.value) == f"{junk}: not a DuckDB database (name another file with --db)"


def test_a_store_held_by_another_process_gives_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "busy.duckdb"
    Store(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('open', flush=True); "
         "time.sleep(120)", str(path)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "open\n"
        with pytest.raises(StoreError) as caught:
            Store(path)
        assert str(caught.value) == f"{path}: in use by another process (DuckDB allows one writer at a time)"
    finally:
        holder.kill()
        holder.wait()


def test_read_only_open_of_a_missing_file_says_to_ingest_first(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store here yet"):
        Store(tmp_path / "missing.duckdb", read_only=True)
    assert not (tmp_path / "missing.duckdb").exists()


def test_read_only_store_reads_but_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "c.duckdb"
    doc = _document()
    with Store(path) as writer:
        writer.add(doc)
    with Store(path, read_only=True) as reader:
        assert reader.get(doc.id) == doc
        with pytest.raises(StoreError, match="read-only"):
            reader.add(_document("f" * 64))


def test_default_path_comes_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COMMUNIQUE_DB", str(tmp_path / "env.duckdb"))
    with Store() as store:
        assert store.path == str(tmp_path / "env.duckdb")
    assert (tmp_path / "env.duckdb").is_file()


# -- property: any hand-built document round-trips -------------------------------------------------

_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
_opt_text = st.none() | _text
_offset = st.integers(min_value=0, max_value=2**31 - 1)
_float = st.floats(allow_nan=False, allow_infinity=False)
_date = st.dates().map(lambda d: d.isoformat())
_json = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | _text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3),
    max_leaves=8,
)


@st.composite
def _actors(draw: st.DrawFn) -> tuple[Actor, ...]:
    count = draw(st.integers(0, 4))
    actors = []
    for i in range(1, count + 1):
        mentions = sorted(draw(st.lists(st.builds(Mention, _offset, _offset, _text), max_size=3)),
                          key=lambda m: (m.start, m.end))
        actors.append(Actor(
            f"A{i}", draw(_text), draw(st.sampled_from(["person", "state", "organization", "group"])),
            draw(_opt_text), draw(_opt_text), draw(_opt_text), draw(_opt_text), tuple(mentions), draw(st.booleans()),
        ))
    return tuple(actors)


@st.composite
def _events(draw: st.DrawFn) -> tuple[Event, ...]:
    names = st.lists(_text, max_size=3).map(tuple)
    return tuple(
        Event(
            f"E{i}", draw(_text), draw(_opt_text), draw(names), draw(_opt_text), draw(st.none() | _float),
            draw(st.none() | st.integers(1, 4)), draw(names), draw(names), draw(_opt_text), draw(_opt_text),
            draw(_opt_text), draw(st.booleans()),
            draw(st.sampled_from(["asserted", "intended", "hypothetical", "reported", "conditional"])),
            Span(draw(_offset), draw(_offset), draw(_text)), draw(_float),
        )
        for i in range(1, draw(st.integers(0, 3)) + 1)
    )


def _many(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[tuple[Any, ...]]:
    return st.lists(strategy, max_size=4).map(tuple)


_documents = st.builds(
    Document,
    id=st.text("0123456789abcdef", min_size=1, max_size=64),
    source=_text,
    raw_text=_text,
    text=_text,
    title=_opt_text,
    published=st.none() | _date,
    reference_date=st.none() | _date,
    reference_date_inferred=st.booleans(),
    language=_text,
    repairs=_many(st.builds(Repair, _text, _offset, _offset, _offset, _offset, _text, _text)),
    headings=_many(st.builds(Heading, _text, _offset, _offset, st.integers(0, 3))),
    sentences=_many(st.builds(Sentence, _offset, _offset)),
    entities=_many(st.builds(Entity, _text, _text, _offset, _offset, _opt_text)),
    actors=_actors(),
    dates=_many(st.builds(DateMention, _text, _text, _offset, _offset,
                          st.sampled_from(["day", "month", "year"]))),
    places=_many(st.builds(Place, _text, _text, _opt_text, st.none() | _float, st.none() | _float,
                           _offset, _offset)),
    quotes=_many(st.builds(Quote, _opt_text, _opt_text, _opt_text, _text,
                           st.sampled_from(["direct", "indirect", "mixed"]), _offset, _offset)),
    events=_events(),
    meta=st.dictionaries(_text, _json, max_size=4),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=_documents)
def test_any_document_round_trips_through_the_store(doc: Document) -> None:
    with Store(":memory:") as store:
        assert store.add(doc)
        back = store.get(doc.id)
    assert back == doc
    assert back.meta == doc.meta
