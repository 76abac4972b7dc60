"""Quote-span evaluation: gold spans read from GUM-style CoNLL-U milestones."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.evaluate import EvaluationError
from communique.evaluate.quotes import gold_quotes


def _conllu(rows: list[tuple[str, str]]) -> str:
    lines = ["# newdoc id = test", "# text = made up"]
    for i, (word, misc) in enumerate(rows, 1):
        lines.append("\t".join([str(i), word, word, "X", "X", "_", "0", "dep", "_", misc or "_"]))
    return "\n".join(lines) + "\n\n"


def test_quote_milestones_become_character_spans(tmp_path: Path) -> None:
    path = tmp_path / "doc.conllu"
    path.write_text(_conllu([
        ("He", ""), ("said", "SpaceAfter=No"), (",", ""),
        ('"', "SpaceAfter=No|XML=<quote>"), ("Go", "SpaceAfter=No"), ('"', "XML=</quote>"),
        ("to", ""), ("the", ""), ("'", "SpaceAfter=No|XML=<q>"), ("fair", "SpaceAfter=No"), ("'", "XML=</q>"),
    ]), encoding="utf-8")
    text, spans = gold_quotes(path)
    assert text.rstrip() == "He said, \"Go\" to the 'fair'"
    assert [(tag, text[s:e]) for tag, s, e in spans] == [("quote", '"Go"'), ("q", "'fair'")]


def test_unbalanced_milestone_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.conllu"
    path.write_text(_conllu([("Go", "XML=</quote>")]), encoding="utf-8")
    with pytest.raises(EvaluationError, match=r"bad\.conllu:3"):
        gold_quotes(path)
