"""Displaced lines are put back where they fit best, and only those."""

from __future__ import annotations

import pytest

from communique.repair.displaced import best_move, rejoin_displaced
from communique.repair.layout import normalise_whitespace

CUT_AFTER_TITLE = """Harbour Authority Opens New Terminal
7 March that the new terminal would handle twice the

The harbour authority announced on 1
cargo of the old one. Officials expect the first ships to arrive before the end of
the summer, and the port plans to hire more staff for the busy season ahead of it."""

LINE_BEFORE_PARAGRAPH = """Valley News

The first paragraph talks about the weather in the valley and ends right here.

of the committee were unhappy with the outcome of the long negotiation and
The second paragraph reports that several members
said they would vote against the proposal when it returns to the floor next week."""

LINE_GLUED_TO_ITS_PARAGRAPH = """The first paragraph talks about the weather in the valley and ends right here.

of the committee were unhappy with the outcome of the long negotiation and
The second paragraph reports that several members
said they would vote against the proposal when it returns to the floor next week."""


@pytest.mark.parametrize(
    ("damaged", "expected_line"),
    [
        (
            CUT_AFTER_TITLE,
            "The harbour authority announced on 17 March that the new terminal would handle twice the",
        ),
        (
            LINE_BEFORE_PARAGRAPH,
            "of the committee were unhappy with the outcome of the long negotiation and",
        ),
        (
            LINE_GLUED_TO_ITS_PARAGRAPH,
            "of the committee were unhappy with the outcome of the long negotiation and",
        ),
    ],
)
def test_repair_rejoins_displaced_line(damaged: str, expected_line: str) -> None:
    edited = rejoin_displaced(damaged)
    lines = edited.text.split("\n")
    assert expected_line in lines
    assert lines.count(expected_line) == 1
    assert "\n\n\n" not in edited.text


def test_displaced_line_goes_between_the_lines_it_joins() -> None:
    text = rejoin_displaced(LINE_BEFORE_PARAGRAPH).text
    assert (
        "The second paragraph reports that several members\n"
        "of the committee were unhappy with the outcome of the long negotiation and\n"
        "said they would vote"
    ) in text
    assert "ends right here.\n\nThe second paragraph" in text


def test_split_number_is_glued_back_and_logged_as_a_join() -> None:
    edited = rejoin_displaced(CUT_AFTER_TITLE)
    kinds = [e.kind for e in edited.edits if e.logged]
    assert kinds == ["displaced_line_joined"]
    assert "announced on 17 March" in edited.text


def test_move_keeps_the_origin_of_the_fragment() -> None:
    edited = rejoin_displaced(CUT_AFTER_TITLE)
    insert = next(e for e in edited.edits if e.logged)
    assert insert.origin is not None
    assert CUT_AFTER_TITLE[insert.origin[0]:insert.origin[1]] == "7 March that the new terminal would handle twice the"
    start, end = edited.spans[list(edited.edits).index(insert)]
    assert edited.text[start:end] == "7 March that the new terminal would handle twice the"


@pytest.mark.parametrize(
    "clean",
    [
        # a clean wrapped article: nothing to move
        "A Title\n\nThe council met on Monday and agreed to the plan after a short\n"
        "debate about its cost.\n\nMembers said they would review it again in a year.",
        # a sentence split by a blank line is the rejoin step's job, not a displacement
        "The minister said that the plan was\n\nadopted on Friday after a long debate in\n"
        "the assembly that lasted well into the night and beyond.",
        # a paragraph that starts lowercase for a reason stays where it is
        "Prices rose sharply in the spring and then fell again in the autumn of the\n"
        "same year.\n\niPhone sales, by contrast, kept growing through the year and\n"
        "into the next one as well, the company said.",
    ],
)
def test_clean_text_is_not_rearranged(clean: str) -> None:
    assert best_move(normalise_whitespace(clean).text) is None
