"""The event lexicon's data files load, validate and cover the PLOVER ontology."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from communique.errors import ConfigError
from communique.kb.lexicon import NO_EVENT, PLOVER_TYPES, load_lexicon, parse_pattern

# Every PLOVER type must be reachable through many patterns; 15 is well below what each has
# today and well above a token entry.
MIN_PATTERNS_PER_TYPE = 15


def test_every_pattern_code_is_in_the_code_table() -> None:
    lex = load_lexicon()
    patterns = lex.all_patterns()
    assert len(patterns) > 1000
    assert all(p.code in lex.codes for p in patterns)


def test_every_plover_type_is_covered_by_many_patterns() -> None:
    lex = load_lexicon()
    counts = Counter(lex.codes[p.code].plover for p in lex.all_patterns())
    for plover in PLOVER_TYPES:
        assert counts[plover] >= MIN_PATTERNS_PER_TYPE, plover
    assert set(counts) - {None} <= set(PLOVER_TYPES)


def test_code_table_has_goldstein_and_quad_class_per_gdelt_roots() -> None:
    lex = load_lexicon()
    assert len(lex.codes) == 312
    for code in lex.codes.values():
        root = int(code.code[:2])
        expected = 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4
        assert code.quad_class == expected, code
        assert -10 <= code.goldstein <= 10
        assert code.plover in PLOVER_TYPES or (code.plover is None and code.code.startswith("01"))
    assert lex.codes["190"].plover == "ASSAULT" and lex.codes["190"].goldstein == -10
    assert lex.codes["0871"].mode == "ceasefire"


def test_no_two_codes_share_one_pattern() -> None:
    lex = load_lexicon()
    seen: dict[tuple[object, ...], str] = {}
    for group in (lex.verbs, lex.nouns):
        for patterns in group.values():
            for p in patterns:
                key = (group is lex.nouns, p.lemma, p.negated_only, p.modifiers, p.preps, p.objects, p.xcomp)
                assert seen.setdefault(key, p.code) == p.code, (p.lemma, p.code, seen[key])


def test_frame_tables_point_at_real_codes() -> None:
    lex = load_lexicon()
    assert {"commit", "appeal", "demand", "refuse", "threaten", "accuse"} <= set(lex.frame_kinds)
    for table in lex.frame_codes.values():
        assert all(code in lex.codes for code in table.values())
    assert lex.frame_code(lex.frame_kinds["commit"], "0841") == "0353"
    assert lex.frame_code(lex.frame_kinds["refuse"], "046") == "125"
    assert lex.frame_code(lex.frame_kinds["demand"], None) == "100"


@pytest.mark.parametrize(
    ("text", "lemma", "preps", "objects", "xcomp", "negated"),
    [
        ("meet +with", "meet", (("with", None),), None, None, False),
        ("raise {defense spending|budget}", "raise", (), {("defense", "spending"), (None, "budget")}, None, False),
        ("refuse +to>release", "refuse", (("to", None),), None, "release", False),
        ("!accept", "accept", (), None, None, True),
        ("accuse +of{espionage|treason}", "accuse", (("of", frozenset({"espionage", "treason"})),), None, None, False),
    ],
)
def test_pattern_syntax(text: str, lemma: str, preps: tuple[object, ...], objects: set[object] | None,
                        xcomp: str | None, negated: bool) -> None:
    p = parse_pattern(text, "040", "test")
    assert (p.lemma, p.preps, p.xcomp, p.negated_only) == (lemma, preps, xcomp, negated)
    assert (set(p.objects) if p.objects is not None else None) == objects


def test_non_events_block_without_counting_as_patterns() -> None:
    lex = load_lexicon()
    assert any(p.code == NO_EVENT for p in lex.verbs["demonstrate"])
    assert all(p.code != NO_EVENT for p in lex.all_patterns())


def test_user_file_adds_patterns(tmp_path: Path) -> None:
    extra = tmp_path / "mine.json"
    extra.write_text(json.dumps({"verbs": {"1823": ["liquidate"]}}), encoding="utf-8")
    lex = load_lexicon([extra])
    assert [p.code for p in lex.verbs["liquidate"]] == ["1823"]
    assert "liquidate" not in load_lexicon().verbs


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{"verbs": {"999": ["zap"]}}', "not a CAMEO code"),
        ('{"verbs": {"040": "meet"}}', "must be a list"),
        ('{"verbs": {"040": ["meet {with"]}}', "not valid pattern syntax"),
        ("[1, 2", "not valid JSON"),
    ],
)
def test_bad_user_file_names_the_file_and_reason(tmp_path: Path, content: str, reason: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_lexicon([bad])
    assert str(bad) in str(info.value) and reason in str(info.value)
    assert "\n" not in str(info.value)
