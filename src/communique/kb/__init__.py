"""The knowledge base: data files shipped with the package plus the user's own.

    kb = load_kb()                       # package data only
    kb = load_kb(["my_actors.json"])     # plus a user file (Config.kb, --kb)

See :mod:`communique.kb.loader` for the file formats. Entries from later files
take precedence over earlier ones for the same name, so a user file can
re-point a name without editing the package.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from communique.kb.base import (
    NON_STATE_CODES,
    Country,
    Hit,
    KnowledgeBase,
    Office,
    Organization,
    Person,
    SectorTerm,
    TitleTerm,
)
from communique.kb.loader import SCHEMA_VERSION, package_files, parse, read_path

__all__ = [
    "NON_STATE_CODES",
    "SCHEMA_VERSION",
    "Country",
    "Hit",
    "KnowledgeBase",
    "Office",
    "Organization",
    "Person",
    "SectorTerm",
    "TitleTerm",
    "load_kb",
]


def load_kb(extra: Sequence[str | Path] = ()) -> KnowledgeBase:
    """The package knowledge base, extended by the user's files ``extra`` in order."""
    kb = KnowledgeBase()
    kb.add_sections({"countries": _pycountry_rows()})
    for name, text in _package_sections():
        kb.add_sections(_copy(parse(name, text, package=True)))
    for path in extra:
        kb.add_sections(read_path(path))
    return kb


@lru_cache(maxsize=1)
def _package_sections() -> tuple[tuple[str, str], ...]:
    return tuple(package_files())


def _copy(sections: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    return {k: list(v) for k, v in sections.items()}


@lru_cache(maxsize=1)
def _pycountry_names() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    import pycountry

    out = []
    for c in pycountry.countries:
        names = [getattr(c, "common_name", None), c.name, getattr(c, "official_name", None)]
        usable = [n for n in names if n and "," not in n and "(" not in n]
        display = usable[0] if usable else c.name
        out.append((c.alpha_3, display, tuple(dict.fromkeys(usable))))
    return tuple(out)


def _pycountry_rows() -> list[dict[str, Any]]:
    """Every country and territory of ISO 3166-1 (pycountry), Taiwan included."""
    return [{"code": code, "name": name, "aliases": list(aliases)} for code, name, aliases in _pycountry_names()]
