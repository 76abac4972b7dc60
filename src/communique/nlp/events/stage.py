"""Events stage: PLOVER + CAMEO events from the dependency parse, every event in a sentence.

The coder (:mod:`coder`) finds each sentence's triggers; this module turns each into an
:class:`~communique.record.Event`. Events with neither an actor nor a recipient are dropped
(``REQUIRE_PARTICIPANT``).

Arguments come from :mod:`arguments`; the event's date and place from the date
and place mentions attached to its clause (:mod:`setting`); its confidence from the
formula below.
"""

from __future__ import annotations

from typing import Any

from communique.kb.lexicon import Lexicon
from communique.nlp.events.arguments import (
    ActorIndex,
    Resolved,
    Salience,
    bridged_owner,
    phrase_actors,
    place_recipients,
    recipients,
    resolve_actor,
    resolve_noun_actor,
)
from communique.nlp.events.coder import SentenceCoder
from communique.nlp.events.modality import is_negated, modality
from communique.nlp.events.setting import governing, mentions_in
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


def _subordinate(tok: Any, sent: Any, lex: Lexicon) -> bool:
    """Is ``tok`` inside a background clause: relative, participial, purpose or other adverbial?

    Not background: a temporal clause ("when she met X", an event that happened) and the
    content of an intention or frame noun ("a commitment to raise spending").
    """
    cur = tok
    while cur.head is not cur and cur.i != sent.root.i:
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


class EventsStage:
    name = "events"
    needs = frozenset({"parsed", "actors", "dates", "places", "reference_date"})
    adds = frozenset({"events"})

    def __call__(self, doc: Document, ctx: Context) -> Document:
        parsed = doc.parsed
        if parsed is None:
            return doc.with_(events=())
        return doc.with_(events=tuple(code_events(doc, ctx.resources.lexicon)))


def code_events(doc: Document, lex: Lexicon) -> list[Event]:
    """Every event of ``doc`` (which must carry its parse) in text order, ids ``E1``, ``E2``, ..."""
    parsed = doc.parsed
    index = ActorIndex(doc)
    coder = SentenceCoder(lex, index)
    salient = Salience()
    events: list[Event] = []
    previous: list[Any] = []
    for sent in parsed.sents:
        dates = mentions_in(parsed, sent.start_char, sent.end_char, doc.dates)
        places = mentions_in(parsed, sent.start_char, sent.end_char, doc.places, locative=True)
        for m in coder.sentence(sent):
            event = _build(doc, lex, m, index, salient, sent, dates, places, previous, len(events) + 1)
            if event is not None:
                events.append(event)
            subjects = [t for t in m.actor_from.children if t.dep_ in ("nsubj", "nsubjpass")]
            for tok in subjects:  # pronouns later in the sentence point back to this subject
                ids, _ = phrase_actors(tok, index)
                salient.note(ids, index)
        for tok in sent:
            if tok.dep_ in ("nsubj", "nsubjpass"):
                ids, _ = phrase_actors(tok, index)
                salient.note(ids, index)
        previous.append(sent)
    return events


def _build(doc: Document, lex: Lexicon, m: Match, index: ActorIndex, salient: Salience, sent: Any,
           dates: list[tuple[Any, Any]], places: list[tuple[Any, Any]], previous: list[Any], n: int) -> Event | None:
    info = lex.codes.get(m.code)
    if info is None or info.plover is None:
        return None
    if m.actor_tokens:
        ids: list[str] = []
        toks: list[Any] = []
        for t in m.actor_tokens:
            found, found_toks = phrase_actors(t, index)
            ids += [i for i in found if i not in ids]
            toks += found_toks
        who: Resolved = Resolved(ids, toks, "explicit")
    elif m.noun and m.actor_from is m.trigger:
        who = resolve_noun_actor(m.trigger, index, salient)
    else:
        who = resolve_actor(m.actor_from, index, salient)
    if m.recipient_tokens:
        rec_ids, rec_toks = [], []
        for t in m.recipient_tokens:
            ids, toks = phrase_actors(t, index)
            rec_ids += [i for i in ids if i not in rec_ids and i not in who.actors]
            rec_toks += toks
    else:
        rec_ids, rec_toks = [], []
        if m.frame and len(m.tokens) > 1 and m.frame_kind in _COMPLEMENT_RECIPIENT_FRAMES:
            comp = m.tokens[1]  # "offered to hand over to X", "threatened to shell Iraqi towns"
            rec_ids, rec_toks = recipients(comp, index, who.actors, noun=comp.pos_ in NOUN_POS, extra=m.tokens[2:])
        if not rec_ids:
            rec_ids, rec_toks = recipients(m.trigger, index, who.actors, noun=m.noun, extra=m.tokens,
                                           locative=info.mode == "visit" or "asylum" in info.context,
                                           theme=code_root(m.code) in THEME_OBJECT_ROOTS,
                                           condition=info.plover == "THREATEN")
        for aim in m.aims:  # a protest is aimed at whom its demand is aimed at
            if not rec_ids:
                rec_ids, rec_toks = recipients(aim.trigger, index, who.actors, noun=aim.noun, extra=aim.tokens)
    if m.noun and m.actor_from is not m.trigger:
        more, more_toks = recipients(m.actor_from, index, who.actors + rec_ids)
        rec_ids, rec_toks = rec_ids + more, rec_toks + more_toks
    if not rec_ids and not m.noun:
        for obj in (t for t in m.trigger.children if t.dep_ == "dobj"):
            found, _ = bridged_owner(obj, index, previous)
            rec_ids = [i for i in found if i not in who.actors]
    if not rec_ids:  # the state where it happens: "arrived in Amman", "a curfew in Abidjan"
        hosts = list(dict.fromkeys([m.trigger, *m.tokens, *([m.actor_from] if m.noun and m.actor_from else [])]))
        rec_ids, rec_toks = place_recipients(hosts, index, who.actors)
    if (m.noun or REQUIRE_PARTICIPANT) and not who.actors and not rec_ids:
        return None
    clause = m.actor_from if m.actor_from is not None else m.trigger
    negated = (is_negated(m.trigger) or (m.noun and is_negated(clause))) and not m.negation_absorbed
    mod = modality(clause, lex.intention, lex.intention_nouns, lex.reporting, lex.plan_nouns)
    objects = [t for t in m.trigger.children if t.dep_ in ("dobj", "attr", "oprd", "dative")] if not m.noun else []
    tokens = m.tokens + objects + who.tokens + rec_toks
    tokens = [t for t in tokens if sent.start <= t.i < sent.end]
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    for actor_id in who.actors + rec_ids:  # widen to whole actor mentions inside the sentence
        for mention in index.by_id[actor_id].mentions:
            if mention.start < end and start < mention.end and sent.start_char <= mention.start < sent.end_char:
                start, end = min(start, mention.start), max(end, min(mention.end, sent.end_char))
    date: DateMention | None = governing(clause, dates)
    place: Place | None = governing(clause, places)
    lemmas = {lemma(t) for t in m.tokens} | {lemma(c) for t in m.tokens for c in t.children if c.dep_ in MOD_DEPS}
    context = list(info.context)
    for word in sorted(lemmas):
        hint = lex.context_hints.get(word)
        if hint and hint not in context:
            context.append(hint)
    mode = info.mode
    hints = lex.mode_hints.get(info.plover, {})
    hinted = [hints[x] for x in sorted(lemmas) if x in hints]
    if hinted:
        mode = hinted[0]
    prior = FRAME_PRIOR if m.frame else SPECIFICITY_PRIOR[min(m.specificity, 2)]
    confidence = prior * (NOUN_FACTOR if m.noun else 1.0) * ACTOR_FACTOR[who.how if who.actors else "none"]
    if _subordinate(clause, sent, lex):
        confidence *= SUBORDINATE_FACTOR
    return Event(
        id=f"E{n}", type=info.plover, mode=mode, context=tuple(context), cameo=info.code,
        goldstein=info.goldstein, quad_class=info.quad_class, actor=tuple(who.actors), recipient=tuple(rec_ids),
        date=date.value if date else doc.reference_date, date_text=date.text if date else None,
        location=place.name if place else None, negated=negated, modality=mod,
        evidence=Span(start, end, doc.text[start:end]), confidence=round(confidence, 3),
    )
