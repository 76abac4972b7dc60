"""Roles read from the text: titles, appositions and modifiers that give an actor country and sector.

"Japanese lawmaker Hiroshige Seko" → JPN, LEG, title "lawmaker";
"Tsai Ing-wen, the President of Taiwan" → TWN, GOV, title "President";
"former Prime Minister Abe" → title "former Prime Minister", former;
"Israeli troops" → ISR, MIL. Everything here works on spaCy tokens of the
parse stage and the knowledge base; nothing is specific to one document.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from communique.kb import KnowledgeBase, TitleTerm

# Longest title or sector phrase we look for ("minister of national defense" = 4 words).
MAX_TERM_WORDS = 4
# Longest appositive chunk read after a name ("X, the deputy foreign minister of Y, said"),
# in tokens; longer chunks are clauses, not titles. Set by reading news appositions.
MAX_APPOSITION_TOKENS = 10

FORMER_WORDS = frozenset(
    {"former", "ex", "ex-", "late", "erstwhile", "then-former", "ousted", "deposed", "exiled", "toppled", "overthrown"}
)
# Words that may sit inside a title without being a sector word themselves.
TITLE_FILLERS = frozenset(
    {
        "senior",
        "top",
        "deputy",
        "vice",
        "acting",
        "chief",
        "junior",
        "high-ranking",
        "ranking",
        "foreign",
        "defense",
        "defence",
        "prime",
        "interior",
        "finance",
        "state",
        "of",
        "for",
        "national",
        "security",
        "affairs",
        "external",
        "home",
        "general",
        "secretary",
        "federal",
        "then",
        "outgoing",
        "incoming",
        "newly",
        "elected",
        "new",
        "veteran",
        "local",
        "regional",
        "ruling",
        "-",
        "lieutenant",
        "lt.",
        "gen.",
        "maj.",
        "col.",
        "brig.",
        "adm.",
    }
)
# Adjectives that decide the sector of the noun they modify ("civilian advisers", "military police").
SECTOR_ADJECTIVES = frozenset({"civilian", "military"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss", "case", "punct", "npadvmod", "advmod", "nummod"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "agent"})
LOCATIVE_PREPS = frozenset(
    {
        "in",
        "at",
        "to",
        "from",
        "near",
        "into",
        "outside",
        "inside",
        "across",
        "around",
        "via",
        "toward",
        "towards",
        "through",
        "within",
        "throughout",
        "over",
        "off",
        "between",
    }
)


@dataclass
class Role:
    """What a stretch of text says about an actor."""

    title: str | None = None
    country: str | None = None
    sector: str | None = None
    former: bool = False
    term: str | None = None  # the sector/title phrase found, lowercase
    title_term: TitleTerm | None = None
    tokens: tuple[int, ...] = ()  # token indices read (consumed by the actor)

    def merge(self, other: Role) -> Role:
        return Role(
            title=self.title or other.title,
            country=self.country or other.country,
            sector=self.sector or other.sector,
            former=self.former or other.former,
            term=self.term or other.term,
            title_term=self.title_term or other.title_term,
            tokens=tuple(sorted(set(self.tokens) | set(other.tokens))),
        )


def term_at(kb: KnowledgeBase, tokens: Sequence[Any], end: int) -> tuple[int, str] | None:
    """The longest sector or title phrase ending at ``tokens[end]``: ``(start, phrase)``.

    For many look-ups over one parsed document use :class:`TermFinder`, which answers the same.
    """
    if end < 0:
        return None
    first = max(0, end - MAX_TERM_WORDS + 1)
    window = [tokens[i] for i in range(first, end + 1)]
    found = _term_ending(kb, [t.lower_ for t in window], end - first, window[-1].lemma_.lower())
    return None if found is None else (found[0] + first, found[1])


class TermFinder:
    """:func:`term_at` over one parsed document, cheaply: each token's lowercase form and lemma
    are read once (no spaCy slicing per look-up) and every answer is remembered by token index."""

    def __init__(self, kb: KnowledgeBase, tokens: Sequence[Any]) -> None:
        self.kb = kb
        self._lower = [t.lower_ for t in tokens]
        self._lemma = [t.lemma_.lower() for t in tokens]
        self._found: dict[int, tuple[int, str] | None] = {}

    def __call__(self, end: int) -> tuple[int, str] | None:
        """The longest sector or title phrase ending at token ``end``: ``(start, phrase)``."""
        if end in self._found:
            return self._found[end]
        found = _term_ending(self.kb, self._lower, end, self._lemma[end]) if end >= 0 else None
        self._found[end] = found
        return found


def _term_ending(kb: KnowledgeBase, lower: Sequence[str], end: int, lemma: str) -> tuple[int, str] | None:
    """The longest phrase of ``lower`` ending at ``end`` (its last word as written or as ``lemma``)
    that the knowledge base knows as a sector or title term: ``(start, phrase)``."""
    for n in range(min(MAX_TERM_WORDS, end + 1), 0, -1):
        words = lower[end - n + 1 : end + 1]
        for last in dict.fromkeys((words[-1], lemma)):  # as written first; a set's order would vary by run
            phrase = " ".join([*words[:-1], last]).replace(" - ", "-")
            if kb.sector_of(phrase) or kb.title_term(phrase):
                return end - n + 1, phrase
    return None


def sector_for(kb: KnowledgeBase, phrase: str) -> str | None:
    term = kb.sector_of(phrase)
    if term:
        return term.sector
    if kb.title_term(phrase):
        return "GOV"
    return None


def country_of_token(kb: KnowledgeBase, token: Any) -> str | None:
    """The state a single token names or qualifies ("Japanese", "US", "Japan's")."""
    text = token.text
    if token.lower_ in ("'s", "’s"):
        return None
    return kb.demonym(text) or kb.code_of(text)


def country_in(kb: KnowledgeBase, tokens: Sequence[Any]) -> str | None:
    """The first state named in ``tokens``, trying two- and three-word names first."""
    n = len(tokens)
    for i in range(n):
        if stance_prefix(tokens[i]):
            continue  # "pro-Beijing candidates" are not China's
        for width in (4, 3, 2):
            if i + width <= n:
                text = " ".join(t.text for t in tokens[i : i + width])
                code = kb.code_of(text)
                if code:
                    return code
        code = country_of_token(kb, tokens[i])
        if code:
            return code
    return None


def stance_prefix(token: Any) -> bool:
    """Is the token the country of a "pro-X" / "anti-X" compound?"""
    doc = token.doc
    i = token.i
    return i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in ("pro", "anti", "non")


def read_role(kb: KnowledgeBase, tokens: Sequence[Any]) -> Role:
    """Title, country, sector and 'former' from a short run of tokens (modifiers or an apposition)."""
    role = Role(tokens=tuple(t.i for t in tokens))
    best: tuple[int, int, str] | None = None
    for end in range(len(tokens)):
        found = term_at(kb, tokens, end)
        # The title's head is its last word: "State Department spokesman" is a spokesman.
        if found and (best is None or end > best[1] or end - found[0] >= best[1] - best[0]):
            best = (found[0], end, found[1])
    if best is not None:
        start, end, phrase = best
        # A title reads from the first title word ("former", "Deputy") to the term's last word.
        first = start
        while first > 0 and (tokens[first - 1].lower_ in TITLE_FILLERS or tokens[first - 1].lower_ in FORMER_WORDS):
            first -= 1
        words = [t.text for t in tokens[first : end + 1]]
        role.title = " ".join(words).replace(" - ", "-")
        role.term = phrase
        role.sector = sector_for(kb, phrase)
        role.title_term = kb.title_term(phrase)
        # A modifier that is itself a sector word decides ("police officer" → COP, "army general" → MIL).
        for t in tokens[:start]:
            sector = sector_for(kb, t.lemma_.lower()) or sector_for(kb, t.lower_)
            adjective = t.dep_ == "amod" and t.lower_ in SECTOR_ADJECTIVES
            if sector and (t.dep_ == "compound" or adjective) and t.lower_ not in TITLE_FILLERS and sector != "GOV":
                role.sector = sector
    role.former = any(t.lower_ in FORMER_WORDS for t in tokens)
    # "Afghan Ambassador to the United States": the country before "to" is the actor's.
    cut = next((i for i, t in enumerate(tokens) if t.lower_ == "to"), len(tokens))
    role.country = country_in(kb, [t for t in tokens[:cut] if t.lower_ != "of"])
    return role


def left_modifiers(span: Any) -> list[Any]:
    """Tokens just before a name that modify it ("former Prime Minister", "Japanese lawmaker")."""
    doc = span.doc
    sent_start = span.sent.start
    out: list[Any] = []
    i = span.start - 1
    while i >= sent_start:
        tok = doc[i]
        attached = span.start <= tok.head.i < span.end or (out and tok.head.i in {o.i for o in out})
        titled = tok.lower_ in TITLE_FILLERS or tok.lower_ in FORMER_WORDS
        if tok.dep_ == "det" or (tok.is_punct and tok.text not in ("-", "'s")):
            break
        if tok.dep_ == "case" and i > sent_start and doc[i - 1].dep_ == "poss":
            # "Lebanon's new President X": take the possessive marker, its owner comes next
            out.insert(0, tok)
            i -= 1
            continue
        if not (attached and tok.dep_ in MODIFIER_DEPS) and not titled and not (tok.is_title and attached):
            break
        out.insert(0, tok)
        i -= 1
    return out


def apposition(span: Any) -> list[Any]:
    """The appositive chunk after a name: ", the President of Taiwan," (without the commas)."""
    doc = span.doc
    end = span.sent.end
    i = span.end
    if i >= end or doc[i].text != ",":
        return []
    chunk: list[Any] = []
    j = i + 1
    while j < end and len(chunk) <= MAX_APPOSITION_TOKENS:
        tok = doc[j]
        if (
            tok.text in (",", ";", ":", "(", ")")
            or tok.pos_ in ("VERB", "AUX")
            or tok.lower_ in ("who", "which", "that")
        ):
            break
        chunk.append(tok)
        j += 1
    if not chunk or len(chunk) > MAX_APPOSITION_TOKENS:
        return []
    if chunk[0].pos_ not in ("DET", "PROPN", "ADJ", "NOUN", "PRON") and chunk[0].lower_ not in FORMER_WORDS:
        return []
    return chunk


def head_apposition(span: Any) -> list[Any]:
    """When the name is itself the apposition ("The delegation's leader, X"), the head's phrase."""
    root = span.root
    if root.dep_ != "appos" or root.head.i >= span.start:
        return []
    head = root.head
    # "A member of the Syrian parliament, X": the head's own complements before the name count too
    return [t for t in head.subtree if t.i <= head.i or (t.i < span.start and not t.is_punct)]


def noun_phrase_modifiers(token: Any) -> list[Any]:
    """Left modifiers of a common noun ("senior Guyanese police" for "officer"), conjuncts included."""
    out = []
    for child in token.lefts:
        if child.dep_ in ("det", "predet") and child.lower_ not in ("the", "a", "an"):
            continue
        if child.dep_ in ("nummod", "quantmod", "advmod") or child.pos_ == "NUM":
            continue  # "up to 13,000 refugees": a count, not part of the actor's name
        if child.dep_ in MODIFIER_DEPS | {"det"}:
            out.extend(child.subtree)
    return sorted({t.i: t for t in out if t.i < token.i}.values(), key=lambda t: t.i)


def of_country(kb: KnowledgeBase, token: Any) -> str | None:
    """The state in "X of Japan" / "X in Japan" / "X from Japan" attached to ``token``."""
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "in", "from", "for"):
            objs = [c for c in child.children if c.dep_ == "pobj"]
            for obj in objs:
                code = country_in(kb, list(obj.subtree))
                if code:
                    return code
    return None


def is_subject(token: Any) -> bool:
    if token.dep_ in SUBJECT_DEPS:
        return True
    if token.dep_ == "conj":
        return is_subject(token.head)
    return token.dep_ == "pobj" and token.head.dep_ == "agent"


def is_locative(token: Any) -> bool:
    """A place name used as a place ("in Tokyo"), not as its government ("Tokyo said")."""
    t = _through_conjuncts(token)
    if t.dep_ == "pobj" and t.head.lower_ in LOCATIVE_PREPS:
        return True
    return t.dep_ in ("compound", "npadvmod") and t.head.pos_ in ("NOUN", "PROPN")


# Prepositions before a place where something happens or arrives: "in Amman", "into Abidjan", "to Bosnia".
PLACE_PREPS = frozenset({"in", "at", "to", "into", "near", "outside", "inside", "on", "across", "throughout", "within"})


def is_place_object(token: Any) -> bool:
    """A name that is the object of a place preposition ("arrived in Amman", "shelled targets near Juba")
    or of a verb ("shelled Jericho", "annexed Crimea"), through conjuncts and appositions ("in the
    capital, Kabul")."""
    t = _through_conjuncts(token)
    return (t.dep_ == "pobj" and t.head.lower_ in PLACE_PREPS) or (t.dep_ == "dobj" and t.head.pos_ == "VERB")


def _through_conjuncts(token: Any) -> Any:
    """The token a conjunct or apposition stands in for: "Kabul" in "in the capital, Kabul" → "capital"."""
    while token.dep_ in ("conj", "appos") and token.head.i != token.i:
        token = token.head
    return token


def is_currency(span: Any) -> bool:
    """A country's short form naming its currency: "US $50 million", "US$3 billion", "US dollars"."""
    doc = span.doc
    if span.end >= len(doc):
        return False
    nxt = doc[span.end]
    return nxt.text.startswith("$") or nxt.lower_ in ("dollar", "dollars", "cents")
