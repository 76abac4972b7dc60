"""The read-only queries, over hand-built documents whose answers follow from how they were built."""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import communique
from analyst_corpus import build_store, conflict_document, corpus, hostile_document, sample_document
from communique.store import Store
from communique.store import queries as q


@pytest.fixture(scope="module")
def con() -> Iterator[Any]:
    store = build_store()
    yield store.connection
    store.close()


def _keys(rows: list[q.EventRow]) -> set[tuple[str, str]]:
    return {(r.doc_id, r.id) for r in rows}


def test_events_without_filter_returns_every_event_with_resolved_actors(con: Any) -> None:
    rows = q.events(con, limit=None)
    assert _keys(rows) == {(d.id, e.id) for d in corpus() for e in d.events}
    by_key = {(r.doc_id, r.id): r for r in rows}
    sample = sample_document()
    names = {a.id: a.name for a in sample.actors}
    for event in sample.events:
        row = by_key[(sample.id, event.id)]
        assert [a.name for a in row.actors] == [names[i] for i in event.actor]
        assert [a.name for a in row.recipients] == [names[i] for i in event.recipient]
        assert row.evidence_text == sample.text[row.evidence_start:row.evidence_end]


def test_events_are_ordered_by_day_and_take_the_document_date_when_undated(con: Any) -> None:
    rows = q.events(con, limit=None)
    days = [r.day for r in rows]
    assert days == sorted(days)
    undated = [r for r in rows if r.date is None]
    published = {d.id: d.published for d in corpus()}
    assert undated and all(r.day == published[r.doc_id] for r in undated)


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (q.EventFilter(country="JPN"), lambda d, e, names, countries: "JPN" in countries),
        (q.EventFilter(actor="seko"), lambda d, e, names, countries: "Hiroshige Seko" in names),
        (q.EventFilter(type="accuse"), lambda d, e, names, countries: e.type == "ACCUSE"),
        (q.EventFilter(cameo="04"), lambda d, e, names, countries: (e.cameo or "").startswith("04")),
        (q.EventFilter(text="MET WITH"), lambda d, e, names, countries: "met with" in e.evidence.text),
        (q.EventFilter(since=dt.date(2023, 1, 1)),
         lambda d, e, names, countries: (e.date or d.published) >= "2023-01-01"),
        (q.EventFilter(until=dt.date(2022, 12, 27)),
         lambda d, e, names, countries: (e.date or d.published) <= "2022-12-27"),
    ],
)
def test_event_filters_select_exactly_the_matching_events(con: Any, flt: q.EventFilter, expected: Any) -> None:
    want = set()
    for doc in corpus():
        actors = {a.id: a for a in doc.actors}
        for event in doc.events:
            sides = [actors[i] for i in (*event.actor, *event.recipient)]
            if expected(doc, event, {a.name for a in sides}, {a.country for a in sides}):
                want.add((doc.id, event.id))
    assert want, "the filter case should select something"
    assert _keys(q.events(con, flt, limit=None)) == want
    assert q.count_events(con, flt) == len(want)


def test_dyad_filter_matches_both_directions_joint_action_and_no_third_party(con: Any) -> None:
    rows = q.events(con, q.EventFilter(dyad=("TWN", "JPN")), limit=None)
    assert {r.doc_id for r in rows} == {sample_document().id, conflict_document().id}
    shapes = {(tuple(a.country for a in r.actors), tuple(a.country for a in r.recipients)) for r in rows}
    assert shapes == {(("JPN",), ("TWN",)), (("TWN", "JPN"), ())}
    assert q.events(con, q.EventFilter(dyad=("TWN", "USA")), limit=None) == []
    # Seko (JPN) on Tsai (TWN): two recipients of one act would not count, an actor and a recipient do
    assert len(q.events(con, q.EventFilter(dyad=("Tsai", "Seko")), limit=None)) == 1


def test_document_filter_accepts_an_id_prefix(con: Any) -> None:
    doc = hostile_document()
    rows = q.events(con, q.EventFilter(document=doc.id[:10]), limit=None)
    assert _keys(rows) == {(doc.id, e.id) for e in doc.events}


def test_events_paginate_without_overlap(con: Any) -> None:
    every = q.events(con, limit=None)
    pages = [q.events(con, limit=2, offset=o) for o in range(0, len(every), 2)]
    assert [r for page in pages for r in page] == every


def test_actors_group_across_documents_with_mention_and_document_counts(con: Any) -> None:
    rows = {a.name: a for a in q.actors(con, limit=None)}
    taiwan = rows["Taiwan"]
    in_docs = [d for d in corpus() if any(a.name == "Taiwan" and a.country == "TWN" for a in d.actors)]
    assert taiwan.documents == len(in_docs) == 2
    assert taiwan.mentions == sum(len(a.mentions) for d in in_docs for a in d.actors if a.name == "Taiwan")
    assert rows["Tsai Ing-wen"].key == "Q233984"  # a knowledge-base id wins over name|country
    mentions = [a.mentions for a in q.actors(con, limit=None)]
    assert mentions == sorted(mentions, reverse=True)


def test_quotes_filter_by_speaker_name_and_key(con: Any) -> None:
    by_name = q.quotes(con, speaker="TSAI")
    assert [r.text for r in by_name] == ["The nation would also engage in closer cooperation"]
    assert by_name[0].speaker is not None and by_name[0].speaker.name == "Tsai Ing-wen"
    assert q.quotes(con, speaker_key="Q233984") == by_name
    assert len(q.quotes(con, limit=None)) == sum(len(d.quotes) for d in corpus())


def test_dyad_series_counts_quad_classes_per_month_and_direction(con: Any) -> None:
    points = q.dyad(con, "TWN", "JPN", by="month")
    assert [p.period for p in points] == ["2022-12-01", "2023-03-01"]
    december, march = points
    assert (december.verbal_cooperation, december.verbal_conflict, december.total) == (3, 0, 3)
    assert (march.verbal_conflict, march.total) == (1, 1)
    assert (december.a_to_b, december.b_to_a, december.joint) == (0, 2, 1)  # Seko acted twice; E1 together
    assert (march.a_to_b, march.b_to_a, march.joint) == (0, 1, 0)  # Japan accused Taiwan: B to A
    assert march.goldstein == -2.0


def test_dyad_series_by_week_starts_periods_on_mondays(con: Any) -> None:
    points = q.dyad(con, "Seko", "TWN", by="week")
    assert points and all(dt.date.fromisoformat(p.period).weekday() == 0 for p in points)
    assert sum(p.total for p in points) == q.count_events(con, q.EventFilter(dyad=("Seko", "TWN")))


def test_documents_list_counts_layers(con: Any) -> None:
    rows = {r.id: r for r in q.documents(con, limit=None)}
    for doc in corpus():
        assert (rows[doc.id].events, rows[doc.id].actors, rows[doc.id].quotes) == (
            len(doc.events), len(doc.actors), len(doc.quotes))


def test_undated_events_come_last_in_the_dyad_series() -> None:
    doc = conflict_document()
    undated = doc.with_(id="undated", published=None, reference_date=None,
                        events=tuple(dataclasses.replace(e, date=None) for e in doc.events))
    with Store(":memory:") as store:
        store.add(undated)
        points = q.dyad(store.connection, "JPN", "TWN")
    assert [(p.period, p.verbal_conflict, p.a_to_b) for p in points] == [(None, 1, 1)]


def test_values_with_quotes_and_markup_are_parameters_not_sql(con: Any) -> None:
    assert q.events(con, q.EventFilter(actor="x' OR '1'='1"), limit=None) == []
    assert len(q.events(con, q.EventFilter(actor="<b>Mallory"), limit=None)) == 1


_SQL = re.compile(r"\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM|COPY|CREATE TABLE|ALTER TABLE|DROP TABLE)\b")


def test_no_sql_is_written_outside_the_store_package() -> None:
    package = Path(communique.__file__).parent
    found = []
    for path in sorted(package.rglob("*.py")):
        if path.is_relative_to(package / "store"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and _SQL.search(node.value):
                found.append(f"{path.relative_to(package)}:{node.lineno}: {node.value.strip()[:60]}")
            if isinstance(node, ast.Attribute) and node.attr in ("execute", "executemany", "sql"):
                found.append(f"{path.relative_to(package)}:{node.lineno}: .{node.attr}(...)")
    assert found == []
