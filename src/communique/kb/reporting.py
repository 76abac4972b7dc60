"""The reporting-verb lexicon: verbs, statement nouns, light verbs and source phrases that report speech.

One lexicon serves both stages that read reported speech. Data in ``kb/data/reporting_verbs.json``
(kind ``communique-reporting-verbs``); every verb says what it is used for:

* ``quotes``: it introduces what someone said or wrote, a cue of the quotes stage ("she *said*
  that ...", "“...,” he *warned*");
* ``events``: the event of its clausal complement is reported, not asserted ("X *said* that Y
  attacked"): the events stage's modality, and its rules for reported futures and demands.

Most verbs do both. Some speech acts are events of their own and only cue quotes ("agree",
"threaten", "urge"); verbs of opinion ("believe", "think"), the light verbs of "made clear" and
"expressed" and the "point" of "pointed out" only make an event reported. A user adds entries in
files of the same shape (``reporting_verbs = [...]`` in the config file, ``COMMUNIQUE_REPORTING_VERBS``,
``--reporting-verbs``); there ``verbs`` may also be a plain list of lemmas, each used for both.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from communique.errors import ConfigError
from communique.kb.datafile import REPORTING, check_sections, fail, mapping, read_data_object, where, words

USES = ("quotes", "events")
SECTIONS = ("verbs", "particle_verbs", "nouns", "light_verbs", "sources")
PACKAGE_FILE = "kb/data/reporting_verbs.json"


@dataclass(frozen=True)
class ReportingLexicon:
    verbs: frozenset[str]  # the cues of quotes
    particle_verbs: frozenset[tuple[str, str]]
    nouns: frozenset[str]
    light_verbs: frozenset[str]
    sources: frozenset[tuple[str, str]]
    event_verbs: frozenset[str] = frozenset()  # verbs whose clausal complement holds a reported event


def load_reporting_lexicon(extra: Sequence[str | Path] = ()) -> ReportingLexicon:
    """The packaged reporting-verb lexicon, extended by a user's JSON files of the same shape."""
    packaged = resources.files("communique").joinpath(PACKAGE_FILE)
    tables = [read_reporting_file(f"communique/{PACKAGE_FILE}", packaged.read_text(encoding="utf-8"), package=True)]
    for path in extra:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read reporting-verb file ({exc.strerror})") from None
        except UnicodeDecodeError:
            raise ConfigError(f"{path}: reporting-verb file is not UTF-8 text") from None
        tables.append(read_reporting_file(str(path), text))

    def lower(key: str) -> frozenset[str]:
        return frozenset(w.lower() for t in tables for w in t[key])

    def pairs(key: str) -> frozenset[tuple[str, str]]:
        return frozenset((a.lower(), b.lower()) for t in tables for a, b in t[key])

    return ReportingLexicon(lower("quotes"), pairs("particle_verbs"), lower("nouns"), lower("light_verbs"),
                            pairs("sources"), lower("events"))


def read_reporting_file(name: str, text: str, package: bool = False) -> dict[str, list[Any]]:
    """The checked entries of one reporting-verb file: its verbs by use, and its other sections."""
    data = read_data_object(name, text, REPORTING, package)
    check_sections(name, data, SECTIONS)
    table: dict[str, list[Any]] = {use: [] for use in USES}  # verbs by use, then the other sections
    for verb, uses in _verb_uses(name, data.get("verbs", []), package):
        for use in uses:
            table[use].append(verb)
    for key in ("nouns", "light_verbs"):
        table[key] = words(name, key, data.get(key, []))
    for key in ("particle_verbs", "sources"):
        table[key] = _word_pairs(name, key, data.get(key, []))
    return table


def _verb_uses(name: str, verbs: Any, package: bool) -> list[tuple[str, list[str]]]:
    """``(verb, uses)`` of a ``verbs`` section: an object of verb -> uses, or (a user's) list of verbs."""
    if isinstance(verbs, list) and not package:
        return [(verb, list(USES)) for verb in words(name, "verbs", verbs)]
    out = []
    for verb, uses in mapping(name, "verbs", verbs).items():
        place = where("verbs", verb)
        if not verb.strip():
            fail(name, "a verb must be a word", place)
        if not isinstance(uses, list) or not uses or not all(u in USES for u in uses):
            fail(name, f"uses {uses!r} must be a non-empty list of {' and '.join(repr(u) for u in USES)}", place)
        out.append((verb, uses))
    return out


def _word_pairs(name: str, key: str, value: Any) -> list[list[str]]:
    if not isinstance(value, list):
        fail(name, "must be a list of two-word lists", key)
    for i, pair in enumerate(value):
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(w, str) and w for w in pair)):
            fail(name, f"must be a list of two words, not {pair!r}", where(key, i))
    return value
