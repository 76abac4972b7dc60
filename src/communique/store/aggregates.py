"""The dashboard's aggregates over the whole store: events per period, the busiest dyads, the actor network.

Like :mod:`communique.store.queries`, every function takes an open DuckDB connection and returns
frozen dataclasses. Actors are grouped across documents by their key (``queries.KEY_SQL``).
"""

from __future__ import annotations

from dataclasses import dataclass

from communique.store.queries import DAY_SQL, KEY_SQL, ActorSummary, Connection, Period, actors


@dataclass(frozen=True)
class TimelinePoint:
    period: str
    counts: tuple[int, int, int, int]  # events per QuadClass 1..4
    other: int  # events without a QuadClass


@dataclass(frozen=True)
class DyadCount:
    a: str
    b: str
    events: int
    goldstein: float | None


@dataclass(frozen=True)
class Edge:
    source: str  # actor keys
    target: str
    quad_class: int | None
    directed: bool  # False: the two acted together (co-actors of one event)
    weight: int


@dataclass(frozen=True)
class Network:
    nodes: tuple[ActorSummary, ...]
    edges: tuple[Edge, ...]


def timeline(con: Connection, by: Period = "month") -> list[TimelinePoint]:
    """Events per period and QuadClass over the whole store."""
    rows = con.execute(
        f"""SELECT CAST(date_trunc(?, {DAY_SQL}) AS DATE) AS p, e.quad_class, count(*)
            FROM events e JOIN documents d ON d.id = e.doc_id
            WHERE {DAY_SQL} IS NOT NULL GROUP BY ALL ORDER BY p""",
        [by],
    ).fetchall()
    table: dict[str, list[int]] = {}
    for period, quad, n in rows:
        cells = table.setdefault(period.isoformat(), [0, 0, 0, 0, 0])
        cells[quad - 1 if quad in (1, 2, 3, 4) else 4] += int(n)
    return [TimelinePoint(p, (c[0], c[1], c[2], c[3]), c[4]) for p, c in sorted(table.items())]


# Every pair of participants of an event that makes a dyad: actor -> recipient, and two co-actors
# (acting together; ordered by key so each pair appears once). Matches the dyad filter of queries.
_PAIRS = f"""
    k AS (SELECT a.doc_id, a.id, {KEY_SQL} AS key, a.country FROM actors a),
    pairs AS (
        SELECT e.doc_id, e.id, e.quad_class, e.goldstein, s.key AS s, t.key AS t, s.country AS cs,
               t.country AS ct, true AS directed
        FROM events e JOIN k s ON s.doc_id = e.doc_id AND list_contains(e.actor, s.id)
                      JOIN k t ON t.doc_id = e.doc_id AND list_contains(e.recipient, t.id)
        UNION ALL
        SELECT e.doc_id, e.id, e.quad_class, e.goldstein, s.key, t.key, s.country, t.country, false
        FROM events e JOIN k s ON s.doc_id = e.doc_id AND list_contains(e.actor, s.id)
                      JOIN k t ON t.doc_id = e.doc_id AND list_contains(e.actor, t.id) AND s.key < t.key)"""


def top_dyads(con: Connection, limit: int = 10) -> list[DyadCount]:
    """Country pairs (either direction or acting together, each event counted once per pair) by events."""
    rows = con.execute(
        f"""WITH {_PAIRS},
            countries AS (SELECT DISTINCT doc_id, id, goldstein, least(cs, ct) AS x, greatest(cs, ct) AS y
                          FROM pairs WHERE cs IS NOT NULL AND ct IS NOT NULL AND cs <> ct)
            SELECT x, y, count(*), avg(goldstein) FROM countries GROUP BY x, y ORDER BY 3 DESC, x, y LIMIT ?""",
        [limit],
    ).fetchall()
    return [DyadCount(r[0], r[1], int(r[2]), round(r[3], 3) if r[3] is not None else None) for r in rows]


def network(con: Connection, max_nodes: int = 40) -> Network:
    """Actors (grouped across documents) joined by their events, one edge per pair, direction and QuadClass.

    Only the ``max_nodes`` actors with the most links are kept, with the edges between them.
    """
    rows = con.execute(
        f"""WITH {_PAIRS}
            SELECT s, t, quad_class, directed, count(DISTINCT (doc_id, id)) FROM pairs WHERE s <> t
            GROUP BY ALL ORDER BY 5 DESC, 1, 2, 3 NULLS LAST"""
    ).fetchall()
    degree: dict[str, int] = {}
    for source, target, _, _, weight in rows:
        degree[source] = degree.get(source, 0) + int(weight)
        degree[target] = degree.get(target, 0) + int(weight)
    keep = set(sorted(degree, key=lambda k: (-degree[k], k))[:max_nodes])
    by_key = {s.key: s for s in actors(con, limit=None) if s.key in keep}
    nodes = tuple(sorted(by_key.values(), key=lambda s: (-degree[s.key], s.key)))
    edges = tuple(Edge(r[0], r[1], r[2], bool(r[3]), int(r[4])) for r in rows if r[0] in by_key and r[1] in by_key)
    return Network(nodes, edges)
