"""The event lexicon: CAMEO codes, their PLOVER columns, and the predicate patterns that trigger them.

Three data files in ``communique/kb/data/cameo`` (loaded with :mod:`importlib.resources`):

* ``codes.json`` — every CAMEO code with its name, Goldstein weight, GDELT QuadClass
  and its PLOVER type/mode/context (from the CAMEO→PLOVER 2021 table);
* ``verbs.json`` — our verb and noun patterns (syntax in the file's ``about``),
  the frame verbs whose code depends on their complement (agree to X, urge to X,
  refuse to X, threaten to X), intention and reporting verbs, and context/mode hints.

A user may add patterns in a file of the same shape as ``verbs.json`` (only the
``verbs``/``nouns`` sections are read from it); :func:`load_lexicon` validates
every code against the code table and raises :class:`ConfigError` naming the file.
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
from communique.kb.loader import read_json_object

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
    reporting: frozenset[str] = frozenset()
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


def parse_pattern(text: str, code: str, source: str, noun: bool = False) -> Pattern:
    """Parse one pattern string (syntax in ``verbs.json``'s ``about``)."""
    tokens = _TOKEN.findall(text.strip())
    if not tokens or "".join(tokens).replace(" ", "") != re.sub(r"\s+", "", text):
        raise ConfigError(f"{source}: pattern {text!r} (code {code}) is not valid pattern syntax")
    words: list[str] = []
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
            words.append(tok.lower())
    if not words:
        raise ConfigError(f"{source}: pattern {text!r} (code {code}) has no lemma")
    lemma, modifiers = (words[-1], frozenset(words[:-1])) if noun else (words[0], frozenset())
    if not noun and len(words) > 1:
        raise ConfigError(f"{source}: verb pattern {text!r} (code {code}) has more than one lemma")
    return Pattern(lemma, code, source, negated, modifiers, tuple(preps), objects, xcomp)


def _alternatives(text: str) -> frozenset[str]:
    return frozenset(a.strip().lower() for a in text.split("|") if a.strip())


def _object_term(alt: str) -> ObjectTerm:
    parts = alt.strip().lower().split()
    return (parts[0], parts[-1]) if len(parts) > 1 else (None, parts[0])


def _read_json(name: str, text: str) -> dict[str, Any]:
    return read_json_object(name, text, "the lexicon")


def _package_text(name: str) -> str:
    return (resources.files("communique.kb") / "data" / "cameo" / name).read_text(encoding="utf-8")


def read_codes(text: str, name: str = "communique/kb/data/cameo/codes.json") -> dict[str, CameoCode]:
    data = _read_json(name, text)
    out: dict[str, CameoCode] = {}
    for row in data.get("codes", []):
        try:
            code = str(row["code"])
            out[code] = CameoCode(
                code,
                row["name"],
                float(row["goldstein"]),
                int(row["quad_class"]),
                row.get("plover"),
                row.get("mode"),
                tuple(row.get("context") or ()),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"{name}: bad code row {row!r} ({exc})") from None
    if not out:
        raise ConfigError(f"{name}: no CAMEO codes")
    return out


def _add_patterns(lex: Lexicon, data: dict[str, Any], name: str) -> None:
    for section, target, noun in (("verbs", lex.verbs, False), ("nouns", lex.nouns, True)):
        for code, patterns in (data.get(section) or {}).items():
            if code not in lex.codes:
                raise ConfigError(f"{name}: {section} code {code!r} is not a CAMEO code")
            if not isinstance(patterns, list):
                raise ConfigError(f"{name}: {section} entry {code!r} must be a list of patterns")
            for text in patterns:
                pattern = parse_pattern(str(text), code, name, noun)
                target.setdefault(pattern.lemma, []).append(pattern)
    blocks = data.get("non_events") or []
    if not isinstance(blocks, list):
        raise ConfigError(f"{name}: non_events must be a list of patterns")
    for text in blocks:
        pattern = parse_pattern(str(text), NO_EVENT, name)
        # a block outranks any equally specific event pattern of the same verb
        lex.verbs.setdefault(pattern.lemma, []).insert(0, pattern)


def build_lexicon(verbs_text: str, codes_text: str, name: str = "communique/kb/data/cameo/verbs.json") -> Lexicon:
    codes = read_codes(codes_text)
    data = _read_json(name, verbs_text)
    lex = Lexicon(codes=codes)
    _add_patterns(lex, data, name)
    lex.light_verbs = frozenset(data.get("light_verbs", ()))
    for kind, spec in (data.get("frames") or {}).items():
        frame = Frame(kind, spec["prefix"], spec["default"])
        lex.frame_kinds[kind] = frame
        for verb in spec["verbs"]:
            lex.frames.setdefault(verb, frame)
    for noun, kind in (data.get("noun_frames") or {}).items():
        if kind not in lex.frame_kinds:
            raise ConfigError(f"{name}: noun frame {noun!r} names unknown frame {kind!r}")
        lex.noun_frames[noun] = lex.frame_kinds[kind]
    future = data.get("future_words") or {}
    lex.future_aux = frozenset(future.get("auxiliaries", ()))
    lex.reported_future_aux = frozenset(future.get("reported_auxiliaries", ()))
    lex.ready_words = frozenset(future.get("ready", ()))
    lex.receiving_verbs = frozenset(data.get("receiving_verbs", ()))
    lex.frame_codes = {k: dict(v) for k, v in (data.get("frame_codes") or {}).items()}
    for table in lex.frame_codes.values():
        for code in table.values():
            if code not in codes:
                raise ConfigError(f"{name}: frame code {code!r} is not a CAMEO code")
    lex.intention = frozenset(data.get("intention", ()))
    lex.intention_nouns = frozenset(data.get("intention_nouns", ()))
    lex.plan_nouns = frozenset(data.get("plan_nouns", ()))
    lex.reporting = frozenset(data.get("reporting", ()))
    for context, words in (data.get("context_hints") or {}).items():
        for word in words:
            lex.context_hints.setdefault(word, context)
    lex.mode_hints = {
        typ: {word: mode for mode, words in modes.items() for word in words}
        for typ, modes in (data.get("mode_hints") or {}).items()
    }
    return lex


@lru_cache(maxsize=8)
def _load(extra: tuple[str, ...]) -> Lexicon:
    lex = build_lexicon(_package_text("verbs.json"), _package_text("codes.json"))
    for path in extra:
        p = Path(path)
        try:
            text = p.read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"{p}: cannot read lexicon file ({exc.strerror})") from None
        _add_patterns(lex, _read_json(str(p), text), str(p))
    return lex


def load_lexicon(extra: Sequence[str | Path] = ()) -> Lexicon:
    """The package lexicon plus the ``verbs``/``nouns`` of the user's files ``extra``."""
    return _load(tuple(str(p) for p in extra))
