"""The exception tree: every exception class of the package is in errors.py, whose docstring draws them all."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import communique
from communique import errors

PACKAGE = Path(communique.__file__).parent


def _classes_deriving_from_exceptions(tree: ast.Module) -> list[str]:
    """Classes whose bases are named like exceptions (``...Error``, ``...Exception``): what errors.py should hold."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            bases = [b.id if isinstance(b, ast.Name) else b.attr if isinstance(b, ast.Attribute) else "" for b in
                     node.bases]
            if any(re.search(r"(Error|Exception)$", base) for base in bases):
                found.append(node.name)
    return found


def test_every_exception_class_of_the_package_is_defined_in_errors_py() -> None:
    elsewhere = {
        str(path.relative_to(PACKAGE)): names
        for path in sorted(PACKAGE.rglob("*.py")) if path.name != "errors.py"
        if (names := _classes_deriving_from_exceptions(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert elsewhere == {}


def _drawn_tree(doc: str) -> list[tuple[str, str]]:
    """(class, the class it is drawn under) for every branch of the docstring's tree (four columns a level)."""
    pairs: list[tuple[str, str]] = []
    stack = ["CommuniqueError"]
    first: int | None = None
    for line in doc.splitlines():
        match = re.search(r"[├└]── (\w+)", line)
        if match is None:
            continue
        first = match.start() if first is None else first
        depth = (match.start() - first) // 4
        del stack[depth + 1:]
        pairs.append((match.group(1), stack[-1]))
        stack.append(match.group(1))
    return pairs


def test_the_docstring_of_errors_py_draws_every_communique_error_under_its_parent() -> None:
    defined = {name for name, value in vars(errors).items()
               if inspect.isclass(value) and issubclass(value, errors.CommuniqueError)}
    pairs = _drawn_tree(errors.__doc__ or "")
    assert {name for name, _ in pairs} | {"CommuniqueError"} == defined
    for name, parent in pairs:
        assert parent in {base.__name__ for base in getattr(errors, name).__bases__}, (name, parent)
