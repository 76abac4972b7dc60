"""Layout steps: whitespace, split sentences, hyphenation, wrapped lines.

Each step is a pure function ``str -> Edited`` (see :mod:`.offsets`). After
:func:`normalise_whitespace`, a text is a sequence of *blocks* (paragraphs or
headings) separated by exactly one blank line, each block a sequence of lines
separated by ``"\\n"``, with no space at either end of a line; the later steps
rely on that shape and keep it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from communique.repair import joins
from communique.repair.offsets import Edit, Edited, apply_edits

# Characters that end a line (beside "\n"): CR, vertical tab, form feed (page
# breaks in PDF extractions), NEL, line and paragraph separators.
_LINE_BREAKS = re.compile(r"\r\n?|[\v\f\x85\u2028\u2029]")
# Spaces that are not U+0020: tab, no-break, the typographic spaces, ideographic space.
_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Invisible characters that only get in the way: zero-width space, word joiner, BOM.
_INVISIBLE = re.compile(r"[\u200b\u2060\ufeff]")
# A soft hyphen, with the line break after it if there is one.
_SOFT_HYPHEN = re.compile(r"\u00ad(?:[ \t]*(?:\r\n?|\n))?")
_WHITESPACE_RUN = re.compile(r"[ \n]+")
_HYPHEN_BREAK = re.compile(r"([^\W\d_]+)-\n([^\W\d_]+)")


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str
    block: int  # index of the block the line belongs to
    first: bool  # first line of its block
    last: bool  # last line of its block


def parse_lines(text: str) -> list[Line]:
    """The lines of a normalised text, each knowing its block."""
    lines: list[Line] = []
    offset = 0
    for b, block in enumerate(text.split("\n\n")):
        parts = block.split("\n")
        for k, part in enumerate(parts):
            lines.append(Line(offset, offset + len(part), part, b, k == 0, k == len(parts) - 1))
            offset += len(part) + 1
        offset += 1
    return lines if text else []


def parse_blocks(text: str) -> list[list[Line]]:
    blocks: list[list[Line]] = []
    for line in parse_lines(text):
        if line.first:
            blocks.append([])
        blocks[-1].append(line)
    return blocks


def block_text(block: Sequence[Line]) -> str:
    """A block's lines joined as one line (how it reads once unwrapped)."""
    return " ".join(line.text for line in block)


def width_of(lines: Sequence[Line]) -> float:
    return joins.line_width([line.text for line in lines], [line.last for line in lines])


def _regex_step(
    pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str], kind: str
) -> Callable[[str], Edited]:
    def step(text: str) -> Edited:
        return apply_edits(text, (Edit(m.start(), m.end(), replace(m), kind) for m in pattern.finditer(text)))

    return step


_line_breaks = _regex_step(_LINE_BREAKS, lambda m: "\n", "line_ending")
_spaces = _regex_step(_SPACES, lambda m: " ", "space")
_invisible = _regex_step(_INVISIBLE, lambda m: "", "invisible")
_soft_hyphens = _regex_step(_SOFT_HYPHEN, lambda m: "", "soft_hyphen")


def normalise_characters(text: str) -> list[Edited]:
    """Line endings to ``\\n``, exotic spaces to U+0020, soft hyphens and invisibles removed."""
    out: list[Edited] = []
    for step in (_soft_hyphens, _line_breaks, _spaces, _invisible):
        out.append(step(text))
        text = out[-1].text
    return out


def _whitespace_replacement(match: re.Match[str], length: int) -> str:
    if match.start() == 0 or match.end() == length:
        return ""
    newlines = match.group().count("\n")
    return " " if newlines == 0 else "\n" if newlines == 1 else "\n\n"


def normalise_whitespace(text: str) -> Edited:
    """Collapse runs of spaces, strip line ends, one blank line between blocks, none at either end."""
    edits = (
        Edit(m.start(), m.end(), _whitespace_replacement(m, len(text)), "whitespace")
        for m in _WHITESPACE_RUN.finditer(text)
    )
    return apply_edits(text, edits)


def rejoin_sentences(text: str, protected: frozenset[str] = frozenset()) -> Edited:
    """Close a paragraph break that splits a sentence ("...that was" / "adopted on ...").

    ``protected`` holds normalised heading texts (hints) that are never joined.
    """
    blocks = parse_blocks(text)
    edits: list[Edit] = []
    for left, right in itertools.pairwise(blocks):
        if normalise_key(block_text(left)) in protected or normalise_key(block_text(right)) in protected:
            continue
        if joins.rejoinable(left[-1].text, right[0].text):
            edits.append(Edit(left[-1].end, right[0].start, "\n", "rejoin_sentence"))
    return apply_edits(text, edits)


def normalise_key(text: str) -> str:
    """How headings are compared with hints: casefolded, one space between words, no edge punctuation."""
    return " ".join(text.split()).strip(" .:;,").casefold()


def _keep_hyphen(left: str, right: str, text: str, lexicon: Callable[[str], bool] | None) -> bool:
    """Whether ``left-\\nright`` is a hyphenated compound (keep "-") or a word hyphenated by the layout."""
    if right[:1].isupper():
        return True  # "Indo-\nPacific", "anti-\nAmerican"
    joined = left + right
    hyphenated = re.compile(r"\b" + re.escape(left) + r"-" + re.escape(right) + r"\b", re.IGNORECASE)
    if hyphenated.search(text.replace("-\n", "\u0000")):
        return True  # the document writes the compound with a hyphen elsewhere
    if re.search(r"\b" + re.escape(joined) + r"\b", text, re.IGNORECASE):
        return False  # ... or the word without one
    if lexicon is not None:
        return not lexicon(joined.lower())
    return False


def dehyphenate(text: str, lexicon: Callable[[str], bool] | None = None) -> Edited:
    """Undo hyphenation at line ends: "strat-\\negy" -> "strategy", "well-\\nknown" -> "well-known".

    ``lexicon`` says whether a word exists (the stage passes spaCy's vocabulary);
    without one, evidence in the document decides and a word is joined by default.
    """
    edits: list[Edit] = []
    for m in _HYPHEN_BREAK.finditer(text):
        hyphen = m.end(1)
        if _keep_hyphen(m.group(1), m.group(2), text, lexicon):
            edits.append(Edit(hyphen + 1, hyphen + 2, "", "hyphen_kept"))
        else:
            edits.append(Edit(hyphen, hyphen + 2, "", "dehyphenate"))
    return apply_edits(text, edits)


def unwrap(text: str) -> Edited:
    """Join the lines of every block into one line (a line break inside a block becomes a space)."""
    edits = [
        Edit(line.end, line.end + 1, " ", "unwrap") for line in parse_lines(text) if not line.last
    ]
    return apply_edits(text, edits)
