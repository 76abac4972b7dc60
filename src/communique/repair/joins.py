"""How well two lines fit together: word shapes and closed-class words across a join.

The repair steps ask two questions about a pair of lines ``left``/``right``:

* :func:`soft_fit` — does ``right`` plausibly continue ``left`` inside one
  paragraph (``left + " " + right`` reads as running text)?
* :func:`hard_fit` — is a paragraph break between them plausible (``left``
  ends a sentence or is a heading, ``right`` starts one)?

Both look only at the edges: the last word of ``left`` and the first word of
``right``, their shape (capitalised, lowercase, digits, punctuation) and, for
English function words, their closed word class (determiner, preposition,
auxiliary, conjunction, subordinator). A determiner or preposition at a line
end wants a noun phrase next; an adjective wants a noun; a sentence end wants a
capital; a digit followed by a digit is a number split in two. The word lists
are the closed classes of English grammar, not words of any article.

Scores are small numbers around zero (positive = plausible); the weights are
named constants below. They were set by hand from these grammatical
preferences and checked on the hand-made tables of tests/repair/ and the seed;
after changing one, re-run tests/repair/ and ``bench/repair_damage.py``.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from functools import lru_cache


def _closed(listing: str) -> frozenset[str]:
    return frozenset(listing.split())


# Closed word classes of English (lowercase).
# Only words that are determiners and nothing else: "this", "that", "all", "some", "her"
# are pronouns as often ("this will", "some of", "told her that") and count as plain words.
DETERMINERS = _closed("a an the every its their my your our whose")
PREPOSITIONS = _closed(
    "of in on at to for with by from into onto about over under between through during against among "
    "across after before behind beyond within without upon toward towards via per since until "
    "amid despite like near off outside inside around along"
)
CONJUNCTIONS = _closed("and or but nor yet")
SUBORDINATORS = _closed(
    "that which who whom whether if because although though while when where as than unless whereas"
)
AUXILIARIES = _closed(
    "is are was were be been being am has have had will would can could shall should may might must "
    "do does did not"
)
PRONOUNS = _closed("he she it they we i you")
# Words that cannot end a clause: at a line end they promise more of the sentence.
WANTS_COMPLEMENT = DETERMINERS | PREPOSITIONS | CONJUNCTIONS | SUBORDINATORS | AUXILIARIES
# Adjective suffixes: an adjective at a line end wants a noun after it.
_ADJECTIVE_SUFFIX = re.compile(r"(al|ive|ous|ic|ful|less|able|ible|ian|ary|ern|ese|ish)$")

_CLOSERS = "\"'”’)]»"
_OPENERS = "\"'“‘([«"
_TERMINAL = re.compile(r"[.!?…][" + re.escape(_CLOSERS) + r"]*$|[" + re.escape(_CLOSERS) + r"][.!?]$")
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")

# --- weights of the fit scores (hand-set from the grammar above; see module docstring) ---
GOOD = 0.5  # a transition grammar expects (determiner -> noun, sentence end -> capital)
WEAK = 0.3  # a transition that is ordinary but carries no evidence (word -> lowercase word)
BAD = -0.5  # a transition grammar dislikes (determiner -> preposition, no sentence end at a break)
VERY_BAD = -1.0  # a transition that does not occur in edited text (sentence end -> lowercase)
SPLIT_NUMBER = 1.0  # digit at a line end, digit at the next line start: one number cut in two

# A heading is short: at most this many words (section headings in news and policy
# papers run 1-10 words; 12 leaves room). Re-run tests/repair/ after changing it.
HEADING_MAX_WORDS = 12
# The title of a news article or policy paper runs to 5-20 words; 30 admits
# long headlines (the longest Wikinews headline in the dev set has 17 words)
# without taking a short first paragraph for a title. Re-run tests/repair/.
TITLE_MAX_WORDS = 30
# A line shorter than this share of the text's line width did not reach the wrap
# margin. Wrapped prose lines are 85-100% of the width, so 0.7 separates them from
# headings and cut lines with room for ragged right margins.
SHORT_LINE_RATIO = 0.7


def ends_sentence(line: str) -> bool:
    """``line`` ends with terminal punctuation (possibly inside closing quotes or brackets)."""
    return bool(_TERMINAL.search(line.rstrip()))


def first_char(line: str) -> str:
    """The first character that is not an opening quote or bracket ("" for none)."""
    stripped = line.lstrip(_OPENERS + " ")
    return stripped[:1]


def starts_lowercase(line: str) -> bool:
    return first_char(line).islower()


def starts_sentence(line: str) -> bool:
    """``line`` may start a sentence: capital, digit or opening quote/bracket."""
    if line[:1] and line[:1] in _OPENERS:
        return True
    head = first_char(line)
    return head.isupper() or head.isdigit()


def cannot_start_sentence(line: str) -> bool:
    """A fragment that must continue something: lowercase or digit start, no final punctuation."""
    head = line[:1]
    return bool(head) and (head.islower() or head.isdigit()) and not ends_sentence(line)


def words(line: str) -> list[str]:
    return _WORD.findall(line)


def last_word(line: str) -> str:
    found = words(line)
    return found[-1] if found else ""


def first_word(line: str) -> str:
    found = words(line)
    return found[0] if found else ""


def wants_complement(line: str) -> bool:
    """The line ends on a word that cannot end a clause (no punctuation after it)."""
    stripped = line.rstrip()
    return bool(stripped) and stripped[-1].isalnum() and last_word(stripped).lower() in WANTS_COMPLEMENT


@lru_cache(maxsize=1 << 14)
def heading_like(text: str) -> bool:
    """Short, no final punctuation, starts with a capital, mostly words, not ending on a function word."""
    found = words(text)
    if not found or len(found) > HEADING_MAX_WORDS:
        return False
    stripped = text.rstrip()
    if stripped[-1] in ".,;:" or (ends_sentence(stripped) and not stripped.endswith(("?", "!"))):
        return False
    if not first_char(stripped).isupper():
        return False
    if dateline(text):
        return False
    return found[-1].lower() not in WANTS_COMPLEMENT


def title_like(text: str) -> bool:
    """Could be a document title: at most TITLE_MAX_WORDS words, a capital first, no final period or comma."""
    stripped = text.rstrip()
    return (
        0 < len(words(stripped)) <= TITLE_MAX_WORDS
        and stripped[-1:] not in (".", ",", ";", ":")
        and first_char(stripped).isupper()
    )


def line_width(lines: Sequence[str], last_flags: Sequence[bool]) -> float:
    """The wrap width of a text: a high quantile of the lengths of lines that are not last in their block.

    Returns 0.0 when no block has more than one line (no wrapping to measure).
    """
    lengths = sorted(len(line) for line, last in zip(lines, last_flags, strict=True) if not last)
    if not lengths:
        return 0.0
    if len(lengths) < 4:
        return float(lengths[-1])
    return float(statistics.quantiles(lengths, n=10)[-1])  # 90th percentile


def dateline(text: str) -> bool:
    """Mostly numbers: a date or figure line ("Monday, July 28, 2014"), never a heading or title line."""
    found = words(text)
    return bool(found) and sum(1 for w in found if w[0].isalpha()) * 2 <= len(found)


# A line is underfull when the first word of the next line would have fitted on
# it with this much of the width to spare: greedy wrapping never leaves such a
# line inside a paragraph, so something was cut from it. 0.9 allows for PDF text,
# where the width is set in glyphs, not characters (about +-10%).
UNDERFULL_SLACK = 0.9


def underfull(line: str, next_line: str, width: float) -> bool:
    """``line`` stopped short: the next line's first word would have fitted on it."""
    head = next_line.split(" ", 1)[0]
    return width > 0 and len(line) + 1 + len(head) <= UNDERFULL_SLACK * width


def is_short(line: str, width: float) -> bool:
    return width > 0 and len(line) < SHORT_LINE_RATIO * width


def _right_class(right: str) -> str:
    head = right[:1]
    if not head:
        return "none"
    if head in ",;:.)]":
        return "punct"
    if head in _OPENERS:
        return "open"
    if head.isdigit():
        return "digit"
    word = first_word(right).lower()
    if word in WANTS_COMPLEMENT or word in PRONOUNS:
        return "function"
    return "lower" if head.islower() else "upper" if head.isupper() else "other"


@lru_cache(maxsize=1 << 16)
def soft_fit(left: str, right: str) -> float:
    """Plausibility of ``right`` continuing ``left`` within one paragraph."""
    left = left.rstrip()
    rc = _right_class(right)
    if not left or rc == "none":
        return 0.0
    tail = left[-1]
    if ends_sentence(left):
        return VERY_BAD if rc in ("lower", "punct") or (rc == "function" and right[:1].islower()) else GOOD
    if tail in ",;:":
        return GOOD if rc in ("lower", "function") else WEAK if rc != "punct" else BAD
    if tail.isdigit() and rc == "digit":
        return SPLIT_NUMBER
    if rc == "punct":
        return WEAK if tail.isalnum() else BAD
    if not tail.isalnum():  # dash, slash, ampersand: anything may follow
        return WEAK
    word = last_word(left).lower()
    right_word = first_word(right).lower()
    if word in DETERMINERS:  # "the" wants a noun phrase: not "the of", "the and", "the is"
        return BAD if right_word in WANTS_COMPLEMENT else GOOD
    if word in PREPOSITIONS:  # "of" wants its object: not "of in", "of and", "of is"
        return BAD if right_word in (PREPOSITIONS | CONJUNCTIONS | AUXILIARIES) else GOOD
    if word in AUXILIARIES or word in CONJUNCTIONS:  # "can be", "was adopted", "and the"; not "and or"
        return BAD if right_word in CONJUNCTIONS else GOOD
    if word in SUBORDINATORS:  # "that is", "that in order", "which the": anything but a conjunction
        return BAD if right_word in CONJUNCTIONS else WEAK
    if rc == "lower" and (word.isdigit() or _ADJECTIVE_SUFFIX.search(word)):
        return GOOD
    if rc in ("lower", "function"):
        return WEAK
    return 0.0


def end_score(line: str | None) -> float:
    """How well a paragraph may end after ``line`` (None: the document starts here)."""
    if line is None:
        return GOOD
    if ends_sentence(line) or heading_like(line):
        return GOOD
    return BAD


def start_score(line: str | None) -> float:
    """How well a paragraph may start with ``line`` (None: the document ends here)."""
    if line is None:
        return GOOD
    return GOOD if starts_sentence(line) else BAD


def rejoinable(left: str, right: str) -> bool:
    """A paragraph break that splits one sentence: ``left`` unfinished, ``right`` a continuation."""
    if ends_sentence(left) or not right:
        return False
    if starts_lowercase(right) and right[:1] not in _OPENERS:
        return True
    return right[:1].isdigit() and wants_complement(left)


def hard_fit(left: str | None, right: str | None) -> float:
    """Plausibility of a paragraph break between ``left`` and ``right``."""
    return end_score(left) + start_score(right)


def break_fit(left: str | None, right: str | None, hard: bool) -> float:
    """Fit of a break as it stands; a hard break that the rejoin step would close counts as soft."""
    if left is None or right is None:
        return end_score(left) + start_score(right)
    if not hard or rejoinable(left, right):
        return soft_fit(left, right)
    return hard_fit(left, right)
