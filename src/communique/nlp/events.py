"""Events stage: PLOVER + CAMEO events from the dependency parse, every event in a sentence.

For each sentence the stage walks the parse and matches predicates against the
verb lexicon (:mod:`communique.kb.lexicon`):

1. **Verbs** match a pattern on their lemma, particle/preposition, object nouns
   and open complement; the most specific pattern wins.
2. **Frame verbs** ("agree to X", "urge Y to X", "refuse to X", "threaten to X")
   take their code from the complement X, which is then not an event of its own.
3. **Intention and reporting verbs** are not events: they set the modality of
   their complement's event (``intended``, ``reported``), see :mod:`modality`.
4. **Nouns** ("Tsai's meeting with ...", "launched an attack on ...") are events
   when an actor owns them or a light verb carries them.
5. **CAMEO conventions**: a stated future act is an intent ("will send aid" -> AGREE,
   "will attack" -> THREATEN); "R said Y must X" is R's demand on Y; a protest absorbs the
   demand in its purpose clause.

Events with neither an actor nor a recipient are dropped (``REQUIRE_PARTICIPANT``).

Arguments come from :mod:`arguments`; the event's date and place from the date
and place mentions attached to its clause (:mod:`event_setting`); its confidence from the
formula below.
"""

from __future__ import annotations

from typing import Any

from communique.kb.lexicon import Frame, Lexicon
from communique.kb.reporting import ReportingLexicon, load_reporting_lexicon
from communique.nlp.arguments import (
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
from communique.nlp.event_setting import governing, mentions_in
from communique.nlp.modality import is_negated, modality
from communique.nlp.triggers import (
    MOD_DEPS,
    Match,
    best_pattern,
    code_root,
    complement,
    lemma,
    noun_complement,
    wants_another,
)
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

# CAMEO codes a stated future act as an intent: roots 04-08 (cooperation) -> 03x "express intent",
# roots in FUTURE_CONFLICT -> 13x "threaten". Mobilizing (15) and verbal conflict (09-13) stay as they are.
FUTURE_COOPERATION = (4, 8)
FUTURE_CONFLICT = frozenset({14, 16, 17, 18, 19, 20})
OBLIGATION_AUX = frozenset({"must"})
# Modals that make a that-clause after a reporting-and-demanding verb (tell, insist) a directive.
DIRECTIVE_MODALS = frozenset({"must", "should", "to"})
# Roots of a purpose clause that a protest absorbs (appeals, demands, disapproval).
PROTEST_AIMS = frozenset({"02", "10", "11", "14"})
# Frames whose recipient is the recipient of the act they govern ("threatened to shell Iraqi towns").
_COMPLEMENT_RECIPIENT_FRAMES = frozenset({"commit", "refuse", "threaten"})
# Roots whose object is what is moved, not whom it is aimed at ("mobilized army reservists").
THEME_OBJECT_ROOTS = frozenset({15})

_VERB_POS = frozenset({"VERB"})
_NOUN_POS = frozenset({"NOUN", "PROPN"})
_NOUN_RECIPIENT_PREPS = frozenset({"with", "to", "against", "on", "between"})


class _SentenceCoder:
    def __init__(self, lex: Lexicon, index: ActorIndex, reporting: frozenset[str]) -> None:
        self.lex = lex
        self.index = index
        self.reporting = reporting  # verbs whose clausal complement is reported (the reporting-verb lexicon)

    def verb_match(self, tok: Any) -> Match | None:
        patterns = self.lex.verbs.get(lemma(tok)) or self.lex.verbs.get(str(tok.lower_)) or []
        negated = is_negated(tok)
        best = best_pattern(tok, patterns, negated, noun=False)
        if best is None:
            return None
        pat, used = best
        return Match(tok, pat.code, pat.specificity, used, negation_absorbed=pat.negated_only, actor_from=tok)

    def noun_match(self, tok: Any) -> Match | None:
        patterns = self.lex.nouns.get(lemma(tok)) or self.lex.nouns.get(str(tok.lower_)) or []
        best = best_pattern(tok, patterns, False, noun=True)
        if best is None:
            return None
        pat, used = best
        return Match(tok, pat.code, pat.specificity, used, noun=True, actor_from=tok)

    def code_of(self, tok: Any) -> Match | None:
        """What ``tok`` would be coded as on its own (used for frame complements)."""
        if tok.pos_ in _VERB_POS:
            m = self.verb_match(tok)
            if m is None:
                inner = complement(tok) if lemma(tok) in self.lex.intention else None
                return self.code_of(inner) if inner is not None else None
            return m
        if tok.pos_ in _NOUN_POS:
            return self.noun_match(tok)
        return None

    def frame_match(self, tok: Any, frame: Frame, own: Match | None) -> tuple[Match | None, Any]:
        comp = complement(tok)
        if comp is None:
            return own, None
        if lemma(tok) in self.reporting and not _directive(comp):
            return own, None  # "told the press that ...", "insisted that ..." report, they do not demand
        inner = self.code_of(comp)
        if own is not None and own.specificity > 0 and own.code[:2] != frame.prefix:
            return own, comp  # a pattern of its own outranks the frame ("call +for{release}" 1053)
        if frame.kind == "commit" and inner is not None and code_root(inner.code) >= 14:
            frame = self.lex.frame_kinds.get("threaten", frame)  # "vowed to fight" is a threat
        code = self.lex.frame_code(frame, inner.code if inner else None)
        toks = [tok, comp] + (inner.tokens[1:] if inner else [])
        match = Match(tok, code, 1 if inner else 0, toks, frame=True, actor_from=tok, frame_kind=frame.kind)
        refuse = self.lex.frame_kinds.get("refuse")
        if is_negated(tok) and frame.kind == "commit" and refuse is not None:  # "did not agree to meet"
            match.code = self.lex.frame_code(refuse, inner.code if inner else None)
            match.negation_absorbed = True
        return match, comp

    def future(self, tok: Any, m: Match) -> Match:
        """A future act stated now is an intent: "will send aid" -> AGREE 033, "will attack" -> THREATEN."""
        auxes = {c.lower_ for c in tok.children if c.dep_ == "aux"}
        reported = tok.dep_ == "ccomp" and lemma(tok.head) in self.reporting
        ready = tok.dep_ == "xcomp" and lemma(tok.head) in self.lex.ready_words
        if not (auxes & self.lex.future_aux or (reported and auxes & self.lex.reported_future_aux) or ready):
            return m
        root = code_root(m.code)
        negated = is_negated(tok) and not m.negation_absorbed
        kind = None
        if FUTURE_COOPERATION[0] <= root <= FUTURE_COOPERATION[1]:
            kind = "refuse" if negated else "commit"
        elif root in FUTURE_CONFLICT and not negated:
            kind = "threaten"
        frame = self.lex.frame_kinds.get(kind or "")
        if frame is None:
            return m
        code = self.lex.frame_code(frame, m.code)
        return Match(tok, code, m.specificity, m.tokens, negation_absorbed=negated, actor_from=tok)

    def light_frame(self, tok: Any, m: Match, consumed: set[int]) -> Match:
        """ "reached a consensus to exchange data", "issued a demand that X leave": the noun frames the act."""
        if lemma(tok) not in self.lex.light_verbs:
            return m
        for obj in (c for c in tok.children if c.dep_ == "dobj"):
            frame = self.lex.noun_frames.get(lemma(obj))
            comp = noun_complement(obj) if frame is not None else None
            if frame is None or comp is None:
                continue
            inner = self.code_of(comp)
            consumed.update([comp.i, *(c.i for c in comp.children)])
            subjects = [c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")]
            return Match(tok, self.lex.frame_code(frame, inner.code if inner else None), m.specificity + 1,
                          [tok, obj, comp], frame=True, actor_from=tok, recipient_tokens=subjects)
        return m

    def obligation(self, tok: Any, m: Match | None) -> Match | None:
        """ "R said that Y must do X" is R's demand on Y (when Y is not R), whether or not X is in the lexicon."""
        if not any(c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX for c in tok.children):
            return m
        head = tok.head
        if tok.dep_ != "ccomp" or lemma(head) not in self.reporting:
            return m
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        targets = [i for s in subjects for i in phrase_actors(s, self.index)[0]]
        speakers = resolve_actor(head, self.index, Salience()).actors
        if not targets or not speakers or set(targets) & set(speakers):
            return m
        demand = self.lex.frame_kinds.get("demand")
        if demand is None:
            return m
        code = self.lex.frame_code(demand, m.code if m else None)
        return Match(tok, code, m.specificity if m else 0, [head, *(m.tokens if m else [tok])],
                      actor_from=head, recipient_tokens=subjects)

    def sentence(self, span: Any) -> list[Match]:
        """The event triggers of one sentence, in text order."""
        matches: dict[int, Match] = {}
        consumed: set[int] = set()
        for tok in span:
            if tok.pos_ not in _VERB_POS and not (tok.pos_ == "AUX" and tok.dep_ == "ROOT"):
                continue
            own = self.verb_match(tok)
            frame = self.lex.frames.get(lemma(tok))
            if frame is None and lemma(tok) in self.lex.intention and wants_another(tok):
                frame = self.lex.frame_kinds.get("appeal")  # "Sharon wants Germany to pay": an appeal
            if frame is not None and not any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children):
                own, comp = self.frame_match(tok, frame, own)
                if comp is not None and own is not None and own.frame:
                    consumed.update([comp.i, *(c.i for c in comp.children)])
            if own is not None and not own.frame and own.code in self.lex.codes:
                own = self.obligation(tok, self.light_frame(tok, self.future(tok, own), consumed))
            elif own is None:
                own = self.obligation(tok, None)
            if own is not None:
                matches[tok.i] = own
        for tok in span:
            if tok.pos_ != "NOUN" or tok.i in matches:  # names ("Counter-Strike") are not events
                continue
            m = self.noun_match(tok)
            noun_frame = self.lex.noun_frames.get(lemma(tok))
            comp = noun_complement(tok) if noun_frame is not None else None
            if comp is not None:
                consumed.update([comp.i, *(c.i for c in comp.children)])
            if m is None:
                continue
            if comp is not None and noun_frame is not None:
                inner = self.code_of(comp)
                m.code = self.lex.frame_code(noun_frame, inner.code if inner else None)
                m.tokens = [*m.tokens, comp]
                m.recipient_tokens = [c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")]
            anchor = tok.head if tok.dep_ == "compound" and tok.head.pos_ in _NOUN_POS else tok
            head = anchor.head if anchor.dep_ != "pobj" else anchor.head.head
            if head.i in matches and not matches[head.i].frame:
                continue
            if any(c.dep_ in ("acl", "xcomp") and c.i in matches for c in tok.children):
                continue  # "a commitment to raise spending": the complement is the event
            if head.i in matches and matches[head.i].frame:
                consumed.add(tok.i)
            light = (head.pos_ in _VERB_POS and lemma(head) in self.lex.light_verbs
                     and anchor.dep_ in ("dobj", "nsubjpass"))
            owned = any(c.dep_ in ("poss", "compound", "amod", "nmod") for c in anchor.children if c is not tok)
            directed = any(c.dep_ == "prep" and c.lower_ in _NOUN_RECIPIENT_PREPS for c in anchor.children)
            received = (head.pos_ in _VERB_POS and lemma(head) in self.lex.receiving_verbs
                        and anchor.dep_ == "dobj")
            if received:  # "received support from X": X acts toward the receiver
                givers = [p for t in (anchor, head) for c in t.children
                          if c.dep_ in ("prep", "agent") and c.lower_ in ("from", "by")
                          for p in c.children if p.dep_ == "pobj"]
                if not givers:
                    continue
                m.actor_tokens = givers
                m.recipient_tokens = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
            elif not (light or owned or directed):
                continue
            elif light:
                m.actor_from = head
            matches[tok.i] = m
        self._absorb_protest_demands(matches, consumed)
        return [m for i, m in sorted(matches.items()) if i not in consumed]

    def _absorb_protest_demands(self, matches: dict[int, Match], consumed: set[int]) -> None:
        """ "demonstrated ... calling for X", "a hunger strike to demand X": the demand is the protest's aim."""
        for m in list(matches.values()):
            if not m.code[:2].isdigit() or code_root(m.code) != 14:
                continue
            for host in {m.trigger, m.actor_from}:
                for child in host.children:
                    aim = matches.get(child.i)
                    if child.dep_ in ("advcl", "xcomp", "acl") and aim is not None and aim.code[:2] in PROTEST_AIMS:
                        consumed.add(child.i)
                        m.aims.append(aim)


def _directive(comp: Any) -> bool:
    """Is this complement an instruction ("told X to leave", "insisted that X must leave")?"""
    if comp.dep_ == "xcomp" or comp.pos_ in ("NOUN", "PROPN"):
        return True
    return any(c.dep_ == "aux" and c.lower_ in DIRECTIVE_MODALS for c in comp.children)


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
        return doc.with_(events=tuple(code_events(doc, ctx.resources.lexicon, ctx.resources.reporting_verbs)))


def code_events(doc: Document, lex: Lexicon, reporting: ReportingLexicon | None = None) -> list[Event]:
    """Every event of ``doc`` (which must carry its parse) in text order, ids ``E1``, ``E2``, ...

    ``reporting`` is the reporting-verb lexicon (the package's when not given)."""
    parsed = doc.parsed
    index = ActorIndex(doc)
    coder = _SentenceCoder(lex, index, (reporting or load_reporting_lexicon()).event_verbs)
    salient = Salience()
    events: list[Event] = []
    previous: list[Any] = []
    for sent in parsed.sents:
        dates = mentions_in(parsed, sent.start_char, sent.end_char, doc.dates)
        places = mentions_in(parsed, sent.start_char, sent.end_char, doc.places, locative=True)
        for m in coder.sentence(sent):
            event = _build(doc, lex, coder.reporting, m, index, salient, sent, dates, places, previous,
                           len(events) + 1)
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


def _build(doc: Document, lex: Lexicon, reporting: frozenset[str], m: Match, index: ActorIndex, salient: Salience,
           sent: Any, dates: list[tuple[Any, Any]], places: list[tuple[Any, Any]], previous: list[Any],
           n: int) -> Event | None:
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
            rec_ids, rec_toks = recipients(comp, index, who.actors, noun=comp.pos_ in _NOUN_POS, extra=m.tokens[2:])
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
    mod = modality(clause, lex.intention, lex.intention_nouns, reporting, lex.plan_nouns)
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
