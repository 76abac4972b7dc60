"""The house has no import circles, and the framework sits below the stages (read from the source with ast)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "communique"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, modules: set[str]) -> set[str]:
    """The package modules ``path`` imports, anywhere in the file (a function-local import counts)."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # "from pkg import mod" ties the file to pkg.mod alone; "from pkg import name" to pkg.
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph() -> dict[str, set[str]]:
    paths = sorted(PACKAGE.rglob("*.py"))
    modules = {_module_name(p) for p in paths}
    # Importing a.b runs a/__init__.py first, but that is not an edge a module chose: only what each
    # file names is an edge.
    return {_module_name(p): _imports(p, modules) for p in paths}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle of ``graph``, or None."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt):], nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_the_package_has_no_import_circle() -> None:
    circle = _cycle(import_graph())
    assert circle is None, "import circle: " + " -> ".join(circle or [])


def test_the_cycle_finder_finds_a_circle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


# The floors of the house, ground first: a module may import its own floor or the floors below.
FLOORS = [
    {"communique.errors", "communique.record", "communique.calendar", "communique.version"},
    {"communique.config", "communique.kb"},
    {"communique.resources"},
    {"communique.pipeline"},
    {"communique.ingest", "communique.repair", "communique.nlp"},
    {"communique.stages"},
    {"communique.store"},
    {"communique.library", "communique.evaluate", "communique.export"},
    {"communique.dashboard"},
    {"communique.api"},
    {"communique", "communique.cli"},
]


def _floor(module: str) -> int:
    best = None
    for level, names in enumerate(FLOORS):
        for name in names:
            if (module == name or module.startswith(name + ".")) and (best is None or len(name) > len(best[1])):
                best = (level, name)
    assert best is not None, f"{module} stands on no floor of FLOORS"
    return best[0]


def test_no_module_imports_one_above_it() -> None:
    upward = [
        f"{module} (floor {_floor(module)}) imports {target} (floor {_floor(target)})"
        for module, targets in import_graph().items()
        for target in sorted(targets)
        if _floor(target) > _floor(module)
    ]
    assert not upward, "\n".join(upward)


def test_the_framework_imports_no_stage() -> None:
    graph = import_graph()
    for framework in ("communique.pipeline", "communique.resources"):
        stages = {t for t in graph[framework] if t.startswith(("communique.nlp", "communique.repair"))}
        assert not stages, f"{framework} imports {sorted(stages)}"
