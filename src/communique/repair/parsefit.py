"""How well a displaced fragment reads at a candidate place, judged by the spaCy pipeline's tagger.

The edge-word scores of :mod:`.joins` see one word either side of a join. The
tagger sees a window of context through its token-to-vector layer: where a
line is put back into the sentence it was cut from, the tagger is sure of the
word classes around the joins; where it is put into the wrong sentence, the
words around the joins become ambiguous and its confidence drops.

The score of a candidate place is the tagger's total log-confidence (the
log-probability of its best tag, summed over the tokens) of
``left + fragment + right`` less that of ``left + right`` (a few words of each
context line): how much the
fragment costs (or gains) the region it is inserted in. Only the differences
between a fragment's candidate places matter, so the fragment's own words
cancel out.

The parser's sentence boundaries and unattached words (label ``dep``) were
tried as well: on the damage benchmark's development seeds they differed
between the right place and a wrong one in under 10% of candidate pairs, and
were dropped (docs/repair.md).
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

# Windows kept per scorer: a document's passes over the text ask for the same few
# windows again; 4096 short windows are well under a megabyte.
CACHE_SIZE = 4096
# Words of context kept on either side of the fragment. The tagger of the small
# English pipelines sees a token through a convolution of four layers, each one
# token wide on either side: a tag depends on at most four tokens either way, so
# context farther than that from a join is read alike with and without the
# fragment and cancels out. Six words leave room (a word can be several tokens,
# never fewer than one) and halve the tokens the tagger reads.
CONTEXT_WORDS = 6


def _log_confidence(rows: Any) -> float:
    """Sum over tokens of the log-probability of the best tag, from a (tokens x tags) score array."""
    total = 0.0
    for row in rows.tolist():
        if not row:
            continue
        best = max(row)
        if min(row) >= 0.0 and abs(sum(row) - 1.0) < 1e-3:  # already probabilities
            total += math.log(max(best, 1e-12))
        else:  # logits: log-softmax of the best
            total -= math.log(sum(math.exp(v - best) for v in row))
    return total


def windows(left: str, fragment: str, right: str) -> tuple[str, str]:
    """The text around a candidate place with the fragment and without it."""
    tail = " ".join(left.split()[-CONTEXT_WORDS:])
    head = " ".join(right.split()[:CONTEXT_WORDS])
    return f"{tail} {fragment} {head}", f"{tail} {head}"


def tagger_scorer(nlp: Any) -> Callable[[Sequence[tuple[str, str, str]]], list[float]] | None:
    """A ``JoinScorer`` from the tagger of spaCy pipeline ``nlp``; None when it has no tagger.

    It reads all the windows it has not seen in one batch (a batch costs far less
    than the same windows one by one).
    """
    names = list(getattr(nlp, "pipe_names", ()))
    if "tagger" not in names:
        return None
    tagger = nlp.get_pipe("tagger")
    before = [proc for name, proc in nlp.pipeline[: names.index("tagger")]]  # e.g. the shared tok2vec
    seen: OrderedDict[str, float] = OrderedDict()

    def read(texts: Sequence[str]) -> None:
        docs = [nlp.make_doc(text) for text in dict.fromkeys(t for t in texts if t not in seen)]
        if not docs:
            return
        for proc in before:
            docs = list(proc.pipe(docs)) if hasattr(proc, "pipe") else [proc(doc) for doc in docs]
        for doc, rows in zip(docs, tagger.model.predict(docs), strict=True):
            seen[doc.text] = _log_confidence(tagger.model.ops.to_numpy(rows))
        while len(seen) > CACHE_SIZE:
            seen.popitem(last=False)

    def score(places: Sequence[tuple[str, str, str]]) -> list[float]:
        pairs = [windows(*place) for place in places]
        read([text for pair in pairs for text in pair])
        return [seen[with_it] - seen[without] for with_it, without in pairs]

    return score
