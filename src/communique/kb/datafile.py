"""What every data file of the knowledge base shares: it says what it is, and which schema it follows.

    {"kind": "communique-kb", "schema_version": 1, ...}     a JSON file
    # communique-kb countries 1                             the first line of a TSV file

:data:`KINDS` names the four kinds, what a message calls each, the option that takes a user's
file of that kind, and the newest ``schema_version`` this communique reads. Every file shipped
in ``communique/kb/data`` carries both keys (a test loads them all). A user's JSON file may
leave them out, so that files written before the keys existed still load; when it carries
them they are checked: a file of another kind (a lexicon given as ``--kb``) or of a newer
schema is refused with one line naming the file.

The loaders (:mod:`~communique.kb.loader`, :mod:`~communique.kb.lexicon`,
:mod:`~communique.kb.reporting`) read their files through :func:`read_data_object` and name a
bad entry with :func:`where` (``my_verbs.json: frames['commit']: missing 'prefix'``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, NoReturn

from communique.errors import ConfigError


@dataclass(frozen=True)
class FileKind:
    kind: str  # the value of the file's "kind" key
    what: str  # what a message calls such a file
    option: str | None  # the command-line option that takes a user's file of this kind (None: package only)
    version: int  # the newest schema_version this code reads


KB = FileKind("communique-kb", "a knowledge-base file", "--kb", 1)
LEXICON = FileKind("communique-verb-lexicon", "a verb-lexicon file", "--lexicon", 1)
CODES = FileKind("communique-cameo-codes", "the CAMEO code table", None, 1)
REPORTING = FileKind("communique-reporting-verbs", "a reporting-verb file", "--reporting-verbs", 1)
KINDS = {k.kind: k for k in (KB, LEXICON, CODES, REPORTING)}

# Keys any JSON data file may carry besides its sections: the header and free-text notes.
META_KEYS = frozenset({"kind", "schema_version", "about", "comment", "_comment", "source"})


def fail(name: str, reason: str, place: str = "") -> NoReturn:
    """Raise the one-line error of file ``name``, at entry ``place`` when given."""
    raise ConfigError(f"{name}: {place}: {reason}" if place else f"{name}: {reason}")


def where(section: str, *keys: int | str) -> str:
    """The address of an entry, as in a JSON path: ``where("frames", "commit")`` is ``frames['commit']``,
    ``where("verbs", "042", 1)`` is ``verbs['042'][1]``; list indexes count from 0."""
    return section + "".join(f"[{k}]" if isinstance(k, int) else f"[{k!r}]" for k in keys)


def read_json_object(name: str, text: str, what: str = "file") -> dict[str, Any]:
    """The JSON object held by the data file ``name``; a one-line ConfigError when it is not one."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        fail(name, f"{what} is not valid JSON (line {exc.lineno}: {exc.msg})")
    if not isinstance(data, dict):
        fail(name, f"{what} must hold a JSON object")
    return data


def kind_of(name: str, text: str) -> str | None:
    """The kind a data file states: the second word of a TSV file's first line, a JSON file's ``kind``."""
    if name.endswith(".tsv") or text.startswith("#"):
        head = text.split("\n", 1)[0].split()
        return head[1] if len(head) > 1 and head[0] == "#" else None
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return None
    kind = data.get("kind") if isinstance(data, dict) else None
    return kind if isinstance(kind, str) else None


def check_header(name: str, expected: FileKind, kind: Any, version: Any, package: bool) -> None:
    """Refuse a file of another kind or a newer schema; a package file must state both."""
    if kind is None:
        if package:
            fail(name, f"no 'kind' (expected {expected.kind!r}); every package data file says what it is")
    elif kind != expected.kind:
        other = KINDS.get(kind) if isinstance(kind, str) else None
        if other is None:
            fail(name, f"kind {kind!r} is not {expected.what} (kind {expected.kind!r})")
        hint = f"; give it with {other.option}" if other.option else ""
        fail(name, f"{other.what} (kind {kind!r}), not {expected.what}{hint}")
    if version is None:
        if package:
            fail(name, f"no 'schema_version' (expected {expected.version}); every package data file has one")
        return
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        fail(name, f"schema_version {version!r} is not a positive whole number")
    if version > expected.version:
        fail(name, f"schema_version {version} is newer than this communique reads ({expected.version}); "
                   f"upgrade communique to read it")


def read_data_object(name: str, text: str, expected: FileKind, package: bool = False) -> dict[str, Any]:
    """The JSON object of data file ``name`` after its kind and schema version are checked."""
    data = read_json_object(name, text, expected.what)
    check_header(name, expected, data.get("kind"), data.get("schema_version"), package)
    return data


def check_sections(name: str, data: dict[str, Any], sections: tuple[str, ...] | frozenset[str]) -> None:
    """Refuse a key that is neither a known section nor a header or note (a typo is not ignored)."""
    unknown = sorted(set(data) - set(sections) - META_KEYS)
    if unknown:
        fail(name, f"unknown section {unknown[0]!r}; expected some of {sorted(sections)}")


def words(name: str, place: str, value: Any) -> list[str]:
    """``value`` when it is a list of non-empty strings; else the one-line error naming the bad item."""
    if not isinstance(value, list):
        fail(name, "must be a list of words", place)
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            fail(name, f"must be a word, not {item!r}", f"{place}[{i}]")
    return value


def mapping(name: str, place: str, value: Any) -> dict[str, Any]:
    """``value`` when it is a JSON object; else the one-line error."""
    if not isinstance(value, dict):
        fail(name, f"must be an object, not {type(value).__name__}", place)
    return value
