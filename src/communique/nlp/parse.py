"""Parse stage: spaCy over the repaired text, sentences that never cross a heading or paragraph.

The pipeline name is configuration (``--model``, ``COMMUNIQUE_MODEL``, config
file); any installed spaCy pipeline works. Nothing is downloaded.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from communique.errors import ConfigError
from communique.pipeline import Context
from communique.record import Document, Sentence

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


@lru_cache(maxsize=4)
def load_model(name: str) -> Any:
    """Load an installed spaCy pipeline by package name or path; never download."""
    import spacy

    try:
        return spacy.load(name)
    except OSError:
        raise ConfigError(
            f"spaCy pipeline {name!r} is not installed; install its package or name another with --model"
        ) from None


def nlp_for(ctx: Context) -> Any:
    return ctx.resource("nlp", lambda: load_model(ctx.config.model))


def block_starts(doc: Document) -> set[int]:
    """Character offsets where a new block (heading or paragraph) begins."""
    starts = {0}
    for match in _PARAGRAPH_BREAK.finditer(doc.text):
        starts.add(match.end())
    for heading in doc.headings:
        starts.add(heading.start)
        starts.add(heading.end)
    return starts


class ParseStage:
    name = "parse"
    needs = frozenset({"text"})
    adds = "sentences"

    def __call__(self, doc: Document, ctx: Context) -> Document:
        nlp = nlp_for(ctx)
        tokenized = nlp.make_doc(doc.text)
        # Pre-set boundaries are respected by spaCy's parser and senter: a
        # heading or paragraph always starts a sentence of its own.
        pending = sorted(block_starts(doc))
        for token in tokenized:
            while pending and pending[0] <= token.idx:
                if token.i > 0 and not token.is_space:
                    token.is_sent_start = True
                if token.is_space:
                    break
                pending.pop(0)
        parsed = nlp(tokenized)
        sentences = tuple(
            Sentence(*_strip(doc.text, s.start_char, s.end_char)) for s in parsed.sents if s.text.strip()
        )
        meta = dict(doc.meta)
        meta["spacy_pipeline"] = f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')}"
        meta["spacy_pipeline_version"] = nlp.meta.get("version", "?")
        return doc.with_(sentences=sentences, parsed=parsed, meta=meta)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
