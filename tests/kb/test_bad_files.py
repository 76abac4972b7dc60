"""A malformed data file is one line naming the file and the entry, from every loader and from the CLI."""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from communique.errors import ConfigError
from communique.kb import load_kb
from communique.kb.lexicon import build_lexicon, load_lexicon, read_codes
from communique.kb.reporting import load_reporting_lexicon

_LOADERS: dict[str, Callable[[list[Path]], Any]] = {
    "kb": load_kb,
    "lexicon": load_lexicon,
    "reporting_verbs": load_reporting_lexicon,
}
_PERSON = {"id": "person:jane-roe", "name": "Jane Roe"}
_OFFICE = {"role": "foreign_minister", "title": "Foreign Minister", "country": "GUY", "start": "2020-01"}
_REGIONS_HEAD = "# communique-kb regions 1\nname\tcountry\taliases\tdemonyms\n"

# (loader, file name, content: JSON as a dict, TSV as text, expected message after "<path>: ")
BAD_USER_FILES: list[tuple[str, str, Any, str]] = [
    # knowledge base: missing key, wrong type, bad code, unknown section or key, kind, version
    ("kb", "bad.json", {"people": [_PERSON, {"id": "person:x"}]}, "people[1]: missing 'name'"),
    ("kb", "bad.json", {"organizations": [{"id": "org:x", "name": "X", "country": "GUY", "aliases": "X"}]},
     "organizations[0]: aliases must be a list of strings, not 'X'"),
    ("kb", "bad.json", {"countries": [{"code": "xx", "name": "X"}]},
     "countries[0]: code 'xx' is not an ISO 3166-1 alpha-3 code (or IGO, UNO, EUR, NGO)"),
    ("kb", "bad.json", {"people": [{"id": "jane", "name": "Jane"}]}, "people[0]: id 'jane' must start with 'person:'"),
    ("kb", "bad.json", {"people": [{**_PERSON, "offices": [{**_OFFICE, "start": "2020/01"}]}]},
     "people[0].offices[0]: start '2020/01' is not YYYY, YYYY-MM or YYYY-MM-DD"),
    ("kb", "bad.json", {"people": [{**_PERSON, "offices": [{**_OFFICE, "role": "king"}]}]},
     "people[0].offices[0]: role 'king' is not one of ['defense_minister', 'foreign_minister', 'head_of_government', "
     "'head_of_organization', 'head_of_state']"),
    ("kb", "bad.json", {"sectors": [{"term": "farmer", "sector": "AGR", "grop": True}]},
     "sectors[0]: unknown key 'grop'; expected some of ['group', 'sector', 'term']"),
    ("kb", "bad.json", {"sectors": [{"term": "farmer", "sector": "agriculture"}]},
     "sectors[0]: sector 'agriculture' is not a sector code of three capitals (GOV, MIL, REB ...)"),
    ("kb", "bad.json", {"titles": [["president"]]}, "titles[0]: must be an object, not ['president']"),
    ("kb", "bad.json", {"titles": {"term": "president"}}, "titles: must be a list of entries"),
    ("kb", "bad.json", {"weapons": []},
     "unknown section 'weapons'; expected some of ['countries', 'organizations', 'people', 'regions', 'sectors', "
     "'titles']"),
    ("kb", "bad.json", {"kind": "communique-verb-lexicon", "verbs": {}},
     "a verb-lexicon file (kind 'communique-verb-lexicon'), not a knowledge-base file; give it with --lexicon"),
    ("kb", "bad.json", {"schema_version": 2}, "schema_version 2 is newer than this communique reads (1); "
                                              "upgrade communique to read it"),
    ("kb", "bad.json", "not json", "a knowledge-base file is not valid JSON (line 1: Expecting value)"),
    ("kb", "bad.tsv", _REGIONS_HEAD + "Darfur\tSDN\n", "line 3: has 2 columns, expected 4 "
                                                      "(name | country | aliases | demonyms)"),
    ("kb", "bad.tsv", _REGIONS_HEAD + "# a comment\nDarfur\tsdn\t\t\n",
     "line 4: country 'sdn' is not an ISO 3166-1 alpha-3 code (or IGO, UNO, EUR, NGO)"),
    ("kb", "bad.tsv", _REGIONS_HEAD.replace(" 1\n", " 2\n"),
     "schema_version 2 is newer than this communique reads (1); upgrade communique to read it"),
    ("kb", "bad.tsv", "name\tcountry\n", "first line must be '# communique-kb <table> <version>' with table "
                                        "countries or office_holders or regions"),
    # verb lexicon
    ("lexicon", "bad.json", {"verbs": {"999": ["drop"]}}, "verbs['999']: not a CAMEO code"),
    ("lexicon", "bad.json", {"verbs": {"042": "drop"}}, "verbs['042']: must be a list of patterns"),
    ("lexicon", "bad.json", {"verbs": {"042": ["drop +by", 3]}}, "verbs['042'][1]: must be a pattern string, not 3"),
    ("lexicon", "bad.json", {"nouns": {"042": ["visit}"]}},
     "nouns['042'][0]: pattern 'visit}' (code 042) is not valid pattern syntax"),
    ("lexicon", "bad.json", {"verbs": {"042": ["pay visit"]}},
     "verbs['042'][0]: verb pattern 'pay visit' (code 042) has more than one lemma"),
    ("lexicon", "bad.json", {"verbs": ["drop"]}, "verbs: must be an object, not list"),
    ("lexicon", "bad.json", {"non_events": "meet"}, "non_events: must be a list of patterns"),
    ("lexicon", "bad.json", {"frames": {"commit": {"verbs": ["swear"], "default": "030"}}},
     "section 'frames' is read only from the package lexicon; a file of yours may hold verbs, nouns, non_events"),
    ("lexicon", "bad.json", {"verbz": {}},
     "unknown section 'verbz'; expected some of ['non_events', 'nouns', 'verbs']"),
    ("lexicon", "bad.json", {"kind": "communique-kb", "people": []},
     "a knowledge-base file (kind 'communique-kb'), not a verb-lexicon file; give it with --kb"),
    ("lexicon", "bad.json", {"schema_version": "1"}, "schema_version '1' is not a positive whole number"),
    # reporting verbs
    ("reporting_verbs", "bad.json", {"verbs": {"grumble": ["quote"]}},
     "verbs['grumble']: uses ['quote'] must be a non-empty list of 'quotes' and 'events'"),
    ("reporting_verbs", "bad.json", {"verbs": {"grumble": []}},
     "verbs['grumble']: uses [] must be a non-empty list of 'quotes' and 'events'"),
    ("reporting_verbs", "bad.json", {"verbs": ["grumble", 1]}, "verbs[1]: must be a word, not 1"),
    ("reporting_verbs", "bad.json", {"particle_verbs": [["point", "out"], ["point"]]},
     "particle_verbs[1]: must be a list of two words, not ['point']"),
    ("reporting_verbs", "bad.json", {"nouns": "hope"}, "nouns: must be a list of words"),
    ("reporting_verbs", "bad.json", {"cues": ["say"]},
     "unknown section 'cues'; expected some of ['light_verbs', 'nouns', 'particle_verbs', 'sources', 'verbs']"),
    ("reporting_verbs", "bad.json", {"kind": "banana"},
     "kind 'banana' is not a reporting-verb file (kind 'communique-reporting-verbs')"),
    ("reporting_verbs", "bad.json", [], "a reporting-verb file must hold a JSON object"),
]


def _write(tmp_path: Path, name: str, content: Any) -> Path:
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return path


@pytest.mark.parametrize(("loader", "name", "content", "message"), BAD_USER_FILES,
                         ids=[f"{loader}-{message[:40]}" for loader, _, _, message in BAD_USER_FILES])
def test_bad_user_file_is_one_line_naming_the_file_and_the_entry(
        tmp_path: Path, loader: str, name: str, content: Any, message: str) -> None:
    path = _write(tmp_path, name, content)
    with pytest.raises(ConfigError) as info:
        _LOADERS[loader]([path])
    assert str(info.value) == f"{path}: {message}"


def _package_text(name: str) -> str:
    return (resources.files("communique.kb") / "data" / "cameo" / name).read_text(encoding="utf-8")


_VERBS = json.loads(_package_text("verbs.json"))
_CODES = json.loads(_package_text("codes.json"))


def _frames(**commit: Any) -> dict[str, Any]:
    return {**_VERBS, "frames": {**_VERBS["frames"], "commit": commit}}


# (a change to the package's verbs.json or codes.json, expected message after "<file name>: ")
BAD_PACKAGE_LEXICONS: list[tuple[str, dict[str, Any], str]] = [
    ("my_verbs.json", _frames(verbs=["agree"], default="030"), "frames['commit']: missing 'prefix'"),
    ("my_verbs.json", _frames(verbs=["agree"], prefix="3", default="030"),
     "frames['commit']: prefix '3' is not a CAMEO root of two digits"),
    ("my_verbs.json", _frames(verbs=["agree"], prefix="03", default="999"),
     "frames['commit']: default '999' is not a CAMEO code"),
    ("my_verbs.json", _frames(verbs="agree", prefix="03", default="030"),
     "frames['commit'].verbs: must be a list of words"),
    ("my_verbs.json", {**_VERBS, "noun_frames": {"call": "plead"}}, "noun_frames['call']: names unknown frame 'plead'"),
    ("my_verbs.json", {**_VERBS, "frame_codes": {"03": {"04": "0999"}}},
     "frame_codes['03']['04']: '0999' is not a CAMEO code"),
    ("my_verbs.json", {**_VERBS, "mode_hints": {"MOBILISE": {}}}, "mode_hints['MOBILISE']: not a PLOVER type"),
    ("my_verbs.json", {**_VERBS, "intention": "want"}, "intention: must be a list of words"),
    ("my_verbs.json", {**_VERBS, "future_words": {"auxiliary": ["will"]}},
     "future_words: unknown key 'auxiliary'; expected some of ['auxiliaries', 'ready', 'reported_auxiliaries']"),
    ("my_verbs.json", {**_VERBS, "reporting": ["say"]},
     f"unknown section 'reporting'; expected some of {sorted(set(_VERBS) - {'kind', 'schema_version', 'about'})}"),
    ("my_verbs.json", {k: v for k, v in _VERBS.items() if k != "kind"},
     "no 'kind' (expected 'communique-verb-lexicon'); every package data file says what it is"),
    ("codes.json", {**_CODES, "codes": [{"code": "01", "name": "X", "goldstein": "high", "quad_class": 1}]},
     "codes[0]: goldstein 'high' is not a number from -10 to 10"),
    ("codes.json", {**_CODES, "codes": [{"code": "01", "name": "X", "goldstein": 0}]},
     "codes[0]: missing 'quad_class'"),
    ("codes.json", {**_CODES, "codes": [{"code": 10, "name": "X", "goldstein": 0, "quad_class": 1}]},
     "codes[0]: code 10 is not a CAMEO code of two to four digits"),
]


@pytest.mark.parametrize(("name", "data", "message"), BAD_PACKAGE_LEXICONS,
                         ids=[message[:40] for _, _, message in BAD_PACKAGE_LEXICONS])
def test_bad_package_lexicon_is_one_line_naming_the_file_and_the_entry(name: str, data: dict[str, Any],
                                                                       message: str) -> None:
    with pytest.raises(ConfigError) as info:
        if name == "codes.json":
            read_codes(json.dumps(data), name)
        else:
            build_lexicon(json.dumps(data), _package_text("codes.json"), name)
    assert str(info.value) == f"{name}: {message}"


@pytest.mark.parametrize(
    ("args", "variable", "loader"),
    [(["--kb"], None, "kb"), ([], "COMMUNIQUE_LEXICON", "lexicon"),
     ([], "COMMUNIQUE_REPORTING_VERBS", "reporting_verbs")],
)
def test_cli_prints_the_one_line_and_no_traceback(tmp_path: Path, args: list[str], variable: str | None,
                                                  loader: str) -> None:
    from communique.cli import main

    loader_case = next(case for case in BAD_USER_FILES if case[0] == loader)
    _, name, content, message = loader_case
    bad = _write(tmp_path, name, content)
    text = _write(tmp_path, "text.txt", "The army attacked the village on Monday.")
    env = {variable: str(bad)} if variable else {}
    result = CliRunner().invoke(main, ["extract", str(text), *args, *([str(bad)] if args else [])], env=env)
    assert result.exit_code != 0
    assert result.output.strip().splitlines() == [f"communique: {bad}: {message}"]
    assert "Traceback" not in result.output
