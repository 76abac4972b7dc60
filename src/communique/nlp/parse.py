"""Parse stage: spaCy over the repaired text, sentences that never cross a heading or paragraph.

The pipeline name is configuration (``--model``, ``COMMUNIQUE_MODEL``, config
file); any installed spaCy pipeline works. Nothing is downloaded.
"""

from __future__ import annotations

import re

from communique.pipeline import Context
from communique.record import Document, Sentence

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


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
    needs = frozenset({"text", "headings"})
    adds = frozenset({"sentences", "parsed", "spacy_pipeline", "spacy_pipeline_version"})

    def __call__(self, doc: Document, ctx: Context) -> Document:
        nlp = ctx.resources.nlp
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
        return doc.with_(
            sentences=sentences,
            parsed=parsed,
            spacy_pipeline=f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')}",
            spacy_pipeline_version=str(nlp.meta.get("version", "?")),
        )


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
