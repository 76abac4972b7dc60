"""A fuzz of the whole pipeline, aimed at the events stage: random and adversarial text never raises.

The words are drawn from what the coder reacts to (every lemma of the package's verb lexicon,
names of states and organisations of the knowledge base, reporting verbs, negations, modals,
pronouns) mixed with punctuation, quote marks, digits, odd Unicode and random characters, so
that the parser produces unusual trees around triggers. Every record must also hold together:
evidence spans point at their text, events name actors that exist, codes are in the code table.

The number of examples is fixed for CI; set ``COMMUNIQUE_FUZZ_EXAMPLES`` for a longer run.
"""

from __future__ import annotations

import os
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communique.ingest.text import from_text
from communique.kb.lexicon import load_lexicon

_LEX = load_lexicon()
_TRIGGERS = sorted({lemma for group in (_LEX.verbs, _LEX.nouns) for lemma in group})
_NAMES = ["Russia", "Ukraine", "the United Nations", "NATO", "Hamas", "Japanese", "the president", "rebels",
          "Kim Jong Un", "the army", "police", "KCNA", "the ministry", "Iran's", "Saudi-led", "EU"]
_GLUE = ["not", "will", "would", "said", "that", "to", "and", "or", "with", "against", "by", "on", "in", "of",
         "he", "she", "it", "they", "who", "which", "never", "could", "if", "after", "denied", "urged",
         "refused", "was", "were", "been", "has", "'s", "no", "than", "as"]
_MARKS = [".", ",", ";", ":", "!", "?", '"', "“", "”", "‘", "’", "(", ")", "[", "]", "-", "—", "...", "\n", "\n\n",
          "\u200b", "\u00ad", "\ufeff", "1", "2024", "25%", "$3", "&", "*", "#"]
_EXAMPLES = int(os.environ.get("COMMUNIQUE_FUZZ_EXAMPLES", "40"))

_word = st.one_of(st.sampled_from(_TRIGGERS), st.sampled_from(_NAMES), st.sampled_from(_GLUE),
                  st.sampled_from(_MARKS), st.text(min_size=1, max_size=8))
_sentence = st.lists(_word, min_size=1, max_size=40).map(" ".join)
_text = st.lists(_sentence, min_size=1, max_size=6).map(lambda sentences: " ".join(sentences))


def _holds_together(record: Any) -> None:
    actors = {a.id for a in record.actors}
    for event in record.events:
        assert record.text[event.evidence.start:event.evidence.end] == event.evidence.text
        assert set(event.actor) <= actors and set(event.recipient) <= actors
        assert not set(event.actor) & set(event.recipient)
        assert event.cameo is None or event.cameo in _LEX.codes
        assert 0.0 <= event.confidence <= 1.0
    assert len({e.id for e in record.events}) == len(record.events)


@settings(max_examples=_EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(_text)
def test_any_text_goes_through_every_stage(pipeline: Any, text: str) -> None:
    _holds_together(pipeline(from_text(text)))


ADVERSARIAL = [
    "will will will not not to to to",
    "Russia Russia Russia " * 200,
    "“" * 300 + "attacked" + "”" * 300,
    "He said that she said that they said that " * 40 + "Iran attacked Israel.",
    "(((((((((((" * 50 + "rebels fired" + ")))))))))" * 50,
    "Iran supplied drones to Russia and " * 100,
    "The government will demonstrate its determination. " * 20,
    "- - - - " * 500,
    "\u0000\u0001\u0002 attacked \ud7ff \uffff",
    "A" * 5000,
    "Not not not never never refused to refuse to deny denying denials.",
]


def test_adversarial_texts_go_through_every_stage(pipeline: Any) -> None:
    for text in ADVERSARIAL:
        _holds_together(pipeline(from_text(text)))
