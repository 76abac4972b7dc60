"""Reading and validating knowledge-base files.

Two formats, both versioned:

* JSON: ``{"schema_version": 1, "kind": "communique-kb", <section>: [...], ...}``
  where a section is one of ``countries``, ``regions``, ``organizations``,
  ``people``, ``sectors``, ``titles`` (any subset).
* TSV: a first line ``# communique-kb <table> <version>`` with table
  ``countries``, ``regions`` or ``office_holders``; further ``#`` lines are comments; the
  first other line is the header.

The package's own files live in ``communique/kb/data`` and are read through
:mod:`importlib.resources`; a user's files (``Config.kb``, ``--kb``) use the
same formats. A bad file raises :class:`~communique.errors.ConfigError` with a
one-line message naming the file.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from communique.errors import ConfigError

SCHEMA_VERSION = 1
SECTIONS = ("countries", "regions", "organizations", "people", "sectors", "titles")
ROLES = frozenset(
    {"head_of_state", "head_of_government", "foreign_minister", "defense_minister", "head_of_organization"}
)
_KIND_MARK = re.compile(r'"kind"\s*:\s*"communique-kb"')
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_TSV_COLUMNS = {
    "countries": ("code", "name", "aliases", "demonyms", "metonyms"),
    "office_holders": ("kb_id", "name", "aliases", "country", "role", "title", "start", "end"),
    "regions": ("name", "country", "aliases", "demonyms"),
}

Sections = dict[str, list[dict[str, Any]]]


def package_files() -> list[tuple[str, str]]:
    """``(name, text)`` of every data file shipped in the package, sorted by name."""
    folder = resources.files("communique.kb") / "data"
    out = []
    for entry in folder.iterdir():
        if not entry.name.endswith((".json", ".tsv")):
            continue
        text = entry.read_text(encoding="utf-8")
        # Other lexicons (reporting verbs, the verb lexicon) share the folder; ours say who they are.
        if text.startswith("# communique-kb") or _KIND_MARK.search(text[:200]):
            out.append((f"communique/kb/data/{entry.name}", text))
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


def parse(name: str, text: str) -> Sections:
    """Parse and validate the text of one knowledge-base file called ``name``."""
    if name.endswith(".tsv") or text.startswith("# communique-kb"):
        sections = _parse_tsv(name, text)
    else:
        sections = _parse_json(name, text)
    for section, rows in sections.items():
        for i, row in enumerate(rows, 1):
            _validate(name, section, i, row)
    return sections


def merge(parts: Iterable[Sections]) -> Sections:
    out: Sections = {s: [] for s in SECTIONS}
    for part in parts:
        for section, rows in part.items():
            out[section].extend(rows)
    return out


def read_json_object(name: str, text: str, what: str = "file") -> dict[str, Any]:
    """The JSON object held by the data file ``name``; a one-line ConfigError when it is not one.

    Every JSON data file of the knowledge base (ours or a user's) is read through here.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{name}: {what} is not valid JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{name}: {what} must hold a JSON object")
    return data


def _parse_json(name: str, text: str) -> Sections:
    data = read_json_object(name, text, "a knowledge-base file")
    _check_version(name, data.get("schema_version"))
    unknown = set(data) - set(SECTIONS) - {"schema_version", "kind", "comment"}
    if unknown:
        raise ConfigError(f"{name}: unknown section(s) {sorted(unknown)}; expected some of {list(SECTIONS)}")
    out: Sections = {}
    for section in SECTIONS:
        rows = data.get(section, [])
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise ConfigError(f"{name}: section {section!r} must be a list of objects")
        out[section] = rows
    return out


def _parse_tsv(name: str, text: str) -> Sections:
    lines = text.splitlines()
    head = lines[0].split() if lines else []
    if len(head) != 4 or head[:2] != ["#", "communique-kb"] or head[2] not in _TSV_COLUMNS:
        raise ConfigError(
            f"{name}: first line must be '# communique-kb <table> <version>' with table {' or '.join(_TSV_COLUMNS)}"
        )
    _check_version(name, int(head[3]) if head[3].isdigit() else head[3])
    table = head[2]
    body = [ln for ln in lines[1:] if ln.strip() and not ln.startswith("#")]
    reader = csv.reader(io.StringIO("\n".join(body)), delimiter="\t", quoting=csv.QUOTE_NONE)
    rows = list(reader)
    expected = _TSV_COLUMNS[table]
    if not rows or tuple(rows[0]) != expected:
        raise ConfigError(f"{name}: header must be {' | '.join(expected)}")
    records = []
    for lineno, row in enumerate(rows[1:], 2):
        if len(row) != len(expected):
            raise ConfigError(f"{name}: data row {lineno} has {len(row)} columns, expected {len(expected)}")
        records.append(dict(zip(expected, row, strict=True)))
    if table == "countries":
        return {"countries": [_country_row(r) for r in records]}
    if table == "regions":
        return {"regions": [{**r, "aliases": _split(r["aliases"]), "demonyms": _split(r["demonyms"])} for r in records]}
    return {"people": list(_people_from_terms(records))}


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


def _people_from_terms(rows: list[dict[str, str]]) -> Iterator[dict[str, Any]]:
    people: dict[str, dict[str, Any]] = {}
    for row in rows:
        person = people.setdefault(
            row["kb_id"], {"id": row["kb_id"], "name": row["name"], "aliases": [], "offices": []}
        )
        for alias in _split(row["aliases"]):
            if alias not in person["aliases"]:
                person["aliases"].append(alias)
        person["offices"].append(
            {
                "role": row["role"],
                "title": row["title"],
                "country": row["country"],
                "start": row["start"],
                "end": row["end"] or None,
            }
        )
    yield from people.values()


def _check_version(name: str, version: Any) -> None:
    if version != SCHEMA_VERSION:
        raise ConfigError(f"{name}: schema_version {version!r} is not supported (expected {SCHEMA_VERSION})")


_REQUIRED = {
    "countries": ("code", "name"),
    "regions": ("name", "country"),
    "organizations": ("id", "name", "country"),
    "people": ("id", "name"),
    "sectors": ("term", "sector"),
    "titles": ("term", "roles"),
}


def _validate(name: str, section: str, index: int, row: dict[str, Any]) -> None:
    where = f"{name}: {section} entry {index}"
    for key in _REQUIRED[section]:
        if not row.get(key):
            raise ConfigError(f"{where} lacks {key!r}")
    for key in ("aliases", "demonyms"):
        if key in row and not (isinstance(row[key], list) and all(isinstance(a, str) for a in row[key])):
            raise ConfigError(f"{where}: {key!r} must be a list of strings")
    if section == "countries" and not re.fullmatch(r"[A-Z]{3}", row["code"]):
        raise ConfigError(f"{where}: code {row['code']!r} is not an ISO 3166-1 alpha-3 code")
    if section == "regions" and not re.fullmatch(r"[A-Z]{3}", str(row["country"])):
        raise ConfigError(f"{where}: country {row['country']!r} is not an ISO 3166-1 alpha-3 code")
    if section == "people":
        if not str(row["id"]).startswith("person:"):
            raise ConfigError(f"{where}: id {row['id']!r} must start with 'person:'")
        for office in row.get("offices", []):
            _validate_office(where, office)
    if section == "titles" and not set(row["roles"]) <= ROLES:
        raise ConfigError(f"{where}: roles must be among {sorted(ROLES)}")


def _validate_office(where: str, office: dict[str, Any]) -> None:
    if office.get("role") not in ROLES:
        raise ConfigError(f"{where}: office role {office.get('role')!r} is not one of {sorted(ROLES)}")
    for key in ("start", "end"):
        value = office.get(key)
        if value is None and key == "end":
            continue
        if not isinstance(value, str) or not _DATE.match(value):
            raise ConfigError(f"{where}: office {key} {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    if not office.get("country") or not office.get("title"):
        raise ConfigError(f"{where}: an office needs a country and a title")
