"""Every data file of the package says what it is and which schema it follows, and loads as that."""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources
from importlib.resources.abc import Traversable

import pytest

from communique.errors import ConfigError
from communique.kb.datafile import CODES, KB, KINDS, LEXICON, REPORTING, check_header, kind_of
from communique.kb.lexicon import build_lexicon, read_codes
from communique.kb.loader import parse
from communique.kb.reporting import read_reporting_file


def _data_files(folder: Traversable, prefix: str) -> Iterator[tuple[str, str]]:
    for entry in folder.iterdir():
        name = f"{prefix}/{entry.name}"
        if entry.is_dir():
            yield from _data_files(entry, name)
        elif entry.name.endswith((".json", ".tsv")):
            yield name, entry.read_text(encoding="utf-8")


PACKAGE_FILES = sorted(_data_files(resources.files("communique.kb") / "data", "communique/kb/data"))
_CODES_TEXT = dict(PACKAGE_FILES)["communique/kb/data/cameo/codes.json"]


def _version(name: str, text: str) -> object:
    if name.endswith(".tsv"):
        return int(text.split("\n", 1)[0].split()[3])
    return json.loads(text).get("schema_version")


def test_the_package_ships_every_kind_of_data_file() -> None:
    assert {kind_of(name, text) for name, text in PACKAGE_FILES} == set(KINDS)
    assert len(PACKAGE_FILES) == 8


@pytest.mark.parametrize(("name", "text"), PACKAGE_FILES, ids=[name.rsplit("/", 1)[-1] for name, _ in PACKAGE_FILES])
def test_every_package_file_states_its_kind_and_version_and_loads_as_that_kind(name: str, text: str) -> None:
    kind = KINDS[str(kind_of(name, text))]
    assert _version(name, text) == kind.version
    if kind is KB:
        assert any(parse(name, text, package=True).values())
    elif kind is LEXICON:
        assert build_lexicon(text, _CODES_TEXT, name).verbs
    elif kind is CODES:
        assert len(read_codes(text, name)) == 312
    else:
        assert kind is REPORTING
        assert read_reporting_file(name, text, package=True)["quotes"]


@pytest.mark.parametrize(
    ("kind", "version", "package", "message"),
    [
        (None, 1, True, "x.json: no 'kind' (expected 'communique-kb'); every package data file says what it is"),
        ("communique-kb", None, True,
         "x.json: no 'schema_version' (expected 1); every package data file has one"),
        ("communique-kb", 2, False,
         "x.json: schema_version 2 is newer than this communique reads (1); upgrade communique to read it"),
        ("communique-kb", 0, False, "x.json: schema_version 0 is not a positive whole number"),
        ("communique-kb", True, False, "x.json: schema_version True is not a positive whole number"),
        ("communique-cameo-codes", 1, False,
         "x.json: the CAMEO code table (kind 'communique-cameo-codes'), not a knowledge-base file"),
        ("communique-reporting-verbs", 1, False, "x.json: a reporting-verb file (kind 'communique-reporting-verbs'), "
                                                 "not a knowledge-base file; give it with --reporting-verbs"),
    ],
)
def test_header_check_refuses_another_kind_a_newer_version_and_a_bare_package_file(
        kind: object, version: object, package: bool, message: str) -> None:
    with pytest.raises(ConfigError) as info:
        check_header("x.json", KB, kind, version, package)
    assert str(info.value) == message


@pytest.mark.parametrize(("kind", "version"), [(None, None), ("communique-kb", None), (None, 1), ("communique-kb", 1)])
def test_a_user_file_may_leave_out_its_kind_and_version(kind: object, version: object) -> None:
    check_header("mine.json", KB, kind, version, package=False)
