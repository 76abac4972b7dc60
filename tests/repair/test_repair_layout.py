"""Layout steps, each checked with its offset map on hand-made texts."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from communique.repair.layout import (
    dehyphenate,
    normalise_characters,
    normalise_whitespace,
    parse_blocks,
    rejoin_sentences,
    unwrap,
)
from communique.repair.offsets import Edited


def _assert_map_traces_letters(source: str, edited: Edited) -> None:
    """Every letter or digit of the output sits at an input position holding the same character."""
    for pos, char in enumerate(edited.text):
        if char.isalnum():
            assert source[edited.map.to_input(pos)] == char, (pos, char)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Lines\r\nend\rhere", "Lines\nend\nhere"),
        ("tab\there\u00a0and\u2009thin", "tab here and thin"),
        ("zero\u200bwidth\ufeff", "zerowidth"),
        ("soft\u00adhyphen", "softhyphen"),
        ("broken soft\u00ad\nhyphen", "broken softhyphen"),
        ("page\fbreak", "page\nbreak"),
    ],
)
def test_normalise_characters(raw: str, expected: str) -> None:
    text = raw
    for edited in normalise_characters(raw):
        _assert_map_traces_letters(text, edited)
        text = edited.text
    assert text == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  lead and trail  ", "lead and trail"),
        ("many    spaces here", "many spaces here"),
        ("para one\n\n\n\npara two", "para one\n\npara two"),
        ("line one  \n   line two", "line one\nline two"),
        ("\n\nstarts late\n \n \nends early\n\n", "starts late\n\nends early"),
    ],
)
def test_normalise_whitespace(raw: str, expected: str) -> None:
    edited = normalise_whitespace(raw)
    assert edited.text == expected
    _assert_map_traces_letters(raw, edited)
    assert normalise_whitespace(edited.text).edits == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a paragraph cut mid-sentence: unfinished, then lowercase
        ("The plan was\n\napproved in May.", "The plan was\napproved in May."),
        # a function word at the end and a number next
        ("Prices rose by\n\n12 percent.", "Prices rose by\n12 percent."),
        # a finished sentence before a lowercase line is left alone
        ("It ended.\n\nbut nobody knew.", "It ended.\n\nbut nobody knew."),
        # an unfinished block before a capitalised one is a heading or a new paragraph
        ("Results\n\nThe vote was close.", "Results\n\nThe vote was close."),
        # a number after a content word is not evidence enough
        ("Chapter one\n\n3 reasons follow.", "Chapter one\n\n3 reasons follow."),
    ],
)
def test_rejoin_sentences(text: str, expected: str) -> None:
    edited = rejoin_sentences(text)
    assert edited.text == expected
    _assert_map_traces_letters(text, edited)


def test_rejoin_sentences_leaves_a_hinted_heading_alone() -> None:
    text = "Costs and benefits of\n\nthe new rules are weighed here."
    assert rejoin_sentences(text, frozenset({"costs and benefits of"})).text == text


@pytest.mark.parametrize(
    ("text", "lexicon", "expected"),
    [
        ("a new strat-\negy today", None, "a new strategy today"),
        ("the Indo-\nPacific area", None, "the Indo-Pacific area"),
        ("a well-known fact and a well-\nknown one", None, "a well-known fact and a well-known one"),
        ("a longterm view and a long-\nterm one", None, "a longterm view and a longterm one"),
        ("an all-\ngirl team", {"team"}, "an all-girl team"),
        ("the govern-\nment said", {"government"}, "the government said"),
        ("a dash -\nthen more", None, "a dash -\nthen more"),
    ],
)
def test_dehyphenate(text: str, lexicon: set[str] | None, expected: str) -> None:
    is_word: Callable[[str], bool] | None = None if lexicon is None else lexicon.__contains__
    edited = dehyphenate(text, is_word)
    assert edited.text == expected
    _assert_map_traces_letters(text, edited)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("one line\nwrapped here\n\nnext block\nalso wrapped", "one line wrapped here\n\nnext block also wrapped"),
        ("single", "single"),
        ("", ""),
    ],
)
def test_unwrap(text: str, expected: str) -> None:
    edited = unwrap(text)
    assert edited.text == expected
    _assert_map_traces_letters(text, edited)


def test_parse_blocks_gives_lines_with_offsets() -> None:
    text = "ab\ncd\n\nef"
    blocks = parse_blocks(text)
    assert [[line.text for line in block] for block in blocks] == [["ab", "cd"], ["ef"]]
    for block in blocks:
        for line in block:
            assert text[line.start:line.end] == line.text
    assert [(line.first, line.last) for line in blocks[0]] == [(True, False), (False, True)]
