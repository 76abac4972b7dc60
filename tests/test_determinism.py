"""The same input gives the same record on every run: nothing depends on Python's per-process hash seed."""

from __future__ import annotations

import os
import subprocess
import sys

from communique.kb import load_kb
from communique.nlp.actors.roles import _term_ending

# Phrases whose last word the knowledge base knows both as written and by its lemma, a protest whose aim
# hangs from both its trigger and its subject's verb: the places where a set's order used to decide.
TEXT = (
    "Dutch and Belgian authorities approved the merger on 3 May 2021. Farmers marched in Brussels, "
    "demanding lower fuel taxes, while Italian officials and Spanish officials met in Rome."
)


def test_a_term_is_read_as_written_before_its_lemma() -> None:
    words = ["belgian", "authorities"]
    start, phrase = _term_ending(load_kb(), words, 1, "authority") or (None, None)
    assert (start, phrase) == (1, "authorities")


def test_the_record_is_the_same_under_any_hash_seed() -> None:
    code = ("import sys; from communique import extract; "
            "print(extract(sys.stdin.read(), published='2021-05-04').to_json())")
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-c", code], input=TEXT, capture_output=True, text=True, env=env,
                             check=True)
        outputs.add(run.stdout)
    assert len(outputs) == 1
