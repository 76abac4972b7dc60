"""Quotes stage: direct, indirect and mixed statements, each with its speaker linked to an actor.

Three steps, all over the repaired text and its spaCy parse:

1. :func:`communique.nlp.quote_marks.find_quoted_spans` pairs quote marks of every style
   (“…”, "…", ‘…’, '…', «…», „…“, ‹…›), paragraph-spanning quotes included, with no model.
2. Reporting constructions are read from the dependency parse: a reporting verb from
   ``kb/data/reporting_verbs.json`` with its subject (the speaker) and its clausal complement
   (the content), a light verb with a statement noun ("expressed his hope that ..."), and
   "according to X, ...".
3. Each content is matched against the quoted spans. A quote holding the head verb of the
   content is a **direct** quote of that speaker ("The President added, “…”"); content holding
   only a quoted fragment is one **mixed** quote ("X said the plan was “a mistake”"), content
   with no quote marks an **indirect** one. A quote with no content pointing at it takes the
   speaker of a reporting clause right beside it ("“…,” she said." / "X said: “…”"), or of the
   quote just before it when the two are consecutive; a long one with no speaker at all is kept
   with ``speaker=None``, a short one (a title, a scare quote) is not a statement and is dropped.

The reporting-verb lexicon is data (``kb/data/reporting_verbs.json``, shared with the events stage;
the cues are its verbs used for ``quotes``); a user adds verbs, nouns or source phrases in files of
the same shape (``reporting_verbs`` in the config, ``COMMUNIQUE_REPORTING_VERBS``, ``--reporting-verbs``).

Layout decision: "“A,” he said, “B.”" gives **two** direct quotes with the same speaker and
cue, so that every quote's ``text`` is exactly ``text[start:end]`` and holds no words of the
reporting frame.
"""

from __future__ import annotations

import bisect
import importlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from communique.kb.reporting import ReportingLexicon
from communique.nlp.quote_marks import CLOSING_MARKS, PAIRS, QUOTE_MARKS, QuotedSpan, QuoteMarks, find_quoted_spans
from communique.pipeline import Context
from communique.record import Actor, Document, Quote, QuoteKind

# A quote with no speaker is kept only from this many words on. Below it, a quoted span is a
# title, a nickname or a scare quote ("the so-called “Hope” team"). Calibrated on the GUM
# news dev set: its unattributed <q> spans are 1-4 words, its unattributed statements longer.
# Re-run `communique evaluate quotes gum-news` after changing it.
UNATTRIBUTED_MIN_WORDS = 5

# An unattributed quoted span where at least this share of the words are capitalised, with no
# final stop, is a title ("The Internet Explorer 6 Countdown"), not a statement. Calibrated on
# the titles quoted in the GUM news dev set (0.6-0.8) against its statements (under 0.4).
TITLE_CAPS_SHARE = 0.6


# --------------------------------------------------------------------------- reporting clauses


@dataclass(frozen=True)
class _Report:
    cue: tuple[int, int]  # characters of the cue ("said", "expressed his hope", "according to")
    speaker: Any  # the spaCy token heading the speaker's noun phrase, or None
    contents: tuple[Any, ...]  # spaCy tokens heading the reported clauses (may be empty)
    source: Any = None  # for "according to X": the token of the clause it qualifies

    @cached_property
    def frame(self) -> tuple[int, int]:
        """Characters from the first to the last of cue and speaker phrase."""
        start, end = self.cue
        if self.speaker is not None:
            np_start, np_end = _noun_phrase(self.speaker)
            start, end = min(start, np_start), max(end, np_end)
        return start, end


def _find_reports(parsed: Any, lex: ReportingLexicon, marks: QuoteMarks) -> list[_Report]:
    reports: list[_Report] = []
    for tok in parsed:
        if marks.at(tok.idx) is not None:
            continue  # words inside quote marks belong to the speaker, not to the frame
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX") and (lemma in lex.verbs or _has_particle(tok, lemma, lex)):
            if any(c.dep_ == "auxpass" for c in tok.children):
                continue  # "it was said that ...": no speaker to attribute
            contents = tuple(c for c in tok.children if c.dep_ == "ccomp")
            speaker = _inverted_speaker(tok) or _subject(tok)
            if speaker is not None and marks.at(speaker.idx) is not None:
                speaker = None  # a clause inside quote marks is what was said, not who said it
            reports.append(_Report(_cue_span(tok, contents, marks, speaker), speaker, contents))
        elif tok.pos_ == "VERB" and lemma in lex.light_verbs:
            noun = next((c for c in tok.children if c.dep_ in ("dobj", "oprd", "ccomp", "acomp")
                         and c.lemma_.lower() in lex.nouns), None)  # "expressed hope", "made (it) clear"
            if noun is None:
                continue
            contents = tuple(c for c in noun.children if c.dep_ in ("acl", "ccomp")
                             or (c.dep_ in ("csubj", "advcl") and any(m.lower_ == "that" for m in c.children)))
            contents += tuple(c for c in tok.children if c.dep_ == "ccomp" and c.i != noun.i)
            reports.append(_Report((tok.idx, noun.idx + len(noun)), _subject(tok), contents))
        elif (tok.lower_, tok.nbor(1).lower_ if tok.i + 1 < len(parsed) else "") in lex.sources:
            prep = parsed[tok.i + 1]
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None and tok.head.i != tok.i:
                reports.append(_Report((tok.idx, prep.idx + len(prep)), obj, (tok.head,), source=tok))
    return reports


def _has_particle(tok: Any, lemma: str, lex: ReportingLexicon) -> bool:
    return any(c.dep_ == "prt" and (lemma, c.lower_) in lex.particle_verbs for c in tok.children)


def _subject(verb: Any) -> Any:
    for _ in range(3):  # "... and said", "..., adding that": the subject of the governing verb
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "csubj")), None)
        if subj is not None and subj.tag_ in ("WP", "WDT", "WP$") and verb.dep_ == "relcl":
            return verb.head  # "the officer who told reporters that ...": the officer
        if subj is not None:
            return subj
        if any(c.dep_ == "nsubjpass" for c in verb.children):
            return None  # "I was hauled in and told that ...": the teller is not named
        if verb.dep_ not in ("conj", "advcl", "xcomp") or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _inverted_speaker(verb: Any) -> Any:
    """“Is it over?” asked one protester: the parser often makes the speaker an object."""
    before = [t for t in verb.doc[max(0, verb.i - 2):verb.i] if t.text != ","]
    if not before or before[-1].text not in CLOSING_MARKS:
        return None
    return next((c for c in verb.rights if c.dep_ in ("dobj", "attr", "npadvmod", "dative")), None)


def _cue_span(verb: Any, contents: Sequence[Any], marks: QuoteMarks, speaker: Any = None) -> tuple[int, int]:
    """The verb with its particle and an object between it and the content ("told reporters")."""
    end = verb.idx + len(verb)
    first_content = min((c.left_edge.i for c in contents if c.i > verb.i), default=len(verb.doc))
    for child in verb.children:
        last = child if child.dep_ == "prt" else child.right_edge
        if child.dep_ == "prt" or (
            child.dep_ in ("dobj", "dative") and verb.i < child.i and last.i < first_content
            and (speaker is None or child.i != speaker.i)
            and not marks.within(child.left_edge.idx, last.idx + len(last))
        ):
            end = max(end, last.idx + len(last))
    return verb.idx, end


def _content_span(head: Any, report: _Report) -> tuple[int, int]:
    """Characters of a reported clause, without its "that", its commas and a source phrase."""
    toks = list(head.subtree)
    if report.source is not None:
        src = set(t.i for t in report.source.subtree)
        if report.source.i < head.i:
            toks = [t for t in toks if t.i > report.source.right_edge.i]
        else:
            toks = [t for t in toks if t.i < report.source.left_edge.i]
        toks = [t for t in toks if t.i not in src]
    while toks and (toks[0].dep_ == "mark" or toks[0].is_space
                    or (toks[0].is_punct and toks[0].text not in PAIRS)):
        toks.pop(0)
    while toks and (toks[-1].is_space or (toks[-1].is_punct and toks[-1].text not in CLOSING_MARKS)):
        toks.pop()
    if not toks:
        return head.idx, head.idx
    return toks[0].idx, toks[-1].idx + len(toks[-1])


# --------------------------------------------------------------------------- attribution

_GAP_AFTER = re.compile(r"[ \t,—–-]*")  # between a closing mark and the frame: "“…,” she said"
_GAP_BEFORE = re.compile(r"\s*(?:[,:—–-]|\bthat)?\s*")  # frame, then the quote: "She said: “…”"
# A short phrase and a colon between frame and quote: "the ministry said in a statement: “…”".
_GAP_BEFORE_COLON = re.compile(r"[^.!?;“”\"«»„\n]{1,60}:\s*")
_PERSONAL = frozenset({"he", "she", "him", "her"})
_NP_CUT = frozenset({"relcl", "acl", "appos", "punct", "advcl"})


@dataclass(frozen=True)
class _Draft:
    start: int
    end: int
    kind: QuoteKind
    report: _Report | None


def attribute(text: str, parsed: Any, spans: Sequence[QuotedSpan], reports: Sequence[_Report]) -> list[_Draft]:
    """Match reporting clauses with quoted spans; one draft per quote, in text order."""
    marks = QuoteMarks(spans)
    owner: dict[QuotedSpan, _Report] = {}
    consumed: set[QuotedSpan] = set()
    drafts: list[_Draft] = []
    for rep in reports:
        for head in rep.contents if rep.speaker is not None else ():  # reported speech needs a speaker
            start, end = _content_span(head, rep)
            if end <= start:
                continue
            inside = marks.within(start, end)
            if not inside:
                drafts.append(_Draft(start, end, "indirect", rep))
            elif _speaks_the_clause(head, inside):
                for m in inside:  # the quote holds the reported clause itself: direct speech
                    owner.setdefault(m, rep)
            else:  # reported speech with quoted words in it
                start = min(start, *(m.open for m in inside))
                end = max(end, *(m.after for m in inside))
                drafts.append(_Draft(start, end, "mixed", rep))
                consumed.update(inside)
    previous: tuple[QuotedSpan, _Report | None] | None = None
    sentences = [(s.start_char, s.end_char) for s in parsed.sents]
    owners = {id(r) for r in owner.values()}
    quoting = [r for r in reports if not r.contents or id(r) in owners]
    for span in spans:
        if span in consumed:
            continue
        found = (owner.get(span) or _adjacent(text, span, reports) or _continuing(text, span, previous)
                 or _previous_sentence(text, span, quoting, sentences))
        if found is None and not _statement_like(text[span.start:span.end]):
            continue
        drafts.append(_Draft(span.start, span.end, "direct", found))
        previous = (span, found)
    unique = {(d.start, d.end): d for d in reversed(drafts)}  # first draft of a span wins
    return sorted(unique.values(), key=lambda d: (d.start, d.end))


def _speaks_the_clause(head: Any, inside: Sequence[QuotedSpan]) -> bool:
    """Do the quote marks hold the reported clause itself, its verb and its subject?
    ("he said, “we will win”" yes; "he said Poland “will not hesitate”" no: mixed)."""
    def quoted(tok: Any) -> bool:
        return any(m.open <= tok.idx < m.after for m in inside)

    subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    return quoted(head) and all(quoted(c) for c in subjects)


def _statement_like(words: str) -> bool:
    """Could an unattributed quoted span be a statement rather than a title or a scare quote?"""
    tokens = words.split()
    if len(tokens) < UNATTRIBUTED_MIN_WORDS:
        return False
    capitalised = sum(t[0].isupper() or t[0].isdigit() for t in tokens)
    return capitalised / len(tokens) < TITLE_CAPS_SHARE or words.rstrip()[-1] in ".?!"


def _adjacent(text: str, span: QuotedSpan, reports: Iterable[_Report]) -> _Report | None:
    """A reporting clause right after the closing mark or right before the opening one."""
    ends_sentence = text[span.start:span.end].endswith(".")  # “We won.” Smith said. is two sentences
    for rep in reports:
        start, end = rep.frame
        if not ends_sentence and span.after <= start and _GAP_AFTER.fullmatch(text, span.after, start):
            return rep
    for rep in reports:
        start, end = rep.frame
        if end <= span.open and (_GAP_BEFORE.fullmatch(text, end, span.open)
                                 or _GAP_BEFORE_COLON.fullmatch(text, end, span.open)):
            return rep
    return None


def _continuing(
    text: str, span: QuotedSpan, previous: tuple[QuotedSpan, _Report | None] | None
) -> _Report | None:
    """The speaker of the quote just before, when only punctuation and that quote's own
    reporting clause separate the two ("“A,” she said. “B.”")."""
    if previous is None:
        return None
    before, rep = previous
    if rep is None:
        return None
    between = text[before.after:span.open]
    start, end = rep.frame
    if before.after <= start and end <= span.open:
        between = text[before.after:start] + text[end:span.open]
    return rep if not any(c.isalnum() for c in between) else None


def _joins_words(tok: Any) -> bool:
    """A quote mark or a hyphen inside the phrase ("Ing-wen", "the “History” page"), not a comma."""
    return tok.text in QUOTE_MARKS or (tok.text == "-" and not tok.whitespace_ and tok.i > 0
                                        and not tok.doc[tok.i - 1].whitespace_)


def _previous_sentence(
    text: str, span: QuotedSpan, reports: Sequence[_Report], sentences: Sequence[tuple[int, int]]
) -> _Report | None:
    """For a quote that opens its sentence: the speaker of a reporting clause in the sentence
    before that reports no words but quoted ones ("The minister spoke to reporters. “We agreed.”")."""
    k = bisect.bisect_right([start for start, _ in sentences], span.open) - 1
    if k < 1 or any(c.isalnum() for c in text[sentences[k][0]:span.open]):
        return None
    start, end = sentences[k - 1]
    found = [r for r in reports if start <= r.cue[0] < end and r.speaker is not None]
    return found[-1] if found else None


def _noun_phrase(head: Any) -> tuple[int, int]:
    """The speaker's noun phrase without relative clauses, appositions or commas."""
    cut = {t.i for c in head.children if c.dep_ in _NP_CUT and not _joins_words(c) for t in c.subtree}
    kept = {t.i for t in head.subtree} - cut
    left = right = head.i
    while left - 1 in kept:
        left -= 1
    while right + 1 in kept:
        right += 1
    doc = head.doc
    return doc[left].idx, doc[right].idx + len(doc[right])


# --------------------------------------------------------------------------- actor links


def _actor_finder() -> Callable[[Document, int, int], Actor | None] | None:
    """The actors stage's ``actor_at`` (its coreference), when that stage is installed."""
    try:
        module = importlib.import_module("communique.nlp.actors")
    except ImportError:
        return None
    found = getattr(module, "actor_at", None)
    return found if callable(found) else None


def _mention_actor(doc: Document, start: int, end: int) -> Actor | None:
    for actor in doc.actors:
        for m in actor.mentions:
            if m.start < end and start < m.end:
                return actor
    return None


def link_speaker(doc: Document, head: Any) -> str | None:
    """The id of the actor a speaker's phrase refers to, through the actors stage's coreference."""
    finder = _actor_finder() or _mention_actor
    candidates = [(head.idx, head.idx + len(head)), _noun_phrase(head)]
    candidates += [(c.idx, c.idx + len(c)) for c in head.children if c.dep_ == "appos"]
    for start, end in candidates:
        actor = finder(doc, start, end)
        if actor is not None:
            return actor.id
    # No actor mention here: a pronoun, a role noun ("the lawmaker") or a surname names the
    # nearest earlier actor that fits it.
    pronoun = head.pos_ == "PRON" and head.lower_ in _PERSONAL
    if not pronoun and head.pos_ not in ("NOUN", "PROPN"):
        return None
    best: tuple[int, str] | None = None
    for actor in doc.actors:
        if pronoun and actor.type != "person":
            continue
        if not pronoun and head.lemma_.lower() not in (actor.title or "").lower().split() and not (
            head.pos_ == "PROPN" and head.text in actor.name.split()  # a surname: "Wilkins"
        ):
            continue
        for m in actor.mentions:
            if m.end <= head.idx and (best is None or m.end > best[0]):
                best = (m.end, actor.id)
    return best[1] if best else None


# --------------------------------------------------------------------------- stage


class QuotesStage:
    name = "quotes"
    needs = frozenset({"text", "parsed", "actors"})
    adds = frozenset({"quotes"})

    def __call__(self, doc: Document, ctx: Context) -> Document:
        if doc.parsed is None or not doc.text:
            return doc.with_(quotes=())
        return doc.with_(quotes=extract_quotes(doc, ctx.resources.reporting_verbs))


def extract_quotes(doc: Document, lexicon: ReportingLexicon) -> tuple[Quote, ...]:
    """The quotes of a parsed document (``doc.parsed`` must hold its spaCy Doc)."""
    text, parsed = doc.text, doc.parsed
    spans = find_quoted_spans(text)
    reports = _find_reports(parsed, lexicon, QuoteMarks(spans))
    quotes = []
    for draft in attribute(text, parsed, spans, reports):
        rep = draft.report
        speaker = speaker_text = cue = None
        if rep is not None:
            cue = text[rep.cue[0]:rep.cue[1]]
            if rep.speaker is not None:
                np_start, np_end = _noun_phrase(rep.speaker)
                speaker_text = text[np_start:np_end]
                speaker = link_speaker(doc, rep.speaker)
        quotes.append(Quote(speaker, speaker_text, cue, text[draft.start:draft.end], draft.kind,
                            draft.start, draft.end))
    return tuple(quotes)
