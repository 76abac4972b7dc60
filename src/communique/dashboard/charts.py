"""Chart geometry for the dashboard's SVG: computed here, drawn by the templates.

No JavaScript chart library: every chart is server-rendered SVG (so it works offline, with a
strict Content-Security-Policy, and is testable without a browser). Functions return frozen
dataclasses of coordinates; templates only place them, with autoescaped labels.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlencode

from communique.store.aggregates import Network, TimelinePoint
from communique.store.queries import DyadPoint

# Plot margins in SVG units: room for y-axis labels on the left and period labels below.
_LEFT, _RIGHT, _TOP, _BOTTOM = 44, 12, 12, 28
# Force-directed layout of the actor network: iterations of Fruchterman-Reingold. 150 settles
# graphs of the size the page shows (at most 40 nodes, see queries.network) to a stable picture.
_LAYOUT_ITERATIONS = 150
# Longest node label drawn in the network (longer names are cut, the full name is in the tooltip).
_LABEL_CHARS = 28


@dataclass(frozen=True)
class Tick:
    pos: float
    label: str


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    quad: int  # 1..4, 0 = no QuadClass
    title: str
    href: str


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    bars: tuple[Bar, ...]
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    baseline: float


@dataclass(frozen=True)
class Mark:
    x: float
    y: float
    title: str
    href: str


@dataclass(frozen=True)
class Series:
    name: str
    css: str
    path: str
    marks: tuple[Mark, ...]


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    series: tuple[Series, ...]
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    baseline: float  # y of the value 0


@dataclass(frozen=True)
class Node:
    key: str
    name: str  # label, cut to _LABEL_CHARS
    full_name: str
    country: str | None
    x: float
    y: float
    r: float
    href: str


@dataclass(frozen=True)
class Link:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    quad: int
    directed: bool
    title: str


@dataclass(frozen=True)
class NetworkChart:
    width: int
    height: int
    nodes: tuple[Node, ...]
    links: tuple[Link, ...]


QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict",
              0: "unclassified"}


def _nice_max(value: float) -> int:
    return max(1, math.ceil(value))


def _y_ticks(top: int, height: int, low: int = 0) -> tuple[Tick, ...]:
    span = top - low
    step = max(1, math.ceil(span / 4))
    plot = height - _TOP - _BOTTOM
    return tuple(Tick(_TOP + plot * (top - v) / span, str(v)) for v in range(low, top + 1, step))


def timeline_bars(points: Sequence[TimelinePoint], width: int = 720, height: int = 220) -> BarChart:
    """Stacked bars of events per period, one colour per QuadClass."""
    top = _nice_max(max((sum(p.counts) + p.other for p in points), default=1))
    plot_w, plot_h = width - _LEFT - _RIGHT, height - _TOP - _BOTTOM
    slot = plot_w / max(1, len(points))
    bars, ticks = [], []
    for i, point in enumerate(points):
        x = _LEFT + i * slot + slot * 0.15
        y = float(height - _BOTTOM)
        for quad, n in ((1, point.counts[0]), (2, point.counts[1]), (3, point.counts[2]), (4, point.counts[3]),
                        (0, point.other)):
            if not n:
                continue
            h = plot_h * n / top
            y -= h
            href = f"/events?{urlencode({'since': point.period, 'until': _month_end(point.period)})}"
            bars.append(Bar(round(x, 1), round(y, 1), round(slot * 0.7, 1), round(h, 1), quad,
                            f"{point.period[:7]}: {n} {QUAD_NAMES[quad]}", href))
        ticks.append(Tick(round(x + slot * 0.35, 1), point.period[:7]))
    return BarChart(width, height, tuple(bars), _thin(ticks), _y_ticks(top, height), height - _BOTTOM)


def _month_end(first_day: str) -> str:
    start = date.fromisoformat(first_day)
    following = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    return (following - timedelta(days=1)).isoformat()


def _thin(ticks: list[Tick], most: int = 12) -> tuple[Tick, ...]:
    step = max(1, math.ceil(len(ticks) / most))
    return tuple(ticks[::step])


def dyad_lines(points: Sequence[DyadPoint], a: str, b: str, width: int = 720, height: int = 240) -> LineChart:
    """Cooperation (QuadClass 1+2) and conflict (3+4) per period; every mark links to its period's events."""
    points = [p for p in points if p.period is not None]
    top = _nice_max(max((max(p.verbal_cooperation + p.material_cooperation, p.verbal_conflict + p.material_conflict)
                         for p in points), default=1))
    plot_w, plot_h = width - _LEFT - _RIGHT, height - _TOP - _BOTTOM
    step = plot_w / max(1, len(points) - 1) if len(points) > 1 else 0.0

    def x_of(i: int) -> float:
        return round(_LEFT + (i * step if len(points) > 1 else plot_w / 2), 1)

    def y_of(v: float) -> float:
        return round(_TOP + plot_h * (top - v) / top, 1)

    series = []
    for name, css, value in (
        ("cooperation", "coop", lambda p: p.verbal_cooperation + p.material_cooperation),
        ("conflict", "conflict", lambda p: p.verbal_conflict + p.material_conflict),
    ):
        marks = tuple(
            Mark(x_of(i), y_of(value(p)), f"{p.period}: {value(p)} {name} event(s) between {a} and {b}",
                 f"#p-{p.period}")
            for i, p in enumerate(points)
        )
        path = " ".join(f"{'M' if i == 0 else 'L'}{m.x},{m.y}" for i, m in enumerate(marks))
        series.append(Series(name, css, path, marks))
    ticks = [Tick(x_of(i), p.period or "") for i, p in enumerate(points)]
    return LineChart(width, height, tuple(series), _thin(ticks, 8), _y_ticks(top, height), y_of(0))


def goldstein_line(points: Sequence[DyadPoint], width: int = 720, height: int = 160) -> LineChart:
    """Mean Goldstein score per period on a fixed -10..10 scale."""
    points = [p for p in points if p.period is not None]
    plot_w, plot_h = width - _LEFT - _RIGHT, height - _TOP - _BOTTOM
    step = plot_w / max(1, len(points) - 1) if len(points) > 1 else 0.0
    marks = []
    for i, p in enumerate(points):
        if p.goldstein is None:
            continue
        x = round(_LEFT + (i * step if len(points) > 1 else plot_w / 2), 1)
        y = round(_TOP + plot_h * (10 - p.goldstein) / 20, 1)
        marks.append(Mark(x, y, f"{p.period}: mean Goldstein {p.goldstein:+.1f}", f"#p-{p.period}"))
    path = " ".join(f"{'M' if i == 0 else 'L'}{m.x},{m.y}" for i, m in enumerate(marks))
    ticks = tuple(Tick(round(_TOP + plot_h * (10 - v) / 20, 1), f"{v:+d}" if v else "0") for v in (10, 5, 0, -5, -10))
    return LineChart(width, height, (Series("goldstein", "goldstein", path, tuple(marks)),), (), ticks,
                     round(_TOP + plot_h / 2, 1))


def network_layout(net: Network, width: int = 900, height: int = 620) -> NetworkChart:
    """Actors as nodes (area ~ events), one line per actor pair and QuadClass (width ~ events)."""
    keys = [n.key for n in net.nodes]
    if not keys:
        return NetworkChart(width, height, (), ())
    pos = _force_layout(keys, [(e.source, e.target, e.weight) for e in net.edges])
    margin = 90  # room for a label centred on a node at the edge
    nodes = []
    place = {}
    for summary in net.nodes:
        px, py = pos[summary.key]
        x = round(margin + px * (width - 2 * margin), 1)
        y = round(margin + py * (height - 2 * margin), 1)
        place[summary.key] = (x, y)
        label = summary.name if len(summary.name) <= _LABEL_CHARS else summary.name[: _LABEL_CHARS - 1] + "…"
        nodes.append(Node(summary.key, label, summary.name, summary.country, x, y,
                          round(5 + 3 * math.sqrt(max(summary.events, 1)), 1),
                          f"/events?{urlencode({'actor': summary.key})}"))
    names = {n.key: n.name for n in net.nodes}
    links = []
    for edge in net.edges:
        (x1, y1), (x2, y2) = place[edge.source], place[edge.target]
        quad = edge.quad_class if edge.quad_class in (1, 2, 3, 4) else 0
        # Parallel edges of one pair (several QuadClasses, both directions) are drawn side by side.
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy) or 1.0
        shift = (quad - 2.5) * 2.5
        ox, oy = -dy / length * shift, dx / length * shift
        links.append(Link(round(x1 + ox, 1), round(y1 + oy, 1), round(x2 + ox, 1), round(y2 + oy, 1),
                          round(1 + 2 * math.log2(1 + edge.weight), 1), quad, edge.directed,
                          f"{names[edge.source]} {'→' if edge.directed else 'with'} {names[edge.target]}: "
                          f"{edge.weight} {QUAD_NAMES[quad]}"))
    return NetworkChart(width, height, tuple(nodes), tuple(links))


def _force_layout(keys: Sequence[str], edges: Sequence[tuple[str, str, int]]) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold in the unit square from a circle; deterministic (no randomness)."""
    n = len(keys)
    index = {k: i for i, k in enumerate(keys)}
    xs = [0.5 + 0.4 * math.cos(2 * math.pi * i / n) for i in range(n)]
    ys = [0.5 + 0.4 * math.sin(2 * math.pi * i / n) for i in range(n)]
    if n == 1:
        return {keys[0]: (0.5, 0.5)}
    k = math.sqrt(1.0 / n)
    temperature = 0.1
    pairs = [(index[s], index[t]) for s, t, _ in edges if s in index and t in index]
    for _ in range(_LAYOUT_ITERATIONS):
        dx, dy = [0.0] * n, [0.0] * n
        for i in range(n):
            for j in range(i + 1, n):
                ddx, ddy = xs[i] - xs[j], ys[i] - ys[j]
                dist = max(math.hypot(ddx, ddy), 1e-3)
                force = k * k / dist
                dx[i] += ddx / dist * force
                dy[i] += ddy / dist * force
                dx[j] -= ddx / dist * force
                dy[j] -= ddy / dist * force
        for i, j in pairs:
            ddx, ddy = xs[i] - xs[j], ys[i] - ys[j]
            dist = max(math.hypot(ddx, ddy), 1e-3)
            force = dist * dist / k
            dx[i] -= ddx / dist * force
            dy[i] -= ddy / dist * force
            dx[j] += ddx / dist * force
            dy[j] += ddy / dist * force
        for i in range(n):
            move = max(math.hypot(dx[i], dy[i]), 1e-9)
            step = min(move, temperature)
            xs[i] = min(1.0, max(0.0, xs[i] + dx[i] / move * step))
            ys[i] = min(1.0, max(0.0, ys[i] + dy[i] / move * step))
        temperature *= 0.97
    lo_x, hi_x, lo_y, hi_y = min(xs), max(xs), min(ys), max(ys)
    span_x, span_y = (hi_x - lo_x) or 1.0, (hi_y - lo_y) or 1.0
    return {key: ((xs[i] - lo_x) / span_x, (ys[i] - lo_y) / span_y) for key, i in index.items()}
