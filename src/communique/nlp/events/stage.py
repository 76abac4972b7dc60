"""Events stage: PLOVER + CAMEO events from the dependency parse, every event in a sentence.

The coder (:mod:`coder`) finds each sentence's triggers; this module turns each into an
:class:`~communique.record.Event`. Events with neither an actor nor a recipient are dropped
(``REQUIRE_PARTICIPANT``), and a sentence's codings of one predicate are merged into its most
specific one (:mod:`merge`).

Arguments come from :mod:`arguments`; the event's date and place from the date
and place mentions attached to its clause (:mod:`setting`); its confidence from the
formula below.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from communique.kb.lexicon import CameoCode, Lexicon
from communique.kb.reporting import ReportingLexicon, load_reporting_lexicon
from communique.nlp.events.arguments import (
    ActorIndex,
    Named,
    Resolved,
    Salience,
    actors_of,
    bridged_owner,
    phrase_actors,
    place_recipients,
    recipients,
    resolve_actor,
    resolve_noun_actor,
)
from communique.nlp.events.coder import SentenceCoder
from communique.nlp.events.merge import merge_codings
from communique.nlp.events.modality import is_negated, modality
from communique.nlp.events.setting import Anchored, governing, mentions_in
from communique.nlp.events.triggers import MOD_DEPS, NOUN_POS, Match, code_root, lemma
from communique.pipeline import Context
from communique.record import DateMention, Document, Event, Place, Span

# Confidence = PRIOR[specificity] (FRAME_PRIOR for frame verbs) x NOUN_FACTOR (nominal triggers)
# x ACTOR_FACTOR[how the actor was found] x SUBORDINATE_FACTOR (relative/adverbial/participial clauses).
# Calibrated on the PLOVER GSR dev set as the share of events whose type is a gold type of their
# sentence (feature analysis of the dev run, see docs/events.md "Confidence"): main-clause verb events
# were right 0.72 (lemma only), 0.77 (one constraint), 0.76 (two or more, 25 events), frame verbs
# 0.80; nominal triggers 0.57 against 0.77 for verbs; events with no actor 0.71 against 0.74 in
# main clauses (0.39 against 0.60 overall); events whose actor is inherited through a control or
# coordination link ("plans to impose", "and made") about 0.3 against 0.8 for explicit subjects,
# largely because the GSR codes such clauses by their frame (AGREE, THREATEN); the pronoun factor
# is a guess (too few pronoun subjects in the dev set to measure). Re-run the dev evaluation
# after changing any of these and update the table in docs/events.md.
SPECIFICITY_PRIOR = {0: 0.72, 1: 0.77, 2: 0.78}
NOUN_FACTOR = 0.75
FRAME_PRIOR = 0.8
ACTOR_FACTOR = {"explicit": 1.0, "inherited": 0.55, "pronoun": 0.9, "none": 0.8}
# Events in a relative, adverbial or participial clause ("refugees fleeing the war", "to protest
# the ban") were right 0.20 of the time against 0.74 for main-clause events on the GSR dev set;
# the GSR codes one event per sentence, so this undercounts real secondary events: 0.35, not 0.27.
SUBORDINATE_FACTOR = 0.35
# Events with neither an actor nor a recipient say nothing about who did what to whom; they
# are dropped (set False to keep them, e.g. to study lexicon coverage).
REQUIRE_PARTICIPANT = True
_SUBORDINATE_DEPS = frozenset({"relcl", "acl", "advcl", "pcomp"})
TEMPORAL_MARKS = frozenset({"when", "after", "before", "while", "as", "once", "since", "until"})
# "made it clear ... that it will not accept": a that-clause the parser hung as adverbial is a complement.
NOT_BACKGROUND_MARKS = TEMPORAL_MARKS | {"that"}

# Frames whose recipient is the recipient of the act they govern ("threatened to shell Iraqi towns").
_COMPLEMENT_RECIPIENT_FRAMES = frozenset({"commit", "refuse", "threaten"})
# Roots whose object is what is moved, not whom it is aimed at ("mobilized army reservists").
THEME_OBJECT_ROOTS = frozenset({15})


class EventsStage:
    name = "events"
    needs = frozenset({"parsed", "actors", "dates", "places", "reference_date"})
    adds = frozenset({"events"})

    def __call__(self, doc: Document, ctx: Context) -> Document:
        parsed = doc.parsed
        if parsed is None:
            return doc.with_(events=())
        return doc.with_(events=tuple(code_events(doc, ctx.resources.lexicon, ctx.resources.reporting_verbs)))


def code_events(doc: Document, lex: Lexicon, reporting: ReportingLexicon | None = None) -> list[Event]:
    """Every event of ``doc`` (which must carry its parse) in text order, ids ``E1``, ``E2``, ...

    ``reporting`` is the reporting-verb lexicon (the package's when not given)."""
    parsed = doc.parsed
    index = ActorIndex(doc)
    reported = (reporting or load_reporting_lexicon()).event_verbs
    coder = SentenceCoder(lex, index, reported)
    salient = Salience()
    events: list[Event] = []
    previous: list[Any] = []
    for sent in parsed.sents:
        here = _Sentence(doc, lex, reported, index, salient, sent,
                         dates=mentions_in(parsed, sent.start_char, sent.end_char, doc.dates),
                         places=mentions_in(parsed, sent.start_char, sent.end_char, doc.places, locative=True),
                         previous=tuple(previous))
        found: list[Event] = []
        for m in coder.sentence(sent):
            event = _event(m, here, "")
            if event is not None:
                found.append(event)
            _note_subjects(m.actor_from.children, index, salient)  # pronouns later in the sentence point back
        events += [replace(e, id=f"E{len(events) + n}") for n, e in enumerate(merge_codings(found, doc.text), 1)]
        _note_subjects(sent, index, salient)
        previous.append(sent)
    return events


@dataclass(frozen=True)
class _Sentence:
    """What the events of one sentence are read against."""

    doc: Document
    lex: Lexicon
    reporting: frozenset[str]  # verbs whose clausal complement is reported (the reporting-verb lexicon)
    index: ActorIndex
    salient: Salience  # the document's last subjects, updated as the sentences go by
    span: Any  # the sentence
    dates: list[Anchored[DateMention]]  # its date mentions
    places: list[Anchored[Place]]  # its places named as a location
    previous: tuple[Any, ...]  # the sentences before it, for a definite noun phrase that points back


def _note_subjects(tokens: Iterable[Any], index: ActorIndex, salient: Salience) -> None:
    """The actors of the subjects among ``tokens`` are the ones a later pronoun stands for."""
    for tok in tokens:
        if tok.dep_ in ("nsubj", "nsubjpass"):
            salient.note(phrase_actors(tok, index).actors, index)


def _event(m: Match, s: _Sentence, event_id: str) -> Event | None:
    """The event of the trigger ``m``; none when its code has no PLOVER type or it has no participant."""
    info = s.lex.codes.get(m.code)
    if info is None or info.plover is None:
        return None
    who = _actor(m, s)
    whom = _recipients(m, info, who, s)
    if (m.noun or REQUIRE_PARTICIPANT) and not who.actors and not whom.actors:
        return None
    clause, lex = m.clause, s.lex
    negated = (is_negated(m.trigger) or (m.noun and is_negated(clause))) and not m.negation_absorbed
    mod = modality(clause, lex.intention, lex.intention_nouns, s.reporting, lex.plan_nouns)
    date = governing(clause, s.dates)
    place = governing(clause, s.places)
    lemmas = _trigger_lemmas(m)
    return Event(
        id=event_id, type=info.plover, mode=_mode(info.plover, info.mode, lemmas, lex),
        context=_contexts(info.context, lemmas, lex), cameo=info.code, goldstein=info.goldstein,
        quad_class=info.quad_class, actor=tuple(who.actors), recipient=tuple(whom.actors),
        date=date.value if date else s.doc.reference_date, date_text=date.text if date else None,
        location=place.name if place else None, negated=negated, modality=mod,
        evidence=_evidence(m, who, whom, s), confidence=_confidence(m, who, s),
    )


def _actor(m: Match, s: _Sentence) -> Resolved:
    """Who acts: the tokens the coder named ("support from X"), a nominal trigger's owner, else the
    subject of the actor's clause (inherited along control and coordination links)."""
    if m.actor_tokens:
        named = actors_of(m.actor_tokens, s.index)
        return Resolved(named.actors, named.tokens, "explicit")
    if m.noun and m.actor_from == m.trigger:
        return resolve_noun_actor(m.trigger, s.index, s.salient)
    return resolve_actor(m.actor_from, s.index, s.salient)


def _recipients(m: Match, info: CameoCode, who: Resolved, s: _Sentence) -> Named:
    """At whom the event is aimed: the tokens the coder named, else the parse around the trigger; for
    a noun, also the light verb's; failing those, the owner of a definite object named earlier, then
    the state where it happens ("arrived in Amman", "a curfew in Abidjan")."""
    whom = actors_of(m.recipient_tokens, s.index, who.actors) if m.recipient_tokens else _parsed(m, info, who, s)
    if m.noun and m.actor_from != m.trigger:
        more = recipients(m.actor_from, s.index, who.actors + whom.actors)
        whom = Named(whom.actors + more.actors, whom.tokens + more.tokens)
    if not whom.actors and not m.noun:
        whom = Named(_bridged(m, who, s), whom.tokens)
    if not whom.actors:
        hosts = list(dict.fromkeys([m.trigger, *m.tokens, *([m.actor_from] if m.noun and m.actor_from else [])]))
        whom = place_recipients(hosts, s.index, who.actors)
    return whom


def _parsed(m: Match, info: CameoCode, who: Resolved, s: _Sentence) -> Named:
    """The recipients the parse shows: a frame's complement's first ("threatened to shell Iraqi towns"),
    then the trigger's, then a protest's absorbed demand's (a protest is aimed at whom it demands of)."""
    whom = Named([], [])
    if m.frame and len(m.tokens) > 1 and m.frame_kind in _COMPLEMENT_RECIPIENT_FRAMES:
        comp = m.tokens[1]  # "offered to hand over to X", "threatened to shell Iraqi towns"
        whom = recipients(comp, s.index, who.actors, noun=comp.pos_ in NOUN_POS, extra=m.tokens[2:])
    if not whom.actors:
        whom = recipients(m.trigger, s.index, who.actors, noun=m.noun, extra=m.tokens,
                          locative=info.mode == "visit" or "asylum" in info.context,
                          theme=code_root(m.code) in THEME_OBJECT_ROOTS, condition=info.plover == "THREATEN")
    for aim in m.aims:
        if not whom.actors:
            whom = recipients(aim.trigger, s.index, who.actors, noun=aim.noun, extra=aim.tokens)
    return whom


def _bridged(m: Match, who: Resolved, s: _Sentence) -> list[str]:
    """The owner, named in an earlier sentence, of the verb's definite object ("praised the new strategy");
    with several objects, the last one's owner stands."""
    ids: list[str] = []
    for obj in (t for t in m.trigger.children if t.dep_ == "dobj"):
        ids = [i for i in bridged_owner(obj, s.index, s.previous) if i not in who.actors]
    return ids


def _evidence(m: Match, who: Resolved, whom: Named, s: _Sentence) -> Span:
    """The trigger, its objects and the words naming its participants inside the sentence, widened to
    whole actor mentions."""
    objects = [t for t in m.trigger.children if t.dep_ in ("dobj", "attr", "oprd", "dative")] if not m.noun else []
    sent = s.span
    tokens = [t for t in m.tokens + objects + who.tokens + whom.tokens if sent.start <= t.i < sent.end]
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    for actor_id in who.actors + whom.actors:
        for mention in s.index.by_id[actor_id].mentions:
            if mention.start < end and start < mention.end and sent.start_char <= mention.start < sent.end_char:
                start, end = min(start, mention.start), max(end, min(mention.end, sent.end_char))
    return Span(start, end, s.doc.text[start:end])


def _trigger_lemmas(m: Match) -> set[str]:
    """The lemmas of the matched tokens and of their modifiers, which hint at a context or a mode."""
    return {lemma(t) for t in m.tokens} | {lemma(c) for t in m.tokens for c in t.children if c.dep_ in MOD_DEPS}


def _contexts(own: tuple[str, ...], lemmas: set[str], lex: Lexicon) -> tuple[str, ...]:
    """The code's PLOVER contexts and those the trigger's words hint at ("nuclear" → nuclear)."""
    context = list(own)
    for word in sorted(lemmas):
        hint = lex.context_hints.get(word)
        if hint and hint not in context:
            context.append(hint)
    return tuple(context)


def _mode(plover: str, own: str | None, lemmas: set[str], lex: Lexicon) -> str | None:
    """The mode a word of the trigger hints at for its PLOVER type, else the code's own."""
    hints = lex.mode_hints.get(plover, {})
    hinted = [hints[x] for x in sorted(lemmas) if x in hints]
    return hinted[0] if hinted else own


def _confidence(m: Match, who: Resolved, s: _Sentence) -> float:
    """The formula of the confidence constants above."""
    prior = FRAME_PRIOR if m.frame else SPECIFICITY_PRIOR[min(m.specificity, 2)]
    confidence = prior * (NOUN_FACTOR if m.noun else 1.0) * ACTOR_FACTOR[who.how if who.actors else "none"]
    if _subordinate(m.clause, s.span, s.lex):
        confidence *= SUBORDINATE_FACTOR
    return round(confidence, 3)


def _subordinate(tok: Any, sent: Any, lex: Lexicon) -> bool:
    """Is ``tok`` inside a background clause: relative, participial, purpose or other adverbial?

    Not background: a temporal clause ("when she met X", an event that happened) and the
    content of an intention or frame noun ("a commitment to raise spending").
    """
    cur = tok
    while cur.head.i != cur.i and cur.i != sent.root.i:
        if cur.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ in NOT_BACKGROUND_MARKS
                                       for c in cur.children):
            cur = cur.head
            continue
        if cur.dep_ == "acl" and (lemma(cur.head) in lex.intention_nouns or lemma(cur.head) in lex.noun_frames):
            cur = cur.head
            continue
        if cur.dep_ in _SUBORDINATE_DEPS:
            return True
        cur = cur.head
    return False
