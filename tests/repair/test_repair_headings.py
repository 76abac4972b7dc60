"""Title and section headings: found, split off their paragraphs, reported with offsets."""

from __future__ import annotations

import pytest

from communique.repair.headings import find_headings

PROSE = (
    "The council met on Monday and agreed to the plan after a long debate about\n"
    "its cost, which several members had questioned during the previous week."
)


def _headings(text: str, hints: tuple[str, ...] = ()) -> list[tuple[str, int]]:
    edited = find_headings(text, hints)
    return [(edited.text[s:e], level) for s, e, level in edited.headings]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a two-line title, then a standalone section heading
        (
            "River Towns Brace for\nSpring Floods\n\n" + PROSE + "\n\nEmergency Measures\n\n" + PROSE,
            [("River Towns Brace for\nSpring Floods", 0), ("Emergency Measures", 1)],
        ),
        # a heading glued under the last line of a paragraph
        (
            "Short Title\n\n" + PROSE + "\nEmergency Measures\n\n" + PROSE,
            [("Short Title", 0), ("Emergency Measures", 1)],
        ),
        # a heading glued over the first line of a paragraph
        ("Short Title\n\nEmergency Measures\n" + PROSE, [("Short Title", 0), ("Emergency Measures", 1)]),
        # sentence-case headings count too when they stand alone
        (
            "Short Title\n\n" + PROSE + "\n\nWhat residents said\n\n" + PROSE,
            [("Short Title", 0), ("What residents said", 1)],
        ),
    ],
)
def test_headings_are_found_and_levelled(text: str, expected: list[tuple[str, int]]) -> None:
    assert _headings(text) == expected


def test_glued_heading_gets_a_block_of_its_own() -> None:
    text = "Short Title\n\n" + PROSE + "\nEmergency Measures\n\n" + PROSE
    edited = find_headings(text)
    assert "week.\n\nEmergency Measures\n\nThe council" in edited.text
    assert [e.kind for e in edited.edits] == ["heading_split"]


def test_title_glued_to_the_first_paragraph_is_split_off() -> None:
    text = "Council Backs Plan\n" + PROSE + "\n\n" + PROSE
    edited = find_headings(text)
    assert edited.text.startswith("Council Backs Plan\n\nThe council met")
    assert _headings(text)[0] == ("Council Backs Plan", 0)


@pytest.mark.parametrize(
    "text",
    [
        # a dateline is not a heading
        "Short Title\n\nMonday, May 3, 2021\n\n" + PROSE,
        # a short unfinished line followed by a lowercase continuation is not a heading
        "Short Title\n\nThe plan\n\nwas approved on Monday by most of the members present.",
        # a short line inside a block of short lines is not a glued heading
        "Short Title\n\nApples, pears\nPlums and more\nCherries.\n\n" + PROSE,
    ],
)
def test_non_headings_stay_body_text(text: str) -> None:
    assert [level for _, level in _headings(text)] == [0]


def test_heading_hints_mark_headings_that_do_not_look_like_one() -> None:
    text = "Short Title\n\n" + PROSE + "\ncosts and benefits of the plan\n\n" + PROSE
    found = _headings(text, ("Costs and benefits of the plan",))
    assert ("costs and benefits of the plan", 1) in found
    assert "week.\n\ncosts and benefits" in find_headings(text, ("Costs and benefits of the plan",)).text


def test_a_single_block_has_no_title() -> None:
    assert _headings("Just One Line") == []
