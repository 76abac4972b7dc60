"""The public API is exactly what ``communique.__all__`` lists."""

from __future__ import annotations

import importlib
import types

import communique


def test_every_name_in_all_is_importable() -> None:
    module = importlib.import_module("communique")
    for name in communique.__all__:
        assert getattr(module, name, None) is not None, name


def test_all_lists_nothing_private() -> None:
    private = [n for n in communique.__all__ if n.startswith("_") and n != "__version__"]
    assert private == []


def test_every_public_name_of_the_package_is_in_all() -> None:
    public = {
        name
        for name, value in vars(communique).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType) and name != "annotations"
    }
    assert public == set(communique.__all__) - {"__version__"}


def test_public_objects_come_from_public_modules() -> None:
    for name in communique.__all__:
        value = getattr(communique, name)
        module = getattr(value, "__module__", None)
        if module is None:
            continue
        assert module.startswith("communique"), (name, module)
        assert not any(part.startswith("_") for part in module.split(".")), (name, module)


def test_version_is_a_dotted_release() -> None:
    parts = communique.__version__.split(".")
    assert len(parts) == 3 and all(p.isdigit() for p in parts)
