"""Finding actor names in a parsed document: the knowledge base's names plus spaCy's entities.

The knowledge base is searched with one case-sensitive pattern of all its
names, so a country or organisation the statistical NER missed is still found;
NER entities add the people and organisations the knowledge base does not
know. Where the two disagree, a person found by NER wins over a place name
inside it ("Jordan Peterson"), and a name found inside a longer entity that the
knowledge base does not know ("the Taiwan Strait") is not an actor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from communique.kb import Hit, KnowledgeBase
from communique.record import Document

# Heads that make an unknown NER ``ORG`` a plausible actor; other ``ORG`` spans of a
# small model are often documents or regions ("National Security Strategy").
ORG_HEADS = frozenset(
    [
        "ministry",
        "council",
        "party",
        "front",
        "army",
        "union",
        "association",
        "agency",
        "committee",
        "commission",
        "court",
        "bank",
        "company",
        "corporation",
        "corp",
        "inc",
        "ltd",
        "group",
        "movement",
        "organization",
        "organisation",
        "forces",
        "force",
        "police",
        "government",
        "parliament",
        "assembly",
        "office",
        "department",
        "institute",
        "university",
        "league",
        "alliance",
        "federation",
        "coalition",
        "brigade",
        "brigades",
        "network",
        "foundation",
        "society",
        "service",
        "services",
        "authority",
        "board",
        "bureau",
        "tribunal",
        "congress",
        "senate",
        "administration",
        "cabinet",
        "guard",
        "guards",
        "militia",
        "navy",
        "brigades",
        "fund",
        "center",
        "centre",
        "ngo",
        "trust",
        "press",
        "times",
        "post",
        "news",
        "agency",
        "television",
        "radio",
        "tv",
        "cooperation",
        "community",
    ]
)
HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "sir", "dame", "madam", "mme", "m"})
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
_ACRONYM = re.compile(r"^[A-Z][A-Z.&-]{1,7}$")


@dataclass
class NameMatch:
    kind: str  # person | country | metonym | organization | demonym | unknown_org
    span: Any  # spaCy Span
    hit: Hit | None
    start: int
    end: int
    text: str
    country: str | None = None
    definite: bool = False  # preceded by "the" ("the Kremlin")


def name_pattern(kb: KnowledgeBase) -> re.Pattern[str]:
    """One alternation of every knowledge-base name, longest first (cached on the KB object)."""
    cached = getattr(kb, "_name_pattern", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return,unused-ignore]
    names = sorted((n for n in kb.names if len(n) > 1), key=len, reverse=True)
    pattern = re.compile(r"(?<![\w.\-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w\-]|\.\w)")
    kb._name_pattern = pattern  # type: ignore[attr-defined]
    return pattern


def find_names(kb: KnowledgeBase, doc: Document) -> list[NameMatch]:
    sp = doc.parsed
    text = doc.text
    ents = [e for e in sp.ents if e.label_ in ACTOR_LABELS]
    out: list[NameMatch] = []
    taken = bytearray(len(text) + 1)  # 1 where a name already found covers the character

    def overlaps(start: int, end: int) -> bool:
        return 1 in taken[start:end]

    def take(start: int, end: int) -> None:
        taken[start:end] = b"\x01" * (end - start)

    # 1. spaCy entities the knowledge base knows, or people and organisations it does not.
    for ent in ents:
        match = _from_entity(kb, ent, text)
        if match is not None:
            out.append(match)
            take(ent.start_char, ent.end_char)
    # 2. knowledge-base names spaCy missed, unless inside an entity of its own.
    for m in name_pattern(kb).finditer(text):
        start, end = m.start(), m.end()
        if overlaps(start, end) or _inside_other_entity(ents, start, end):
            continue
        span = sp.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        hits = kb.lookup(m.group())
        if not hits:
            continue
        out.append(_match(span, hits[0], start, end, text))
        take(start, end)
    # 3. demonyms standing as nouns ("Palestinians") that NER did not tag.
    for token in sp:
        if token.tag_ in ("NNPS", "NNS", "NNP") and not overlaps(token.idx, token.idx + len(token.text)):
            code = kb.demonym(token.text)
            if code and token.text[:1].isupper():
                span = sp[token.i : token.i + 1]
                out.append(
                    NameMatch("demonym", span, None, token.idx, token.idx + len(token.text), token.text, country=code)
                )
    return sorted(out, key=lambda n: n.start)


def _from_entity(kb: KnowledgeBase, ent: Any, doc_text: str) -> NameMatch | None:
    span = _strip_possessive(ent)
    if span is None:
        return None
    text = span.text
    hits = kb.lookup(text)
    start, end = span.start_char, span.end_char
    if ent.label_ == "PERSON":
        demonym = kb.demonym(span[-1].text) or kb.demonym(span[0].text)
        if demonym and not hits and span[-1].text[:1].isupper():  # "Bosnian Serbs" tagged as a person
            return NameMatch("demonym", span, None, start, end, text, country=kb.demonym(span[-1].text) or demonym)
        person_hit = next((h for h in hits if h.kind == "person"), None)
        if hits and person_hit is None:
            return _match(span, hits[0], start, end, doc_text)  # "Jordan", "Hamas" tagged as a person
        return NameMatch("person", span, person_hit, start, end, text)
    if hits:
        return _match(span, hits[0], start, end, doc_text)
    if _looks_like_person(kb, span):  # "Mr Rivera, a senior judge" tagged as a place
        return NameMatch("person", span, None, start, end, text)
    if ent.label_ == "NORP":
        code = kb.demonym(text)
        if code:
            return NameMatch("demonym", span, None, start, end, text, country=code)
        return None
    if ent.label_ == "ORG" and _org_like(span):
        return NameMatch("unknown_org", span, None, start, end, text)
    return None


def _looks_like_person(kb: KnowledgeBase, span: Any) -> bool:
    """An honorific before the name, or an apposition that is a person's role ("X, a senior judge")."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].lower_.rstrip(".") in HONORIFICS:
        return True
    for child in span.root.children:
        if child.dep_ == "appos" and child.i > span.end and child.tag_ == "NN":
            term = kb.sector_of(child.lemma_.lower())
            if (term is not None and not term.group) or kb.title_term(child.lemma_.lower()):
                return True
    return False


def _match(span: Any, hit: Hit, start: int, end: int, text: str) -> NameMatch:
    kind = hit.kind
    definite = text[max(0, start - 4) : start].lower() == "the "
    return NameMatch(kind, span, hit, start, end, text[start:end], country=hit.country, definite=definite)


def actor_name(text: str) -> str:
    """A name as written (``span.text``) as an actor's name: one space between words, no leading
    article, no possessive "'s"."""
    text = " ".join(text.split())
    for prefix in ("the ", "The ", "a ", "A ", "an ", "An "):
        if text.startswith(prefix):
            text = text[len(prefix) :]
    return re.sub(r"['’]s$", "", text)


def _strip_possessive(ent: Any) -> Any:
    tokens = list(ent)
    while tokens and (tokens[-1].lower_ in ("'s", "’s", "'") or tokens[-1].is_punct):
        tokens.pop()
    while tokens and (tokens[0].lower_ == "the" or tokens[0].is_punct):
        tokens.pop(0)
    if not tokens:
        return None
    return ent.doc[tokens[0].i : tokens[-1].i + 1]


def _inside_other_entity(ents: list[Any], start: int, end: int) -> bool:
    for ent in ents:
        if ent.start_char <= start and end <= ent.end_char and (ent.start_char, ent.end_char) != (start, end):
            if ent.label_ in ("LOC", "FAC", "PERSON"):
                return True
            # An ORG the KB does not know that contains a country name is that country's organisation.
            if ent.label_ == "ORG" and _org_like(ent):
                return True
    return False


def _org_like(span: Any) -> bool:
    if len(span) == 1 and _ACRONYM.match(span.text):
        return True
    if span.root.lemma_.lower() in ORG_HEADS or span[-1].lower_ in ORG_HEADS:
        return True
    # "National Union for the Total Independence of Angola": the word before the first preposition
    # heads the name, whatever the parser made its root
    words = [t for t in span if t.lower_ != "the"]
    cut = next((i for i, t in enumerate(words) if t.lower_ in ("of", "for") and i > 0), None)
    return cut is not None and words[cut - 1].lemma_.lower() in ORG_HEADS
