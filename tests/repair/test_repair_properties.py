"""Invariants of repair_text on generated damaged texts (hypothesis).

"No word is lost" is checked on word tokens = maximal runs of letters and
digits. The tokens of the repaired text must equal those of the raw text,
except that a repair may join tokens: a token of the output that is not in the
input must be the concatenation of two or more input tokens that are missing
from the output, each used once, and every missing token must be used so.
Only the joining repairs do that: undone hyphenation ("strat-" + "egy"),
removed soft hyphens and invisible characters, and a number split at a
displaced line ("2" + "8").
"""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communique.repair import repair_text

_TOKEN = re.compile(r"[^\W_]+")
JOINING_KINDS = {"dehyphenate", "soft_hyphen", "invisible", "displaced_line_joined"}

WORDS = st.sampled_from(
    ["the", "of", "and", "regional", "security", "Council", "Budget", "plan", "was", "adopted",
     "12", "2022", "8", "well", "known", "strat", "egy", "Indo", "Pacific", "a", "in", "x"]
)
SEPARATORS = st.sampled_from(
    [" ", " ", " ", " ", "\n", "\n\n", "\r\n", "\t", "  ", "-\n", ". ", ", ", ".\n\n", "\u00ad", "\n \n\n", "-"]
)


@st.composite
def damaged_texts(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.tuples(WORDS, SEPARATORS), min_size=0, max_size=60))
    lead = draw(st.sampled_from(["", " ", "\n", "\ufeff"]))
    return lead + "".join(word + sep for word, sep in parts)


def _tokens(text: str) -> Counter[str]:
    return Counter(_TOKEN.findall(text))


def _explained(extra: Counter[str], missing: Counter[str]) -> bool:
    """Can every extra token be built from missing tokens (2+ each), using all of them exactly once?"""
    todo = sorted(extra.elements(), key=len, reverse=True)

    def build(rest: str, pool: Counter[str], parts: int) -> Counter[str] | None:
        if not rest:
            return pool if parts >= 2 else None
        for token in [t for t in pool if pool[t] > 0 and rest.startswith(t)]:
            pool[token] -= 1
            found = build(rest[len(token):], pool, parts + 1)
            if found is not None:
                return found
            pool[token] += 1
        return None

    pool = Counter(missing)
    for token in todo:
        if build(token, pool, 0) is None:
            return False
    return sum(pool.values()) == 0


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(damaged_texts())
def test_offsets_stay_inside_the_text_and_are_monotone(raw: str) -> None:
    result = repair_text(raw)
    back = [result.offsets.to_raw(i) for i in range(len(result.text) + 1)]
    back_end = [result.offsets.to_raw_end(i) for i in range(len(result.text) + 1)]
    assert all(0 <= b <= len(raw) for b in back + back_end)
    assert back == sorted(back) and back_end == sorted(back_end)
    forward = [result.offsets.to_text(j) for j in range(len(raw) + 1)]
    assert all(0 <= f <= len(result.text) for f in forward) and forward == sorted(forward)


@SETTINGS
@given(damaged_texts())
def test_repair_log_and_headings_point_at_their_text(raw: str) -> None:
    result = repair_text(raw)
    for r in result.repairs:
        assert 0 <= r.raw_start <= r.raw_end <= len(raw) and 0 <= r.start <= r.end <= len(result.text)
        assert raw[r.raw_start:r.raw_end] == r.before and result.text[r.start:r.end] == r.after
    for h in result.headings:
        assert result.text[h.start:h.end] == h.text and h.text.strip() == h.text and h.text


@SETTINGS
@given(damaged_texts())
def test_repair_never_loses_a_word(raw: str) -> None:
    result = repair_text(raw)
    before, after = _tokens(raw), _tokens(result.text)
    extra, missing = after - before, before - after
    if extra or missing:
        assert {r.kind for r in result.repairs} & JOINING_KINDS
        assert _explained(extra, missing)


@SETTINGS
@given(damaged_texts())
def test_repairing_repaired_text_changes_nothing(raw: str) -> None:
    once = repair_text(raw)
    twice = repair_text(once.text)
    assert twice.text == once.text
    assert twice.repairs == ()
    assert [(h.text, h.level) for h in twice.headings] == [(h.text, h.level) for h in once.headings]


@SETTINGS
@given(damaged_texts())
def test_repaired_text_has_the_block_shape(raw: str) -> None:
    text = repair_text(raw).text
    assert text == text.strip()
    assert "\n\n\n" not in text and "  " not in text
    assert all(block and "\n" not in block for block in text.split("\n\n")) or not text
