"""Edits and offset maps: every step's map, and maps composed over a chain."""

from __future__ import annotations

import pytest

from communique.repair.offsets import Edit, OffsetMap, apply_edits


@pytest.mark.parametrize(
    ("text", "edits", "expected"),
    [
        ("a  b", [Edit(1, 3, " ", "ws")], "a b"),
        ("ab\ncd", [Edit(2, 3, " ", "unwrap")], "ab cd"),
        ("abcdef", [Edit(1, 2, "", "del"), Edit(4, 4, "XY", "ins")], "acdXYef"),
        ("same", [Edit(0, 2, "sa", "noop")], "same"),
    ],
)
def test_apply_edits_builds_the_output(text: str, edits: list[Edit], expected: str) -> None:
    assert apply_edits(text, edits).text == expected


def test_apply_edits_drops_edits_that_change_nothing() -> None:
    assert apply_edits("same", [Edit(0, 2, "sa", "noop")]).edits == ()


def test_apply_edits_rejects_overlapping_edits() -> None:
    with pytest.raises(ValueError):
        apply_edits("abcdef", [Edit(1, 4, "", "x"), Edit(3, 5, "", "y")])


def test_step_map_sends_copied_characters_to_their_input_position() -> None:
    edited = apply_edits("xx  yy\nzz", [Edit(2, 4, " ", "ws"), Edit(6, 7, " ", "unwrap")])
    assert edited.text == "xx yy zz"
    for out_pos, char in enumerate(edited.text):
        if char != " ":
            assert "xx  yy\nzz"[edited.map.to_input(out_pos)] == char


def test_start_offsets_skip_a_deletion_and_end_offsets_stop_before_it() -> None:
    edited = apply_edits("ab--cd", [Edit(2, 4, "", "del")])
    assert edited.text == "abcd"
    assert edited.map.to_input(2) == 4  # "c" starts after the deleted dashes
    assert edited.map.to_input(2, end=True) == 2  # "ab" ends before them


def test_inserted_text_maps_to_the_insertion_point() -> None:
    edited = apply_edits("abcd", [Edit(2, 2, "XYZ", "ins")])
    assert [edited.map.to_input(i) for i in range(len(edited.text) + 1)] == [0, 1, 2, 2, 2, 2, 3, 4]


def test_forward_map_is_the_inverse_on_copied_text() -> None:
    edited = apply_edits("one  two\nthree", [Edit(3, 5, " ", "ws"), Edit(8, 9, " ", "unwrap")])
    for raw_pos in (0, 5, 6, 9, 13):
        out = edited.map.to_output(raw_pos)
        assert edited.map.to_input(out) == raw_pos


def test_composed_map_traces_the_repaired_text_back_through_every_step() -> None:
    raw = "alpha\r\n\r\n\r\nbeta  gamma"
    first = apply_edits(raw, [Edit(5, 7, "\n", "eol"), Edit(7, 9, "\n", "eol"), Edit(9, 11, "\n", "eol")])
    second = apply_edits(first.text, [Edit(5, 8, "\n\n", "ws"), Edit(12, 14, " ", "ws")])
    offsets = OffsetMap([first.map, second.map])
    assert second.text == "alpha\n\nbeta gamma"
    for word in ("alpha", "beta", "gamma"):
        start = second.text.index(word)
        raw_start, raw_end = offsets.raw_span(start, start + len(word))
        assert raw[raw_start:raw_end] == word
        assert offsets.to_text(raw_start) == start


def test_empty_chain_is_the_identity() -> None:
    offsets = OffsetMap([], raw_len=5)
    assert [offsets.to_raw(i) for i in range(6)] == [0, 1, 2, 3, 4, 5]
    assert offsets.to_raw(99) == 5
