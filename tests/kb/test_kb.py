"""Knowledge base: every package file loads and validates; lookups; user files; bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from communique.errors import ConfigError
from communique.kb import NON_STATE_CODES, SCHEMA_VERSION, KnowledgeBase, load_kb
from communique.kb.loader import package_files, parse


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def test_every_package_file_loads_and_validates() -> None:
    files = package_files()
    names = {name.rsplit("/", 1)[-1] for name, _ in files}
    assert {"countries.tsv", "office_holders.tsv", "organizations.json", "sectors.json", "regions.tsv"} <= names
    for name, text in files:
        sections = parse(name, text, package=True)
        assert any(sections.values()), name


def test_all_iso_countries_are_present_taiwan_included(kb: KnowledgeBase) -> None:
    import pycountry

    assert {c.alpha_3 for c in pycountry.countries} <= set(kb.countries)
    assert kb.countries["TWN"].name == "Taiwan"


@pytest.mark.parametrize(
    ("name", "code"),
    [("the US", "USA"), ("America", "USA"), ("Britain", "GBR"), ("UK", "GBR"), ("South Korea", "KOR"),
     ("North Korea", "PRK"), ("Russia", "RUS"), ("Iran", "IRN"), ("Syria", "SYR"), ("Taiwan", "TWN")],
)
def test_short_forms_name_states(kb: KnowledgeBase, name: str, code: str) -> None:
    assert kb.country_code(name) == code


@pytest.mark.parametrize(
    ("word", "code"),
    [("Japanese", "JPN"), ("Taiwanese", "TWN"), ("Chinese", "CHN"), ("American", "USA"), ("Guyanese", "GUY"),
     ("Israelis", "ISR")],
)
def test_demonyms_name_states(kb: KnowledgeBase, word: str, code: str) -> None:
    assert kb.demonym(word) == code


@pytest.mark.parametrize(
    ("name", "code", "sector"),
    [("Tokyo", "JPN", "GOV"), ("the Kremlin", "RUS", "GOV"), ("Whitehall", "GBR", "GOV"), ("Kyiv", "UKR", "GOV"),
     ("Pentagon", "USA", "MIL")],
)
def test_capitals_and_seats_are_metonyms(kb: KnowledgeBase, name: str, code: str, sector: str) -> None:
    hit = kb.lookup(name)[0]
    assert (hit.kind, hit.country, hit.sector) == ("metonym", code, sector)


def test_at_least_sixty_international_organisations_with_codes(kb: KnowledgeBase) -> None:
    igos = [o for o in kb.organizations.values() if o.country in NON_STATE_CODES]
    assert len(igos) >= 60
    for name, code in [("NATO", "IGO"), ("EU", "EUR"), ("WHO", "UNO"), ("Amnesty International", "NGO"),
                       ("the Quad", "IGO"), ("AUKUS", "IGO")]:
        assert kb.lookup(name)[0].country == code, name


def test_office_holder_is_found_by_title_country_and_date(kb: KnowledgeBase) -> None:
    president = kb.title_term("president")
    assert president is not None
    assert [p.id for p, _ in kb.holders("USA", president, "2022-12-28")] == ["person:joe-biden"]
    assert [p.id for p, _ in kb.holders("USA", president, "2005-06-01")] == ["person:george-w-bush"]
    pm = kb.title_term("prime minister")
    assert pm is not None
    assert [p.id for p, _ in kb.holders("JPN", pm, "2015-01-01")] == ["person:shinzo-abe"]


@pytest.mark.parametrize(
    ("term", "sector"),
    [("lawmaker", "LEG"), ("mp", "LEG"), ("senator", "LEG"), ("parliament", "LEG"), ("minister", "GOV"),
     ("official", "GOV"), ("defense minister", "GOV"), ("troops", "MIL"), ("navy", "MIL"), ("police", "COP"),
     ("rebel", "REB"), ("militant", "REB"), ("judge", "JUD"), ("party", "PTY"), ("company", "BUS"),
     ("journalist", "MED"), ("protester", "CVL"), ("civilian", "CVL")],
)
def test_sector_nouns(kb: KnowledgeBase, term: str, sector: str) -> None:
    found = kb.sector_of(term)
    assert found is not None and found.sector == sector


def test_user_file_adds_actors_without_touching_the_package(tmp_path: Path) -> None:
    user = tmp_path / "mine.json"
    user.write_text(json.dumps({
        "schema_version": SCHEMA_VERSION,
        "organizations": [{"id": "org:acme-front", "name": "Acme Liberation Front", "aliases": ["ALF"],
                           "country": "GUY", "sector": "REB"}],
        "people": [{"id": "person:jane-roe", "name": "Jane Roe", "offices": [
            {"role": "foreign_minister", "title": "Foreign Minister", "country": "GUY", "start": "2020-01"}]}],
    }))
    kb = load_kb([user])
    assert kb.lookup("ALF")[0].country == "GUY"
    fm = kb.title_term("foreign minister")
    assert fm is not None
    assert [p.id for p, _ in kb.holders("GUY", fm, "2024-05-01")] == ["person:jane-roe"]
    assert "org:acme-front" not in load_kb().organizations


@pytest.mark.parametrize(
    ("content", "reason"),
    [('{"schema_version": 99}', "schema_version"),
     ("not json", "not valid JSON"),
     ('{"schema_version": 1, "people": [{"id": "jane", "name": "Jane"}]}', "must start with 'person:'"),
     ('{"schema_version": 1, "countries": [{"code": "xx", "name": "X"}]}', "alpha-3"),
     ('{"schema_version": 1, "weapons": []}', "unknown section")],
)
def test_bad_user_file_is_one_line_naming_the_file(tmp_path: Path, content: str, reason: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    with pytest.raises(ConfigError) as info:
        load_kb([bad])
    message = str(info.value)
    assert str(bad) in message and reason in message and "\n" not in message


def test_missing_user_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_kb([tmp_path / "absent.json"])


def test_office_dates_are_valid_and_ordered(kb: KnowledgeBase) -> None:
    for person in kb.people.values():
        assert person.id.startswith("person:")
        for office in person.offices:
            assert office.end is None or office.start <= office.end, person.id


@pytest.mark.parametrize(
    ("name", "code"),
    [("Darfur", "SDN"), ("Northern Ireland", "GBR"), ("Chechnya", "RUS"), ("the Golan Heights", "SYR"),
     ("Crimea", "UKR"), ("Tibet", "CHN")],
)
def test_regions_stand_for_their_state_but_are_not_states(kb: KnowledgeBase, name: str, code: str) -> None:
    assert kb.region_country(name) == code and kb.code_of(name) == code
    assert kb.country_code(name) is None  # a region is no state of its own


def test_a_region_inside_a_country_name_does_not_shadow_the_country(kb: KnowledgeBase) -> None:
    assert kb.country_code("Ireland") == "IRL" and kb.region_country("Northern Ireland") == "GBR"


def test_user_file_adds_regions(tmp_path: Path) -> None:
    path = tmp_path / "regions.tsv"
    path.write_text("# communique-kb regions 1\nname\tcountry\taliases\tdemonyms\nAcme Valley\tGUY\tthe Valley\t\n",
                    encoding="utf-8")
    kb = load_kb([path])
    assert kb.region_country("Acme Valley") == "GUY" and kb.region_country("the Valley") == "GUY"


def test_region_with_a_bad_country_code_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "regions.tsv"
    path.write_text("# communique-kb regions 1\nname\tcountry\taliases\tdemonyms\nAcme Valley\tGuyana\t\t\n",
                    encoding="utf-8")
    with pytest.raises(ConfigError, match=r"regions\.tsv"):
        load_kb([path])
