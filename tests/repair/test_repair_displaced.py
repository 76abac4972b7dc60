"""Displaced lines are put back where they fit best, and only those."""

from __future__ import annotations

from collections.abc import Callable, Sequence

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


# A line lifted under the title; edge words fit equally well at a break of either
# paragraph (a determiner, then a lowercase noun), and the nearer paragraph is the
# wrong one. Only the second paragraph shares the fragment's content words.
TWO_PLAUSIBLE_PARAGRAPHS = """Harbour News
cargo ships and the cranes that unload their containers on the quay

The city council said on Tuesday that the new library would open in the
spring after delays caused by the weather, and that the reading rooms would
stay open late on weekdays for students.

The harbour authority said on Monday that the new terminal would serve the
growing number of container ships calling at the port each week, and that the
quay cranes would be replaced within two years."""


def test_fragment_goes_to_the_paragraph_that_shares_its_words() -> None:
    move = best_move(TWO_PLAUSIBLE_PARAGRAPHS)
    assert move is not None
    assert move.after.text.startswith("The harbour authority")
    assert move.cohesion > 0


def test_scorer_decides_between_places_that_read_alike_at_the_edges() -> None:
    def prefer(ending: str) -> Callable[[Sequence[tuple[str, str, str]]], list[float]]:
        def score(places: Sequence[tuple[str, str, str]]) -> list[float]:
            return [10.0 if left.endswith(ending) else 0.0 for left, _, _ in places]

        return score

    first = best_move(TWO_PLAUSIBLE_PARAGRAPHS, prefer("would serve the"))
    second = best_move(TWO_PLAUSIBLE_PARAGRAPHS, prefer("each week, and that the"))
    assert first is not None and second is not None
    assert first.after.text.endswith("would serve the")
    assert second.after.text.endswith("each week, and that the")


def test_scorer_is_not_asked_when_one_place_stands_out() -> None:
    asked: list[str] = []

    def score(places: Sequence[tuple[str, str, str]]) -> list[float]:
        asked.extend(left for left, _, _ in places)
        return [0.0] * len(places)

    edited = rejoin_displaced(CUT_AFTER_TITLE, score)
    assert "announced on 17 March" in edited.text
    assert asked == []


def test_clean_text_never_asks_the_scorer() -> None:
    def score(places: Sequence[tuple[str, str, str]]) -> list[float]:
        raise AssertionError("no fragment, no scoring")

    clean = "A Title\n\nThe council met on Monday and agreed to the plan after a short\ndebate about its cost."
    assert best_move(normalise_whitespace(clean).text, score) is None
