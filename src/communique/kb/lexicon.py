"""The event lexicon: CAMEO codes, their PLOVER columns, and the predicate patterns that trigger them.

Three data files in ``communique/kb/data/cameo`` (loaded with :mod:`importlib.resources`):

* ``codes.json`` — every CAMEO code with its name, Goldstein weight, GDELT QuadClass
  and its PLOVER type/mode/context (from the CAMEO→PLOVER 2021 table);
* ``verbs.json`` — our verb and noun patterns (syntax in the file's ``about``),
  the frame verbs whose code depends on their complement (agree to X, urge to X,
  refuse to X, threaten to X), intention verbs and nouns, and context/mode hints.

The verbs that make their complement's event *reported* ("X said that ...") are not here: they
are the ``events`` entries of the one reporting-verb lexicon (:mod:`communique.kb.reporting`).

A user may add patterns in a file of the same shape as ``verbs.json`` holding only the
``verbs``, ``nouns`` and ``non_events`` sections; :func:`load_lexicon` validates every entry
(every code against the code table) and raises :class:`ConfigError` naming the file and the
entry (``my_verbs.json: verbs['042'][1]: pattern 'x}' (code 042) is not valid pattern syntax``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from communique.errors import ConfigError
from communique.kb.datafile import CODES, LEXICON, check_sections, fail, mapping, read_data_object, where, words

PLOVER_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
NO_EVENT = "-"  # the code of a non_events pattern: the verb is used in a sense that is no event
_TOKEN = re.compile(r"!?[\w'-]+(?:\{[^}]*\})?|\+[\w'-]+(?:\{[^}]*\})?|\{[^}]*\}|>[\w'-]+")


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover: str | None  # None for the dropped roots 01 (statements)
    mode: str | None
    context: tuple[str, ...]


# An object constraint: (required modifier or None, head lemma).
ObjectTerm = tuple[str | None, str]


@dataclass(frozen=True)
class Pattern:
    """One predicate pattern; ``specificity`` counts its constraints beyond the lemma."""

    lemma: str
    code: str
    source: str
    negated_only: bool = False
    modifiers: frozenset[str] = frozenset()  # nouns only: required compound/amod lemmas
    preps: tuple[tuple[str, frozenset[str] | None], ...] = ()
    objects: frozenset[ObjectTerm] | None = None
    xcomp: str | None = None

    @property
    def specificity(self) -> int:
        n = len(self.preps) + len(self.modifiers) + (self.objects is not None) + (self.xcomp is not None)
        n += sum(objs is not None for _, objs in self.preps)
        return n + self.negated_only


@dataclass(frozen=True)
class Frame:
    kind: str  # commit | appeal | demand | refuse | threaten
    prefix: str
    default: str


@dataclass
class Lexicon:
    codes: dict[str, CameoCode]
    verbs: dict[str, list[Pattern]] = field(default_factory=dict)
    nouns: dict[str, list[Pattern]] = field(default_factory=dict)
    light_verbs: frozenset[str] = frozenset()
    frames: dict[str, Frame] = field(default_factory=dict)
    frame_kinds: dict[str, Frame] = field(default_factory=dict)  # kind -> frame
    noun_frames: dict[str, Frame] = field(default_factory=dict)  # "demand that ...", "a pledge to ..."
    future_aux: frozenset[str] = frozenset()  # "will" + cooperative act -> AGREE, + conflictual act -> THREATEN
    reported_future_aux: frozenset[str] = frozenset()  # "would", only inside reported speech
    ready_words: frozenset[str] = frozenset()  # "is ready/willing/prepared to"
    receiving_verbs: frozenset[str] = frozenset()  # "received support from X": X acts
    frame_codes: dict[str, dict[str, str]] = field(default_factory=dict)
    intention: frozenset[str] = frozenset()
    intention_nouns: frozenset[str] = frozenset()
    plan_nouns: frozenset[str] = frozenset()  # "the strategy calls for X": what a plan says is intended
    context_hints: dict[str, str] = field(default_factory=dict)  # lemma -> context
    mode_hints: dict[str, dict[str, str]] = field(default_factory=dict)  # type -> lemma -> mode

    def code(self, code: str) -> CameoCode:
        return self.codes[code]

    def frame_code(self, frame: Frame, complement: str | None) -> str:
        """The code of ``frame`` applied to a complement event coded ``complement``."""
        table = self.frame_codes.get(frame.prefix, {})
        if complement is not None:
            for key in (complement, complement[:3], complement[:2]):
                if key in table:
                    return table[key]
        return frame.default

    def all_patterns(self) -> list[Pattern]:
        """Every event pattern (blocks excluded)."""
        return [p for group in (self.verbs, self.nouns) for pats in group.values() for p in pats if p.code != NO_EVENT]


def parse_pattern(text: str, code: str, source: str, noun: bool = False, place: str = "") -> Pattern:
    """Parse one pattern string (syntax in ``verbs.json``'s ``about``) of file ``source``, entry ``place``."""
    tokens = _TOKEN.findall(text.strip())
    if not tokens or "".join(tokens).replace(" ", "") != re.sub(r"\s+", "", text):
        fail(source, f"pattern {text!r} (code {code}) is not valid pattern syntax", place)
    lemmas: list[str] = []
    preps: list[tuple[str, frozenset[str] | None]] = []
    objects: frozenset[ObjectTerm] | None = None
    xcomp = None
    negated = False
    for tok in tokens:
        if tok.startswith("+"):
            word, _, rest = tok[1:].partition("{")
            preps.append((word.lower(), _alternatives(rest.rstrip("}")) if rest else None))
        elif tok.startswith("{"):
            objects = frozenset(_object_term(alt) for alt in tok[1:-1].split("|") if alt.strip())
        elif tok.startswith(">"):
            xcomp = tok[1:].lower()
        else:
            if tok.startswith("!"):
                negated, tok = True, tok[1:]
            lemmas.append(tok.lower())
    if not lemmas:
        fail(source, f"pattern {text!r} (code {code}) has no lemma", place)
    lemma, modifiers = (lemmas[-1], frozenset(lemmas[:-1])) if noun else (lemmas[0], frozenset())
    if not noun and len(lemmas) > 1:
        fail(source, f"verb pattern {text!r} (code {code}) has more than one lemma", place)
    return Pattern(lemma, code, source, negated, modifiers, tuple(preps), objects, xcomp)


def _alternatives(text: str) -> frozenset[str]:
    return frozenset(a.strip().lower() for a in text.split("|") if a.strip())


def _object_term(alt: str) -> ObjectTerm:
    parts = alt.strip().lower().split()
    return (parts[0], parts[-1]) if len(parts) > 1 else (None, parts[0])


def _package_text(name: str) -> str:
    return (resources.files("communique.kb") / "data" / "cameo" / name).read_text(encoding="utf-8")


def read_codes(text: str, name: str = "communique/kb/data/cameo/codes.json") -> dict[str, CameoCode]:
    data = read_data_object(name, text, CODES, package=True)
    check_sections(name, data, ("codes",))
    rows = data.get("codes")
    if not isinstance(rows, list) or not rows:
        fail(name, "must be a non-empty list of CAMEO codes", "codes")
    out: dict[str, CameoCode] = {}
    for i, row in enumerate(rows):
        code = _code_row(name, where("codes", i), row)
        out[code.code] = code
    return out


_CODE_KEYS = frozenset({"code", "name", "goldstein", "quad_class", "plover", "mode", "context"})


def _code_row(name: str, place: str, row: Any) -> CameoCode:
    row = mapping(name, place, row)
    for key in ("code", "name", "goldstein", "quad_class"):
        if key not in row:
            fail(name, f"missing {key!r}", place)
    unknown = sorted(set(row) - _CODE_KEYS)
    if unknown:
        fail(name, f"unknown key {unknown[0]!r}; expected some of {sorted(_CODE_KEYS)}", place)
    if not isinstance(row["code"], str) or not re.fullmatch(r"\d{2,4}", row["code"]):
        fail(name, f"code {row['code']!r} is not a CAMEO code of two to four digits", place)
    goldstein, quad = row["goldstein"], row["quad_class"]
    if isinstance(goldstein, bool) or not isinstance(goldstein, int | float) or not -10 <= goldstein <= 10:
        fail(name, f"goldstein {goldstein!r} is not a number from -10 to 10", place)
    if quad not in (1, 2, 3, 4) or isinstance(quad, bool):
        fail(name, f"quad_class {quad!r} is not 1, 2, 3 or 4", place)
    if row.get("plover") is not None and row["plover"] not in PLOVER_TYPES:
        fail(name, f"plover {row['plover']!r} is not a PLOVER type", place)
    if not isinstance(row["name"], str) or not isinstance(row.get("mode"), str | None):
        fail(name, "name (and mode, when given) must be strings", place)
    context = words(name, f"{place}.context", row.get("context") or [])
    return CameoCode(row["code"], row["name"], float(goldstein), int(quad), row.get("plover"), row.get("mode"),
                     tuple(context))


# The sections of the package's verbs.json; a user's lexicon file may hold the first three.
USER_SECTIONS = ("verbs", "nouns", "non_events")
PACKAGE_SECTIONS = (*USER_SECTIONS, "light_verbs", "frames", "frame_codes", "noun_frames", "future_words",
                    "intention", "intention_nouns", "plan_nouns", "receiving_verbs", "context_hints", "mode_hints")
_FRAME_KEYS = frozenset({"verbs", "prefix", "default"})
_FUTURE_KEYS = frozenset({"auxiliaries", "reported_auxiliaries", "ready"})


def _add_patterns(lex: Lexicon, data: dict[str, Any], name: str) -> None:
    for section, target, noun in (("verbs", lex.verbs, False), ("nouns", lex.nouns, True)):
        for code, patterns in mapping(name, section, data.get(section) or {}).items():
            place = where(section, code)
            if code not in lex.codes:
                fail(name, "not a CAMEO code", place)
            if not isinstance(patterns, list):
                fail(name, "must be a list of patterns", place)
            for i, text in enumerate(patterns):
                pattern = parse_pattern(_pattern_text(name, where(section, code, i), text), code, name, noun,
                                        where(section, code, i))
                target.setdefault(pattern.lemma, []).append(pattern)
    blocks = data.get("non_events") or []
    if not isinstance(blocks, list):
        fail(name, "must be a list of patterns", "non_events")
    for i, text in enumerate(blocks):
        place = where("non_events", i)
        pattern = parse_pattern(_pattern_text(name, place, text), NO_EVENT, name, place=place)
        # a block outranks any equally specific event pattern of the same verb
        lex.verbs.setdefault(pattern.lemma, []).insert(0, pattern)


def _pattern_text(name: str, place: str, text: Any) -> str:
    if not isinstance(text, str):
        fail(name, f"must be a pattern string, not {text!r}", place)
    return text


def _add_frames(lex: Lexicon, data: dict[str, Any], name: str) -> None:
    for kind, spec in mapping(name, "frames", data.get("frames") or {}).items():
        place = where("frames", kind)
        spec = mapping(name, place, spec)
        for key in sorted(_FRAME_KEYS):
            if key not in spec:
                fail(name, f"missing {key!r}", place)
        if set(spec) - _FRAME_KEYS:
            fail(name, f"unknown key {sorted(set(spec) - _FRAME_KEYS)[0]!r}; expected {sorted(_FRAME_KEYS)}", place)
        if not isinstance(spec["prefix"], str) or not re.fullmatch(r"\d\d", spec["prefix"]):
            fail(name, f"prefix {spec['prefix']!r} is not a CAMEO root of two digits", place)
        if spec["default"] not in lex.codes:
            fail(name, f"default {spec['default']!r} is not a CAMEO code", place)
        frame = Frame(kind, spec["prefix"], spec["default"])
        lex.frame_kinds[kind] = frame
        for verb in words(name, f"{place}.verbs", spec["verbs"]):
            lex.frames.setdefault(verb, frame)
    for noun, kind in mapping(name, "noun_frames", data.get("noun_frames") or {}).items():
        if kind not in lex.frame_kinds:
            fail(name, f"names unknown frame {kind!r}", where("noun_frames", noun))
        lex.noun_frames[noun] = lex.frame_kinds[kind]
    frame_codes = mapping(name, "frame_codes", data.get("frame_codes") or {})
    for prefix, table in frame_codes.items():
        for complement, code in mapping(name, where("frame_codes", prefix), table).items():
            if code not in lex.codes:
                fail(name, f"{code!r} is not a CAMEO code", where("frame_codes", prefix, complement))
        lex.frame_codes[prefix] = dict(table)


def _add_word_lists(lex: Lexicon, data: dict[str, Any], name: str) -> None:
    def listed(key: str) -> frozenset[str]:
        return frozenset(words(name, key, data.get(key, [])))

    lex.light_verbs = listed("light_verbs")
    future = mapping(name, "future_words", data.get("future_words") or {})
    if set(future) - _FUTURE_KEYS:
        fail(name, f"unknown key {sorted(set(future) - _FUTURE_KEYS)[0]!r}; expected some of {sorted(_FUTURE_KEYS)}",
             "future_words")
    lex.future_aux, lex.reported_future_aux, lex.ready_words = (
        frozenset(words(name, where("future_words", key), future.get(key, [])))
        for key in ("auxiliaries", "reported_auxiliaries", "ready"))
    lex.receiving_verbs = listed("receiving_verbs")
    lex.intention = listed("intention")
    lex.intention_nouns = listed("intention_nouns")
    lex.plan_nouns = listed("plan_nouns")
    for context, hinted in mapping(name, "context_hints", data.get("context_hints") or {}).items():
        for word in words(name, where("context_hints", context), hinted):
            lex.context_hints.setdefault(word, context)
    for typ, modes in mapping(name, "mode_hints", data.get("mode_hints") or {}).items():
        if typ not in PLOVER_TYPES:
            fail(name, "not a PLOVER type", where("mode_hints", typ))
        lex.mode_hints[typ] = {word: mode for mode, hinted in mapping(name, where("mode_hints", typ), modes).items()
                               for word in words(name, where("mode_hints", typ, mode), hinted)}


def build_lexicon(verbs_text: str, codes_text: str, name: str = "communique/kb/data/cameo/verbs.json") -> Lexicon:
    """The package lexicon from the texts of ``verbs.json`` and ``codes.json``."""
    lex = Lexicon(codes=read_codes(codes_text))
    data = read_data_object(name, verbs_text, LEXICON, package=True)
    check_sections(name, data, PACKAGE_SECTIONS)
    _add_patterns(lex, data, name)
    _add_frames(lex, data, name)
    _add_word_lists(lex, data, name)
    return lex


def read_user_lexicon(name: str, text: str) -> dict[str, Any]:
    """The checked object of a user's lexicon file: its kind and version, and only sections a user may add."""
    data = read_data_object(name, text, LEXICON)
    for key in data:
        if key in PACKAGE_SECTIONS and key not in USER_SECTIONS:
            fail(name, f"section {key!r} is read only from the package lexicon; "
                       f"a file of yours may hold {', '.join(USER_SECTIONS)}")
    check_sections(name, data, USER_SECTIONS)
    return data


@lru_cache(maxsize=8)
def _load(extra: tuple[str, ...]) -> Lexicon:
    lex = build_lexicon(_package_text("verbs.json"), _package_text("codes.json"))
    for path in extra:
        p = Path(path)
        try:
            text = p.read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"{p}: cannot read lexicon file ({exc.strerror})") from None
        except UnicodeDecodeError:
            raise ConfigError(f"{p}: lexicon file is not UTF-8 text") from None
        _add_patterns(lex, read_user_lexicon(str(p), text), str(p))
    return lex


def load_lexicon(extra: Sequence[str | Path] = ()) -> Lexicon:
    """The package lexicon plus the ``verbs``/``nouns``/``non_events`` of the user's files ``extra``."""
    return _load(tuple(str(p) for p in extra))
