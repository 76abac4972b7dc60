"""The knowledge base: countries, organisations, office holders and sector words, indexed.

Countries come from pycountry, completed by our own table of short forms,
demonyms and metonyms (``data/countries.tsv``); everything else is written by
us. Lookups are case-sensitive ("US" is a country, "us" is not) after a
leading "the " is dropped.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Literal

NON_STATE_CODES = frozenset({"IGO", "UNO", "EUR", "NGO"})
# Countries whose names are written family name first in English news ("Xi Jinping", "Moon Jae-in").
FAMILY_NAME_FIRST = frozenset({"CHN", "TWN", "HKG", "MAC", "KOR", "PRK"})
Kind = Literal["country", "metonym", "organization", "person", "region"]


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    metonyms: tuple[tuple[str, str | None], ...] = ()  # (name, sector or None = GOV)


@dataclass(frozen=True)
class Organization:
    id: str
    name: str
    country: str
    sector: str | None
    aliases: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Office:
    role: str
    title: str
    country: str
    start: str  # YYYY-MM-DD (a month or year is widened to its first day)
    end: str | None  # YYYY-MM-DD (widened to the last day), None = still in office

    def held_on(self, date: str | None) -> bool:
        """Whether the office was held on ``date``; with no date, no office is known to be held."""
        return date is not None and self.start <= date and (self.end is None or date <= self.end)


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    offices: tuple[Office, ...] = ()
    country: str | None = None
    sector: str | None = None

    @property
    def surname(self) -> str:
        parts = self.name.split()
        if len(parts) > 1 and self.country in FAMILY_NAME_FIRST:
            return parts[0]  # "Xi Jinping" is "Xi"
        return parts[-1]


@dataclass(frozen=True)
class Hit:
    """One thing a name may refer to."""

    kind: Kind
    id: str  # country code, organisation id, person id or region name
    country: str | None
    sector: str | None


@dataclass(frozen=True)
class SectorTerm:
    term: str
    sector: str
    group: bool


@dataclass(frozen=True)
class TitleTerm:
    term: str
    roles: tuple[str, ...]
    title_contains: tuple[str, ...] = ()


@dataclass
class KnowledgeBase:
    countries: dict[str, Country] = field(default_factory=dict)
    organizations: dict[str, Organization] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    sectors: dict[str, SectorTerm] = field(default_factory=dict)
    titles: dict[str, TitleTerm] = field(default_factory=dict)
    names: dict[str, list[Hit]] = field(default_factory=lambda: defaultdict(list))
    demonyms: dict[str, str] = field(default_factory=dict)
    surnames: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    regions: dict[str, str] = field(default_factory=dict)  # region name -> ISO3 of its state

    # -- lookups -----------------------------------------------------------------
    def lookup(self, text: str) -> list[Hit]:
        """Everything ``text`` may name, best first (exact, case-sensitive)."""
        return list(self.names.get(normalize(text), ()))

    def demonym(self, word: str) -> str | None:
        """ISO3 code of a demonym or adjective ("Japanese" → JPN), singular or plural."""
        return self.demonyms.get(word) or self.demonyms.get(word.strip())

    def country_code(self, text: str) -> str | None:
        """The state a name, short form or demonym stands for."""
        for hit in self.lookup(text):
            if hit.kind in ("country", "metonym"):
                return hit.country
        return self.demonym(text)

    def code_of(self, text: str) -> str | None:
        """Country or non-state code of a modifier: a state, demonym, organisation ("UN" → UNO) or a
        region, which stands for its state ("Darfur rebels" → SDN)."""
        code = self.country_code(text)
        if code:
            return code
        for hit in self.lookup(text):
            if hit.kind in ("organization", "region"):
                return hit.country
        return None

    def region_country(self, text: str) -> str | None:
        """The state of a region, province or disputed territory ("Northern Ireland" → GBR)."""
        for hit in self.lookup(text):
            if hit.kind == "region":
                return hit.country
        return None

    def country_name(self, code: str) -> str:
        country = self.countries.get(code)
        return country.name if country else code

    def sector_of(self, term: str) -> SectorTerm | None:
        return self.sectors.get(term.lower())

    def title_term(self, term: str) -> TitleTerm | None:
        return self.titles.get(term.lower())

    def holders(self, country: str, term: TitleTerm, date: str | None) -> list[tuple[Person, Office]]:
        """People holding an office named by ``term`` in ``country`` on ``date``."""
        out = []
        for person in self.people.values():
            for office in person.offices:
                if office.country == country and _fits(office, term) and office.held_on(date):
                    out.append((person, office))
        return out

    def by_surname(self, surname: str) -> list[Person]:
        return [self.people[pid] for pid in self.surnames.get(surname, ())]

    # -- building --------------------------------------------------------------------
    def add_sections(self, sections: dict[str, list[dict[str, Any]]]) -> None:
        for row in sections.get("countries", []):
            self.add_country(row)
        for row in sections.get("regions", []):
            self.add_region(row)
        for row in sections.get("organizations", []):
            self.add_organization(row)
        for row in sections.get("people", []):
            self.add_person(row)
        for row in sections.get("sectors", []):
            term = str(row["term"]).lower()
            self.sectors[term] = SectorTerm(term, str(row["sector"]), bool(row.get("group", False)))
        for row in sections.get("titles", []):
            term = str(row["term"]).lower()
            contains = tuple(str(t).lower() for t in row.get("title_contains", ()))
            self.titles[term] = TitleTerm(term, tuple(row["roles"]), contains)

    def add_country(self, row: dict[str, Any]) -> None:
        code = row["code"]
        old = self.countries.get(code)
        metonyms = row.get("metonyms") or {}
        country = Country(
            code=code,
            name=row["name"],
            aliases=tuple(row.get("aliases", ())) + (old.aliases if old else ()),
            demonyms=tuple(row.get("demonyms", ())) + (old.demonyms if old else ()),
            metonyms=tuple(metonyms.items()) + (old.metonyms if old else ()),
        )
        self.countries[code] = country
        for name in (country.name, *country.aliases):
            self._index(name, Hit("country", code, code, None), front=True)
        for name, sector in country.metonyms:
            self._index(name, Hit("metonym", code, code, sector or "GOV"), front=True)
        for demonym in country.demonyms:
            self.demonyms.setdefault(demonym, code)
            plural = _plural(demonym)
            if plural:
                self.demonyms.setdefault(plural, code)

    def add_region(self, row: dict[str, Any]) -> None:
        code = str(row["country"])
        name = str(row["name"])
        for label in (name, *row.get("aliases", ())):
            self.regions[normalize(label)] = code
            self._index(label, Hit("region", normalize(name), code, None))
        for demonym in row.get("demonyms", ()):
            self.demonyms.setdefault(demonym, code)
            plural = _plural(demonym)
            if plural:
                self.demonyms.setdefault(plural, code)

    def add_organization(self, row: dict[str, Any]) -> None:
        org = Organization(
            id=row["id"],
            name=row["name"],
            country=row["country"],
            sector=row.get("sector"),
            aliases=tuple(row.get("aliases", ())),
            metonyms=tuple(row.get("metonyms", ())),
        )
        self.organizations[org.id] = org
        hit = Hit("organization", org.id, org.country, org.sector)
        for name in (org.name, *org.aliases):
            self._index(name, hit, front=True)
        for name in org.metonyms:
            self._index(name, Hit("metonym", org.id, org.country, org.sector), front=True)

    def add_person(self, row: dict[str, Any]) -> None:
        offices = tuple(
            Office(
                role=o["role"],
                title=o["title"],
                country=o["country"],
                start=widen(o["start"], last=False),
                end=widen(o["end"], last=True) if o.get("end") else None,
            )
            for o in row.get("offices", ())
        )
        old = self.people.get(row["id"])
        if old is not None:
            offices = old.offices + offices
        country = row.get("country") or (max(offices, key=lambda o: o.start).country if offices else None)
        person = Person(
            id=row["id"],
            name=row["name"],
            aliases=tuple(row.get("aliases", ())),
            offices=offices,
            country=country,
            sector=row.get("sector") or ("GOV" if offices else None),
        )
        self.people[person.id] = person
        hit = Hit("person", person.id, person.country, person.sector)
        for name in (person.name, *(a for a in person.aliases if " " in a)):
            self._index(name, hit, front=True)
        if person.id not in self.surnames[person.surname]:
            self.surnames[person.surname].append(person.id)
        for alias in person.aliases:
            if " " not in alias and person.id not in self.surnames[alias]:
                self.surnames[alias].append(person.id)

    def _index(self, name: str, hit: Hit, front: bool = False) -> None:
        key = normalize(name)
        if not key:
            return
        hits = self.names[key]
        if hit in hits:
            return
        hits.insert(0, hit) if front else hits.append(hit)


def normalize(text: str) -> str:
    text = " ".join(text.replace("\u2019", "'").split())
    if text.startswith(("the ", "The ")):
        text = text[4:]
    return text


def widen(value: str, last: bool) -> str:
    """A YYYY or YYYY-MM date widened to its first (or last) day."""
    if len(value) == 4:
        return value + ("-12-31" if last else "-01-01")
    if len(value) == 7:
        return value + ("-31" if last else "-01")
    return value


def _plural(demonym: str) -> str | None:
    if demonym.endswith(("ese", "sh", "ch", "s", "x", "z", ".")) or " " in demonym:
        return None
    return demonym + "s"


def _fits(office: Office, term: TitleTerm) -> bool:
    if office.role not in term.roles:
        return False
    title = office.title.lower()
    return not term.title_contains or any(t in title for t in term.title_contains)
