"""Reading and validating knowledge-base files.

Two formats, both versioned (see :mod:`communique.kb.datafile` for the kind and version rules):

* JSON: ``{"kind": "communique-kb", "schema_version": 1, <section>: [...], ...}``
  where a section is one of ``countries``, ``regions``, ``organizations``,
  ``people``, ``sectors``, ``titles`` (any subset), each a list of objects.
* TSV: a first line ``# communique-kb <table> <version>`` with table
  ``countries``, ``regions`` or ``office_holders``; further ``#`` lines are comments; the
  first other line is the header.

The package's own files live in ``communique/kb/data`` and are read through
:mod:`importlib.resources`; a user's files (``Config.kb``, ``--kb``) use the
same formats. A bad file raises :class:`~communique.errors.ConfigError` with a
one-line message naming the file and the entry (``mine.json: people[2]: missing 'name'``,
``mine.tsv: line 7: has 4 columns, expected 5``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from communique.errors import ConfigError
from communique.kb.datafile import KB, check_header, check_sections, fail, kind_of, read_data_object, where

SCHEMA_VERSION = KB.version
SECTIONS = ("countries", "regions", "organizations", "people", "sectors", "titles")
ROLES = frozenset(
    {"head_of_state", "head_of_government", "foreign_minister", "defense_minister", "head_of_organization"}
)
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_CODE = re.compile(r"[A-Z]{3}")  # an ISO 3166-1 alpha-3 code, or a non-state code (IGO, UNO, EUR, NGO)
_TSV_COLUMNS = {
    "countries": ("code", "name", "aliases", "demonyms", "metonyms"),
    "office_holders": ("kb_id", "name", "aliases", "country", "role", "title", "start", "end"),
    "regions": ("name", "country", "aliases", "demonyms"),
}

Sections = dict[str, list[dict[str, Any]]]


def package_files() -> list[tuple[str, str]]:
    """``(name, text)`` of every knowledge-base file shipped in the package, sorted by name."""
    folder = resources.files("communique.kb") / "data"
    out = []
    for entry in folder.iterdir():
        if not entry.name.endswith((".json", ".tsv")):
            continue
        name, text = f"communique/kb/data/{entry.name}", entry.read_text(encoding="utf-8")
        if kind_of(name, text) == KB.kind:  # the lexicons share the folder under kinds of their own
            out.append((name, text))
    return sorted(out)


def read_path(path: str | Path) -> Sections:
    """Read and validate one user file."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{p}: cannot read knowledge-base file ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{p}: knowledge-base file is not UTF-8 text") from None
    return parse(str(p), text)


def parse(name: str, text: str, package: bool = False) -> Sections:
    """Parse and validate the text of one knowledge-base file called ``name`` (``package``: one of ours,
    which must state its kind and schema version)."""
    if name.endswith(".tsv") or text.startswith("#"):
        return _parse_tsv(name, text)
    return _parse_json(name, text, package)


def _parse_json(name: str, text: str, package: bool) -> Sections:
    data = read_data_object(name, text, KB, package)
    check_sections(name, data, SECTIONS)
    out: Sections = {}
    for section in SECTIONS:
        rows = data.get(section, [])
        if not isinstance(rows, list):
            fail(name, "must be a list of entries", section)
        for i, row in enumerate(rows):
            _validate(name, section, row, where(section, i))
        out[section] = rows
    return out


def _parse_tsv(name: str, text: str) -> Sections:
    lines = text.splitlines()
    head = lines[0].split() if lines else []
    if len(head) != 4 or head[:2] != ["#", "communique-kb"] or head[2] not in _TSV_COLUMNS:
        fail(name, f"first line must be '# communique-kb <table> <version>' with table {' or '.join(_TSV_COLUMNS)}")
    check_header(name, KB, KB.kind, int(head[3]) if head[3].isdigit() else head[3], package=False)  # both stated
    table = head[2]
    expected = _TSV_COLUMNS[table]
    numbered = [(n, ln.split("\t")) for n, ln in enumerate(lines[1:], 2) if ln.strip() and not ln.startswith("#")]
    if not numbered or tuple(numbered[0][1]) != expected:
        fail(name, f"header must be {' | '.join(expected)}")
    records = []
    for lineno, cells in numbered[1:]:
        if len(cells) != len(expected):
            fail(name, f"has {len(cells)} columns, expected {len(expected)} ({' | '.join(expected)})", f"line {lineno}")
        records.append((f"line {lineno}", dict(zip(expected, cells, strict=True))))
    if table == "countries":
        return {"countries": [_validated(name, "countries", place, _country_row(r)) for place, r in records]}
    if table == "regions":
        return {"regions": [_validated(name, "regions", place, _region_row(r)) for place, r in records]}
    return {"people": list(_people_from_terms(name, records))}


def _split(cell: str) -> list[str]:
    return [part.strip() for part in re.split(r"[|;]", cell) if part.strip()]


def _country_row(row: dict[str, str]) -> dict[str, Any]:
    metonyms: dict[str, str | None] = {}
    for item in _split(row["metonyms"]):
        word, _, sector = item.partition("=")
        metonyms[word] = sector or None
    return {
        "code": row["code"],
        "name": row["name"],
        "aliases": _split(row["aliases"]),
        "demonyms": _split(row["demonyms"]),
        "metonyms": metonyms,
    }


def _region_row(row: dict[str, str]) -> dict[str, Any]:
    return {**row, "aliases": _split(row["aliases"]), "demonyms": _split(row["demonyms"])}


def _people_from_terms(name: str, records: list[tuple[str, dict[str, str]]]) -> Iterator[dict[str, Any]]:
    """One person per ``kb_id``, with an office per row (each row checked as a person of one office)."""
    people: dict[str, dict[str, Any]] = {}
    for place, row in records:
        office = {"role": row["role"], "title": row["title"], "country": row["country"], "start": row["start"],
                  "end": row["end"] or None}
        aliases = _split(row["aliases"])
        _validate(name, "people", {"id": row["kb_id"], "name": row["name"], "aliases": aliases,
                                   "offices": [office]}, place)
        person = people.setdefault(row["kb_id"],
                                   {"id": row["kb_id"], "name": row["name"], "aliases": [], "offices": []})
        for alias in aliases:
            if alias not in person["aliases"]:
                person["aliases"].append(alias)
        person["offices"].append(office)
    yield from people.values()


# -- what an entry may hold ------------------------------------------------------------------
# Each check returns None when the value is right, else what is wrong with it.
Check = Callable[[Any], str | None]


def _text(value: Any) -> str | None:
    return None if isinstance(value, str) and value.strip() else f"must be a non-empty string, not {value!r}"


def _texts(value: Any) -> str | None:
    ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
    return None if ok else f"must be a list of strings, not {value!r}"


def _code(value: Any) -> str | None:
    ok = isinstance(value, str) and _CODE.fullmatch(value)
    return None if ok else f"{value!r} is not an ISO 3166-1 alpha-3 code (or IGO, UNO, EUR, NGO)"


def _sector(value: Any) -> str | None:
    ok = value is None or (isinstance(value, str) and _CODE.fullmatch(value))
    return None if ok else f"{value!r} is not a sector code of three capitals (GOV, MIL, REB ...)"


def _optional(check: Check) -> Check:
    return lambda value: None if value is None else check(value)


def _flag(value: Any) -> str | None:
    return None if isinstance(value, bool) else f"must be true or false, not {value!r}"


def _roles(value: Any) -> str | None:
    ok = isinstance(value, list) and all(isinstance(r, str) and r in ROLES for r in value)
    return None if ok else f"{value!r} must be among {sorted(ROLES)}"


def _role(value: Any) -> str | None:
    return None if value in ROLES else f"{value!r} is not one of {sorted(ROLES)}"


def _date(value: Any) -> str | None:
    ok = isinstance(value, str) and _DATE.match(value)
    return None if ok else f"{value!r} is not YYYY, YYYY-MM or YYYY-MM-DD"


def _person_id(value: Any) -> str | None:
    return _text(value) or (None if value.startswith("person:") else f"{value!r} must start with 'person:'")


def _country_metonyms(value: Any) -> str | None:
    ok = isinstance(value, dict) and all(isinstance(k, str) and _sector(v) is None for k, v in value.items())
    return None if ok else f"must map each name to a sector code or null, not {value!r}"


def _offices(value: Any) -> str | None:
    return None if isinstance(value, list) else f"must be a list of offices, not {value!r}"


_FIELDS: dict[str, dict[str, Check]] = {
    "countries": {"code": _code, "name": _text, "aliases": _texts, "demonyms": _texts,
                  "metonyms": _country_metonyms},
    "regions": {"name": _text, "country": _code, "aliases": _texts, "demonyms": _texts},
    "organizations": {"id": _text, "name": _text, "country": _code, "sector": _sector, "aliases": _texts,
                      "metonyms": _texts},
    "people": {"id": _person_id, "name": _text, "aliases": _texts, "offices": _offices,
               "country": _optional(_code), "sector": _sector},
    "sectors": {"term": _text, "sector": _sector, "group": _flag},
    "titles": {"term": _text, "roles": _roles, "title_contains": _texts},
    "offices": {"role": _role, "title": _text, "country": _code, "start": _date, "end": _optional(_date)},
}
_REQUIRED = {
    "countries": ("code", "name"),
    "regions": ("name", "country"),
    "organizations": ("id", "name", "country"),
    "people": ("id", "name"),
    "sectors": ("term", "sector"),
    "titles": ("term", "roles"),
    "offices": ("role", "title", "country", "start"),
}
_NOTE = "comment"  # a free-text key any entry may carry


def _validate(name: str, section: str, row: Any, place: str) -> None:
    """Raise the one-line error of the first thing wrong with entry ``row`` at ``place``."""
    if not isinstance(row, dict):
        fail(name, f"must be an object, not {row!r}", place)
    fields = _FIELDS[section]
    for key in _REQUIRED[section]:
        if row.get(key) in (None, "", [], {}):
            fail(name, f"missing {key!r}", place)
    for key, value in row.items():
        check = fields.get(key)
        if check is None:
            if key == _NOTE:
                continue
            fail(name, f"unknown key {key!r}; expected some of {sorted(fields)}", place)
        reason = check(value)
        if reason:
            fail(name, f"{key} {reason}", place)
    for i, office in enumerate(row.get("offices", []) if section == "people" else []):
        _validate(name, "offices", office, f"{place}.offices[{i}]")


def _validated(name: str, section: str, place: str, row: dict[str, Any]) -> dict[str, Any]:
    _validate(name, section, row, place)
    return row
