"""Actors stage on small hand-written texts: names, roles read from the text, offices in time, metonyms."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communique.config import Config
from communique.nlp.actors import ActorsStage, actor_at, reference_date, resolve_group
from communique.nlp.entities import EntitiesStage
from communique.nlp.parse import ParseStage
from communique.pipeline import Context
from communique.record import Actor, Document

Run = Callable[..., Document]


@pytest.fixture(scope="module")
def run(nlp: Any) -> Run:
    ctx = Context(Config())
    ctx.resources.derived("nlp", lambda: nlp)
    stages = [ParseStage(), EntitiesStage(), ActorsStage()]

    def _run(text: str, reference_date: str | None = None) -> Document:
        doc = Document(id="t", source="test", raw_text=text, text=text, reference_date=reference_date)
        for stage in stages:
            doc = stage(doc, ctx)
        for actor in doc.actors:
            for m in actor.mentions:
                assert text[m.start : m.end] == m.text
        return doc

    return _run


def named(doc: Document, name: str) -> Actor:
    found = [a for a in doc.actors if a.name == name]
    assert found, f"no actor {name!r} in {[a.name for a in doc.actors]}"
    return found[0]


def at(doc: Document, text: str, occurrence: int = 0) -> Actor | None:
    start = -1
    for _ in range(occurrence + 1):
        start = doc.text.index(text, start + 1)
    return actor_at(doc, start, start + len(text))


def test_apposition_gives_country_sector_and_title(run: Run) -> None:
    doc = run("Tsai Ing-wen, the President of Taiwan, said on Monday that ties would grow.", "2022-12-28")
    tsai = named(doc, "Tsai Ing-wen")
    assert (tsai.type, tsai.country, tsai.sector, tsai.title) == ("person", "TWN", "GOV", "President")
    assert tsai.kb_id == "person:tsai-ing-wen" and not tsai.former


def test_unknown_person_gets_roles_from_demonym_and_title(run: Run) -> None:
    doc = run("Japanese lawmaker Hiroshige Seko praised the plan on Tuesday.")
    seko = named(doc, "Hiroshige Seko")
    assert (seko.country, seko.sector, seko.title, seko.kb_id) == ("JPN", "LEG", "lawmaker", None)


def test_apposition_with_a_rank_and_an_unknown_name(run: Run) -> None:
    doc = run("Marvin Fairweather, a senior Guyanese police officer, told reporters the road was closed.")
    person = named(doc, "Marvin Fairweather")
    assert (person.country, person.sector) == ("GUY", "COP")


def test_common_noun_with_demonym_is_an_actor(run: Run) -> None:
    doc = run("A senior Guyanese police officer said that Israeli troops had left and Hungarian officials agreed.")
    officer = at(doc, "officer")
    troops = at(doc, "troops")
    officials = at(doc, "officials")
    assert officer is not None and (officer.type, officer.country, officer.sector) == ("person", "GUY", "COP")
    assert troops is not None and (troops.type, troops.country, troops.sector) == ("group", "ISR", "MIL")
    assert officials is not None and (officials.country, officials.sector) == ("HUN", "GOV")


def test_conjoined_demonyms_make_one_group_each(run: Run) -> None:
    doc = run("Senior Hungarian and Romanian officials agreed on Wednesday to cooperate.")
    hun, rou = at(doc, "Hungarian"), at(doc, "Romanian")
    assert hun is not None and rou is not None and hun.id != rou.id
    assert (hun.country, hun.sector, rou.country, rou.sector) == ("HUN", "GOV", "ROU", "GOV")


def test_former_prime_minister_resolves_to_the_knowledge_base_person(run: Run) -> None:
    doc = run("The plan was advocated by former Prime Minister Abe, who spoke often of it.", "2022-12-28")
    abe = named(doc, "Shinzo Abe")
    assert abe.kb_id == "person:shinzo-abe" and abe.former
    # PLOVER's sector table: former government officials are elites (ELI)
    assert (abe.country, abe.sector, abe.title) == ("JPN", "ELI", "former Prime Minister")


@pytest.mark.parametrize(
    ("date", "kb_id"),
    [("2022-12-28", "person:joe-biden"), ("2015-03-01", "person:barack-obama"), ("2003-03-20", "person:george-w-bush")],
)
def test_the_us_president_is_the_holder_on_the_reference_date(run: Run, date: str, kb_id: str) -> None:
    doc = run("The US president said the talks would resume next month.", date)
    president = at(doc, "president")
    assert president is not None and president.kb_id == kb_id and not president.former
    assert (president.country, president.sector) == ("USA", "GOV")


def test_the_prime_minister_takes_the_country_of_the_document(run: Run) -> None:
    text = "Japan will raise defence spending. Japan has said so before. The prime minister said the plan was ready."
    doc = run(text, "2016-05-01")
    pm = at(doc, "prime minister")
    assert pm is not None and pm.kb_id == "person:shinzo-abe"


def test_capital_as_subject_is_its_state_government(run: Run) -> None:
    doc = run("Japan revised its strategy. Tokyo said it would not accept any change.")
    japan = named(doc, "Japan")
    assert at(doc, "Tokyo") == japan
    assert japan.type == "state" and japan.country == "JPN" and japan.sector == "GOV"


def test_capital_as_a_place_is_its_state_not_its_government(run: Run) -> None:
    doc = run("The delegation arrived in Tokyo on Friday.")
    japan = at(doc, "Tokyo")
    assert japan is not None and (japan.type, japan.country, japan.sector) == ("state", "JPN", None)


@pytest.mark.parametrize(
    ("text", "place", "country"),
    [
        ("Rebels fired rockets at targets near Mosul on Sunday.", "Mosul", "IRQ"),
        ("The minister flew into Osaka for the summit.", "Osaka", "JPN"),
        ("Troops were deployed in Darfur last week.", "Darfur", "SDN"),
        ("The army imposed a curfew in Northern Ireland.", "Northern Ireland", "GBR"),
    ],
)
def test_cities_and_regions_named_as_places_stand_for_their_state(run: Run, text: str, place: str,
                                                                   country: str) -> None:
    actor = at(run(text), place)
    assert actor is not None and (actor.type, actor.country) == ("state", country)


def test_a_region_before_a_group_noun_gives_the_group_its_state(run: Run) -> None:
    doc = run("The government accused Darfur rebels of breaking the truce.")
    rebels = at(doc, "rebels")
    assert rebels is not None and (rebels.country, rebels.sector) == ("SDN", "REB")


def test_short_forms_and_states(run: Run) -> None:
    doc = run("Taiwan will work with Japan, the US, China, India and Australia.")
    codes = {a.country for a in doc.actors if a.type == "state"}
    assert {"TWN", "JPN", "USA", "CHN", "IND", "AUS"} <= codes
    assert named(doc, "United States").mentions[0].text == "US"


def test_organisations_are_coded_with_their_non_state_codes(run: Run) -> None:
    doc = run("NATO and the European Union met, and Amnesty International criticised the World Health Organization.")
    assert named(doc, "NATO").country == "IGO"
    assert named(doc, "European Union").country == "EUR"
    assert named(doc, "Amnesty International").country == "NGO"
    assert named(doc, "World Health Organization").country == "UNO"


def test_each_actor_once_per_document_and_entities_linked(run: Run) -> None:
    doc = run("Japan protested. Later Japan and China talked, and Japan agreed.")
    japans = [a for a in doc.actors if a.country == "JPN"]
    assert len(japans) == 1 and len(japans[0].mentions) == 3
    linked = {e.text: e.actor for e in doc.entities if e.label == "GPE"}
    assert linked["Japan"] == japans[0].id
    assert [a.id for a in doc.actors] == [f"A{i}" for i in range(1, len(doc.actors) + 1)]


def test_actor_at_finds_covering_and_covered_mentions(run: Run) -> None:
    doc = run("Japanese lawmaker Hiroshige Seko praised the plan.")
    seko = named(doc, "Hiroshige Seko")
    start = doc.text.index("Seko")
    assert actor_at(doc, start, start + 4) == seko  # covered by the mention
    assert actor_at(doc, 0, len(doc.text)) == seko  # covering it
    assert actor_at(doc, doc.text.index("plan"), doc.text.index("plan") + 4) is None


def test_user_knowledge_base_file_is_used(nlp: Any, tmp_path: Any) -> None:
    kb_file = tmp_path / "mine.json"
    kb_file.write_text('{"schema_version": 1, "organizations": [{"id": "org:zeta", "name": "Zeta Collective",'
                       ' "aliases": ["Zeta"], "country": "GUY", "sector": "REB"}]}')
    ctx = Context(Config(kb=(str(kb_file),)))
    ctx.resources.derived("nlp", lambda: nlp)
    text = "Zeta attacked a police post on Sunday."
    doc = Document(id="t", source="test", raw_text=text, text=text)
    for stage in (ParseStage(), EntitiesStage(), ActorsStage()):
        doc = stage(doc, ctx)
    zeta = at(doc, "Zeta")
    assert zeta is not None and (zeta.kb_id, zeta.country, zeta.sector) == ("org:zeta", "GUY", "REB")


def test_stage_declares_its_place_in_the_pipeline() -> None:
    from communique.stages import default_stages

    names = [s.name for s in default_stages()]
    assert names.index("entities") < names.index("reference_date") < names.index("actors")
    assert {"entities", "reference_date"} <= ActorsStage.needs and ActorsStage.adds == frozenset({"actors", "entities"})


@pytest.mark.parametrize(
    ("text", "span", "country", "sector"),
    [
        ("Israeli army bulldozers demolished the buildings.", "army", "ISR", "MIL"),
        ("Bosnian Serbs said their forces had withdrawn.", "Bosnian Serbs", "BIH", "CVL"),
        ("Thousands of Algerians marched in the capital.", "Algerians", "DZA", "CVL"),
        ("Ethnic Albanian guerrillas attacked a police post in North Macedonia.", "guerrillas", "MKD", "REB"),
        ("Soldiers destroyed Palestinian homes on Sunday.", "Palestinian", "PSE", "CVL"),
        ("Turkey will let up to 13,000 Turkish refugees return.", "refugees", "TUR", "REF"),
        ("The rebel group attacked a convoy in Sudan.", "rebel group", "SDN", "REB"),
    ],
)
def test_group_actors_from_common_nouns(run: Run, text: str, span: str, country: str, sector: str) -> None:
    actor = at(run(text), span)
    assert actor is not None and (actor.country, actor.sector) == (country, sector)
    assert actor.type == "group"


def test_numbers_stay_out_of_group_names(run: Run) -> None:
    actor = at(run("Turkey will let up to 13,000 Turkish refugees return."), "refugees")
    assert actor is not None and "13,000" not in actor.mentions[0].text


def test_unknown_organisation_gets_sector_from_its_name_and_country_from_context(run: Run) -> None:
    doc = run("In Algeria, the Islamic Salvation Front rejected the offer.")
    front = named(doc, "Islamic Salvation Front")
    assert (front.type, front.country, front.sector) == ("organization", "DZA", "REB")


def test_titled_unknown_person_takes_country_of_of_phrase(run: Run) -> None:
    doc = run("Mr Rivera, a senior judge of Chile, opened the inquiry.")
    judge = at(doc, "Rivera")
    assert judge is not None and (judge.country, judge.sector) == ("CHL", "JUD")


def test_known_leader_by_surname_and_name_order(run: Run) -> None:
    doc = run("Xi Jinping met Biden in Bali. Xi said the talks were candid.", "2022-11-14")
    xi, biden = at(doc, "Xi Jinping"), at(doc, "Biden")
    assert xi is not None and xi.kb_id == "person:xi-jinping" and at(doc, "Xi", 1) == xi
    assert biden is not None and biden.kb_id == "person:joe-biden"
    assert (biden.country, biden.title) == ("USA", "President")


def test_office_holder_out_of_office_is_former(run: Run) -> None:
    doc = run("Angela Merkel spoke in Berlin.", "2023-05-01")
    merkel = named(doc, "Angela Merkel")
    assert merkel.former and merkel.title == "former Chancellor" and merkel.country == "DEU"


def test_seed_article_actors(seed_record: Any) -> None:
    doc = seed_record
    by_name = {a.name: a for a in doc.actors}
    tsai, seko, abe = by_name["Tsai Ing-wen"], by_name["Hiroshige Seko"], by_name["Shinzo Abe"]
    assert (tsai.country, tsai.sector, tsai.title) == ("TWN", "GOV", "President")
    assert (seko.country, seko.sector) == ("JPN", "LEG")
    assert (abe.country, abe.former) == ("JPN", True) and abe.title == "former Prime Minister"
    states = {a.country for a in doc.actors if a.type == "state"}
    assert {"TWN", "JPN", "USA", "CHN", "IND", "AUS"} <= states
    japan = next(a for a in doc.actors if a.type == "state" and a.country == "JPN")
    tokyo = [m for m in japan.mentions if m.text == "Tokyo"]
    assert len(tokyo) == 2 and japan.sector == "GOV"
    texts = [m.text for m in seko.mentions]
    assert "Seko" in texts and "lawmaker" in texts
    tokyo_entities = [e for e in doc.entities if e.text == "Tokyo"]
    assert tokyo_entities and all(e.actor == japan.id for e in tokyo_entities)
    start = doc.text.index("the two sides")
    sides = resolve_group(doc, start, start + len("the two sides"))
    assert {a.country for a in sides} == {"TWN", "JPN"}


_WORDS = ["Japan", "said", "the", "US", "president", "Tokyo", "troops", "Israeli", "police", "he", "it",
          "and", "NATO", "former", "Prime", "Minister", "Abe", ",", ".", "Seko", "lawmaker", "Taiwan", "nation"]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=25))
def test_mentions_always_lie_inside_the_text_and_ids_are_unique(run: Run, words: list[str]) -> None:
    doc = run(" ".join(words), "2020-01-01")  # run() itself checks text[start:end] == mention text
    ids = [a.id for a in doc.actors]
    assert len(ids) == len(set(ids))
    for entity in doc.entities:
        assert entity.actor is None or entity.actor in ids


def test_pro_and_anti_compounds_give_no_country(run: Run) -> None:
    doc = run("Hong Kong voters chose pro-Beijing candidates on Sunday.")
    candidates = at(doc, "candidates")
    assert candidates is not None and candidates.country != "CHN"


def test_seat_of_government_in_a_place_phrase_is_still_an_actor(run: Run) -> None:
    doc = run("Reporters gathered at the White House, and the Kremlin denied the report.")
    white_house = at(doc, "White House")
    assert white_house is not None and white_house.country == "USA"
    kremlin = at(doc, "Kremlin")
    assert kremlin is not None and (kremlin.country, kremlin.sector) == ("RUS", "GOV")


def test_user_office_holders_file_in_tsv(nlp: Any, tmp_path: Any) -> None:
    tsv = tmp_path / "holders.tsv"
    tsv.write_text(
        "# communique-kb office_holders 1\n"
        "kb_id\tname\taliases\tcountry\trole\ttitle\tstart\tend\n"
        "person:ana-test\tAna Testa\t\tGUY\thead_of_state\tPresident\t2020-08\t\n"
    )
    ctx = Context(Config(kb=(str(tsv),)))
    ctx.resources.derived("nlp", lambda: nlp)
    text = "Guyana protested. The Guyanese president said the border was closed."
    doc = Document(id="t", source="test", raw_text=text, text=text, reference_date="2023-01-01")
    for stage in (ParseStage(), EntitiesStage(), ActorsStage()):
        doc = stage(doc, ctx)
    president = at(doc, "president")
    assert president is not None and president.kb_id == "person:ana-test" and president.name == "Ana Testa"


@pytest.mark.parametrize(
    ("published", "reference", "text", "expected"),
    [
        (None, "2021-03-04", "", "2021-03-04"),
        (None, "2019-05", "", "2019-05-01"),
        (None, "2019", "", "2019-01-01"),
        # The reference-date stage alone reads dates from the text, and never takes today.
        (None, None, "It was signed on 2 March 2020 and ratified on 28 December 2022.", None),
        ("2011-03-03", None, "Talks began on March 3, 2011.", None),
    ],
)
def test_roles_are_resolved_on_the_reference_date_alone(
    published: str | None, reference: str | None, text: str, expected: str | None
) -> None:
    doc = Document(id="t", source="test", raw_text=text, text=text, published=published, reference_date=reference)
    assert reference_date(doc) == expected


def test_without_a_reference_date_no_office_holder_is_guessed(run: Run) -> None:
    doc = run("The president of the United States spoke in Ohio.")
    president = at(doc, "president")
    assert president is None or president.kb_id is None


def test_a_title_the_kb_does_not_list_is_kept_and_not_made_former(run: Run) -> None:
    doc = run("U.S. military chief General Colin Powell said NATO must remain strong.", "2024-01-01")
    powell = named(doc, "Colin Powell")
    assert powell.kb_id == "person:colin-powell" and not powell.former
    assert powell.title is not None and "General" in powell.title and powell.sector == "MIL"


def test_unknown_organisation_ending_in_a_sector_phrase(run: Run) -> None:
    doc = run("Iran threatened Iraq on Tuesday, the IRNA news agency said.")
    agency = at(doc, "IRNA news agency")
    assert agency is not None and agency.sector == "MED"


@pytest.mark.parametrize(
    ("text", "date", "span", "kb_id"),
    [
        ("Japan's foreign minister arrived in Seoul on Monday.", "2022-06-01", "foreign minister",
         "person:yoshimasa-hayashi"),
        ("The UN secretary-general urged restraint.", "2010-05-01", "secretary-general", "person:ban-ki-moon"),
        ("The German chancellor spoke with reporters.", "2019-03-01", "chancellor", "person:angela-merkel"),
        ("Israel's defence minister visited the border.", "2023-06-01", "defence minister", "person:yoav-gallant"),
    ],
)
def test_role_nouns_resolve_to_the_office_holder_on_the_date(run: Run, text: str, date: str, span: str,
                                                             kb_id: str) -> None:
    holder = at(run(text, date), span)
    assert holder is not None and holder.kb_id == kb_id and holder.type == "person"


@pytest.mark.parametrize(
    "text",
    [
        "The delegation held talks. The delegation's leader, Kenyan senator Jane Wambui, praised the talks.",
        "The delegation held talks. Jane Wambui, a Kenyan senator and head of the delegation, was pleased.",
        "A delegation led by Kenyan senator Jane Wambui held talks with the minister on Monday.",
        "The delegation held talks with the minister. Later the Kenyan delegation left the capital.",
    ],
)
def test_group_without_country_takes_it_from_its_leader_or_another_mention(run: Run, text: str) -> None:
    doc = run(text, "2024-05-02")
    delegation = at(doc, "delegation")
    assert delegation is not None and delegation.type == "group"
    assert delegation.country == "KEN"


def test_group_keeps_no_country_when_the_text_links_no_one(run: Run) -> None:
    text = ("The committee met the delegation. Jane Wambui, a Kenyan senator, Ugandan officials and "
            "Tanzanian diplomats spoke to reporters.")
    doc = run(text, "2024-05-02")
    delegation = at(doc, "delegation")
    assert delegation is None or delegation.country is None


def test_a_currency_is_not_a_state(run: Run) -> None:
    doc = run("The minister was accused of taking US $5 million from Kenyan contractors.")
    assert all(a.country != "USA" for a in doc.actors)


def test_a_part_of_a_country_named_as_a_place_is_that_country(run: Run) -> None:
    doc = run("Rebels seized a village in Western Cambodia after heavy fighting.")
    actor = at(doc, "Western Cambodia")
    assert actor is not None and actor.country == "KHM"


def test_unknown_organisation_takes_the_one_country_of_its_sentence_actors(run: Run) -> None:
    text = "President Uhuru Kenyatta said he would lift the ban on the Mombasa Republican Council next month."
    council = at(run(text, "2016-05-01"), "Mombasa Republican Council")
    assert council is not None and council.country == "KEN"


def test_anti_country_words_do_not_count_as_the_sentence_state(run: Run) -> None:
    doc = run("A prominent anti-Syria journalist was killed in a bomb blast in Beirut.")
    journalist = at(doc, "journalist")
    assert journalist is not None and journalist.country == "LBN"


@pytest.mark.parametrize("word", ["Ousted", "Exiled", "Former"])
def test_former_and_ousted_officials_are_elites(run: Run, word: str) -> None:
    doc = run(f"{word} Guyanese president Tomas Grell returned to the capital.", "2024-05-02")
    grell = at(doc, "Tomas Grell")
    assert grell is not None and grell.former and (grell.country, grell.sector) == ("GUY", "ELI")


def test_an_administration_named_after_a_leader_is_that_leaders_country(run: Run) -> None:
    doc = run("Critics said the Obama administration had failed Iraq.", "2024-05-02")
    administration = at(doc, "administration")
    assert administration is not None and administration.country == "USA"
    obama = at(doc, "Obama")
    assert obama is not None and obama.kb_id is not None and obama.country == "USA"


@pytest.mark.parametrize(
    ("text", "name", "country", "title"),
    [
        ("A spokesman for the Kenyan foreign ministry, John Otieno, said talks would resume.", "John Otieno", "KEN",
         "spokesman"),
        ("A member of the Syrian parliament, Sami Haddad, began a hunger strike.", "Sami Haddad", "SYR", None),
    ],
)
def test_name_in_apposition_to_a_role_with_a_complement(run: Run, text: str, name: str, country: str,
                                                        title: str | None) -> None:
    person = named(run(text, "2024-05-02"), name)
    assert (person.country, person.title) == (country, title)


def test_organisation_name_with_a_complement_is_one_actor_of_the_state_it_names(run: Run) -> None:
    text = "The president agreed to demands from the National Front for the Liberation of Guyana on Monday."
    doc = run(text, "2024-05-02")
    front = at(doc, "National Front for the Liberation of Guyana")
    assert front is not None and front.type == "organization" and front.country == "GUY"
