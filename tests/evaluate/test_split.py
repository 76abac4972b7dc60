"""The tune / validation split: decided by the normalised text alone, stable, about a quarter held back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from communique.evaluate import resolve_dataset
from communique.evaluate.split import VALIDATION_SHARE, normalise, part_of, select

_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "dev"


def test_case_spacing_and_punctuation_do_not_move_a_sentence() -> None:
    variants = ["Rebels attacked the town.", "rebels  attacked the town", "REBELS ATTACKED THE TOWN!!",
                "Rebels attacked\nthe town ."]
    assert {normalise(v) for v in variants} == {"rebels attacked the town"}
    assert len({part_of(v) for v in variants}) == 1


def test_the_side_is_a_fixed_function_of_the_text() -> None:
    # Fixed points of SHA-256 of the normalised text: they may never change between runs or releases.
    sentences = [f"Sentence number {n} of the protocol." for n in range(400)]
    sides = [part_of(s) for s in sentences]
    assert sides == [part_of(s) for s in sentences]
    share = sides.count("validation") / len(sides)
    assert abs(share - VALIDATION_SHARE) < 0.06


def test_select_keeps_order_and_all_keeps_everything() -> None:
    items = [f"Item {n}." for n in range(50)]
    tune, validation = select(items, "tune", str), select(items, "validation", str)
    assert sorted(tune + validation) == sorted(items)
    assert not set(tune) & set(validation)
    assert tune == [i for i in items if i in tune]
    assert select(items, "all", str) == items


@pytest.mark.parametrize("dataset", ["plover-gsr", "cameo-examples", "petrarch-unittests", "conflibert-cameo"])
def test_a_quarter_of_each_dev_set_is_held_back(dataset: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if not _DATA.is_dir():
        pytest.skip(f"dev data not present at {_DATA}")
    monkeypatch.setenv("COMMUNIQUE_DATA", str(_DATA))
    lines = resolve_dataset(dataset).read_text(encoding="utf-8").splitlines()
    texts = {json.loads(line)["text"] for line in lines if line.strip()}
    share = sum(part_of(t) == "validation" for t in texts) / len(texts)
    assert 0.18 < share < 0.32, share
