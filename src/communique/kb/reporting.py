"""The reporting-verb lexicon: verbs, statement nouns, light verbs and source phrases that report speech.

Data in ``kb/data/reporting_verbs.json``; a user adds entries in files of the same shape
(``reporting_verbs = [...]`` in the config file).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from communique.errors import ConfigError
from communique.kb.loader import read_json_object


@dataclass(frozen=True)
class ReportingLexicon:
    verbs: frozenset[str]
    particle_verbs: frozenset[tuple[str, str]]
    nouns: frozenset[str]
    light_verbs: frozenset[str]
    sources: frozenset[tuple[str, str]]


def load_reporting_lexicon(extra: Sequence[str | Path] = ()) -> ReportingLexicon:
    """The packaged reporting-verb lexicon, extended by a user's JSON files of the same shape."""
    packaged = resources.files("communique").joinpath("kb/data/reporting_verbs.json")
    tables = [_read_lexicon(packaged.read_text(encoding="utf-8"), "reporting_verbs.json")]
    for path in extra:
        try:
            tables.append(_read_lexicon(Path(path).read_text(encoding="utf-8"), str(path)))
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read reporting-verb file ({exc.strerror})") from None

    def words(key: str) -> frozenset[str]:
        return frozenset(w.lower() for t in tables for w in t.get(key, ()))

    def pairs(key: str) -> frozenset[tuple[str, str]]:
        return frozenset((a.lower(), b.lower()) for t in tables for a, b in t.get(key, ()))

    return ReportingLexicon(
        words("verbs"), pairs("particle_verbs"), words("nouns"), words("light_verbs"), pairs("sources")
    )


def _read_lexicon(raw: str, origin: str) -> dict[str, Any]:
    table = read_json_object(origin, raw, "the reporting-verb file")
    for key in ("verbs", "nouns", "light_verbs"):
        if not all(isinstance(w, str) for w in table.get(key, ())):
            raise ConfigError(f"{origin}: {key!r} must be a list of strings")
    for key in ("particle_verbs", "sources"):
        if not all(isinstance(p, list) and len(p) == 2 for p in table.get(key, ())):
            raise ConfigError(f"{origin}: {key!r} must be a list of two-word lists")
    return table
