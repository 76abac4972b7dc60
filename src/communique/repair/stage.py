"""The repair stage: ``raw_text`` in, ``text``, ``repairs``, ``headings`` (and a title) out."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from communique.pipeline import Context
from communique.record import Document
from communique.repair.chain import repair_text
from communique.repair.parsefit import tagger_scorer


def spacy_lexicon(nlp: Any) -> Callable[[str], bool]:
    """Whether a lowercase word is English, from the lemmatizer tables a spaCy pipeline ships.

    The tables (base forms per part of speech, exceptions, suffix rules) are
    fixed data of the pipeline package, so the answer does not depend on which
    documents were processed before (spaCy's string store would). A pipeline
    without a rule lemmatizer gives a lexicon that knows no word, and
    hyphenation is then judged on evidence in the document alone.
    """
    base: set[str] = set()
    rules: list[tuple[str, str]] = []
    exceptions: set[str] = set()
    if "lemmatizer" in getattr(nlp, "pipe_names", ()):
        lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
        if lookups is not None and lookups.has_table("lemma_index"):
            for forms in lookups.get_table("lemma_index").values():
                base.update(forms)
            for table_rules in lookups.get_table("lemma_rules").values():
                rules.extend((old, new) for old, new in table_rules)
            for table_exc in lookups.get_table("lemma_exc").values():
                exceptions.update(table_exc)
    frozen_base = frozenset(base)
    frozen_exceptions = frozenset(exceptions)
    frozen_rules = tuple(rules)

    def is_word(word: str) -> bool:
        if word in frozen_base or word in frozen_exceptions:
            return True
        return any(
            word.endswith(old) and word[: len(word) - len(old)] + new in frozen_base
            for old, new in frozen_rules
            if old
        )

    return is_word


class RepairStage:
    """Pipeline stage around :func:`communique.repair.repair_text`."""

    name = "repair"
    needs = frozenset({"raw_text", "title", "heading_hints"})
    adds = frozenset({"text", "repairs", "headings", "title"})

    def __call__(self, doc: Document, ctx: Context) -> Document:
        hints = [str(h) for h in doc.heading_hints if h]
        if doc.title:
            hints.append(doc.title)
        resources = ctx.resources
        lexicon = resources.derived("repair_lexicon", lambda: spacy_lexicon(resources.nlp))
        # The tagger reads a displaced fragment at its few best places only; a text
        # without displaced fragments never calls it.
        scorer = resources.derived("repair_scorer", lambda: tagger_scorer(resources.nlp))
        result = repair_text(doc.raw_text, hints, lexicon, scorer)
        return doc.with_(
            text=result.text,
            repairs=result.repairs,
            headings=result.headings,
            title=doc.title or result.title,
        )
