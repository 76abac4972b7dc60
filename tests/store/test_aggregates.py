"""The dashboard's aggregates (timeline, top dyads, network) agree with the event list they summarise."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from analyst_corpus import build_store, corpus
from communique.store import aggregates as agg
from communique.store import queries as q


@pytest.fixture(scope="module")
def con() -> Iterator[Any]:
    store = build_store()
    yield store.connection
    store.close()


def test_timeline_counts_every_dated_event_once(con: Any) -> None:
    points = agg.timeline(con)
    assert sum(sum(p.counts) + p.other for p in points) == q.count(con, "events")
    assert [p.period for p in points] == sorted(p.period for p in points)


def test_top_dyad_counts_the_same_events_as_the_dyad_filter(con: Any) -> None:
    top = agg.top_dyads(con)
    assert (top[0].a, top[0].b) == ("JPN", "TWN")
    assert top[0].events == q.count_events(con, q.EventFilter(dyad=("JPN", "TWN")))
    assert all(d.a < d.b for d in top)


def test_network_has_an_edge_for_each_pair_direction_and_quad_class(con: Any) -> None:
    net = agg.network(con)
    keys = {n.key for n in net.nodes}
    assert all(e.source in keys and e.target in keys for e in net.edges)
    pairs = sum(max(1, len(e.recipient) * len(e.actor)) if e.recipient else len(e.actor) * (len(e.actor) - 1) // 2
                for d in corpus() for e in d.events)
    assert sum(e.weight for e in net.edges) == pairs
    joint = [e for e in net.edges if not e.directed]
    assert [(e.source, e.target) for e in joint] == [("Japan|JPN", "Taiwan|TWN")]


def test_network_keeps_the_best_connected_actors(con: Any) -> None:
    net = agg.network(con, max_nodes=2)
    assert len(net.nodes) == 2
    assert {n.name for n in net.nodes} <= {"Taiwan", "Hiroshige Seko", "Japan"}
