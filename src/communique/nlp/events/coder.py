"""Finding the event triggers of a sentence: which predicates the verb lexicon codes, and how.

For each sentence the coder walks the parse and matches predicates against the
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

The result is a list of :class:`~communique.nlp.events.triggers.Match` values, which the
stage (:mod:`stage`) turns into events.
"""

from __future__ import annotations

from typing import Any

from communique.kb.lexicon import Frame, Lexicon
from communique.nlp.events.arguments import ActorIndex, Salience, phrase_actors, resolve_actor
from communique.nlp.events.modality import is_negated
from communique.nlp.events.triggers import (
    NOUN_POS,
    VERB_POS,
    Match,
    best_pattern,
    code_root,
    complement,
    lemma,
    noun_complement,
    wants_another,
)

# CAMEO codes a stated future act as an intent: roots 04-08 (cooperation) -> 03x "express intent",
# roots in FUTURE_CONFLICT -> 13x "threaten". Mobilizing (15) and verbal conflict (09-13) stay as they are.
FUTURE_COOPERATION = (4, 8)
FUTURE_CONFLICT = frozenset({14, 16, 17, 18, 19, 20})
OBLIGATION_AUX = frozenset({"must"})
# Modals that make a that-clause after a reporting-and-demanding verb (tell, insist) a directive.
DIRECTIVE_MODALS = frozenset({"must", "should", "to"})
# Roots of a purpose clause that a protest absorbs (appeals, demands, disapproval).
PROTEST_AIMS = frozenset({"02", "10", "11", "14"})
# Prepositions through which an event noun names whom it is aimed at ("talks with X", "an attack on X").
_NOUN_RECIPIENT_PREPS = frozenset({"with", "to", "against", "on", "between"})


class SentenceCoder:
    """Finds the event triggers of one sentence after another of a document (see the module docstring)."""

    def __init__(self, lex: Lexicon, index: ActorIndex, reporting: frozenset[str]) -> None:
        self.lex = lex
        self.index = index
        self.reporting = reporting  # verbs whose clausal complement is reported (the reporting-verb lexicon)

    def verb_match(self, tok: Any) -> Match | None:
        patterns = self.lex.verbs.get(lemma(tok)) or self.lex.verbs.get(str(tok.lower_)) or []
        negated = is_negated(tok)
        fit = best_pattern(tok, patterns, negated, noun=False)
        if fit is None:
            return None
        pat = fit.pattern
        return Match(tok, pat.code, pat.specificity, fit.tokens, negation_absorbed=pat.negated_only, actor_from=tok)

    def noun_match(self, tok: Any) -> Match | None:
        patterns = self.lex.nouns.get(lemma(tok)) or self.lex.nouns.get(str(tok.lower_)) or []
        fit = best_pattern(tok, patterns, False, noun=True)
        if fit is None:
            return None
        return Match(tok, fit.pattern.code, fit.pattern.specificity, fit.tokens, noun=True, actor_from=tok)

    def code_of(self, tok: Any) -> Match | None:
        """What ``tok`` would be coded as on its own (used for frame complements)."""
        if tok.pos_ in VERB_POS:
            m = self.verb_match(tok)
            if m is None:
                inner = complement(tok) if lemma(tok) in self.lex.intention else None
                return self.code_of(inner) if inner is not None else None
            return m
        if tok.pos_ in NOUN_POS:
            return self.noun_match(tok)
        return None

    def frame_match(self, tok: Any, frame: Frame, own: Match | None, consumed: set[int]) -> Match | None:
        """ "agreed to meet", "urged X to withdraw": the frame verb coded by its complement, which it consumes.

        ``own``, the verb's own match, stands when the verb governs no complement, reports rather than
        demands, or has a specific pattern outside the frame's root."""
        comp = complement(tok)
        if comp is None:
            return own
        if lemma(tok) in self.reporting and not _directive(comp):
            return own  # "told the press that ...", "insisted that ..." report, they do not demand
        inner = self.code_of(comp)
        if inner is not None and not inner.is_event:
            inner = None  # "agreed to demonstrate its resolve": the complement is no act of its own
        if own is not None and own.specificity > 0 and own.code[:2] != frame.prefix:
            return own  # a pattern of its own outranks the frame ("call +for{release}" 1053)
        if frame.kind == "commit" and inner is not None and (code_root(inner.code) or 0) >= 14:
            frame = self.lex.frame_kinds.get("threaten", frame)  # "vowed to fight" is a threat
        code = self.lex.frame_code(frame, inner.code if inner else None)
        toks = [tok, comp] + (inner.tokens[1:] if inner else [])
        match = Match(tok, code, 1 if inner else 0, toks, frame=True, actor_from=tok, frame_kind=frame.kind)
        refuse = self.lex.frame_kinds.get("refuse")
        if is_negated(tok) and frame.kind == "commit" and refuse is not None:  # "did not agree to meet"
            match.code = self.lex.frame_code(refuse, inner.code if inner else None)
            match.negation_absorbed = True
        _consume(comp, consumed)
        return match

    def future(self, tok: Any, m: Match) -> Match:
        """A future act stated now is an intent: "will send aid" -> AGREE 033, "will attack" -> THREATEN."""
        auxes = {c.lower_ for c in tok.children if c.dep_ == "aux"}
        reported = tok.dep_ == "ccomp" and lemma(tok.head) in self.reporting
        ready = tok.dep_ == "xcomp" and lemma(tok.head) in self.lex.ready_words
        root = code_root(m.code)
        if root is None:
            return m  # "will demonstrate its resolve" stays no event
        if not (auxes & self.lex.future_aux or (reported and auxes & self.lex.reported_future_aux) or ready):
            return m
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
            _consume(comp, consumed)
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
        targets = [i for s in subjects for i in phrase_actors(s, self.index).actors]
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
        matches: dict[int, Match] = {}  # token index -> the trigger there
        consumed: set[int] = set()  # tokens that are part of another trigger's event, not events of their own
        for tok in span:
            if tok.pos_ in VERB_POS or (tok.pos_ == "AUX" and tok.dep_ == "ROOT"):
                verb = self._verb_event(tok, consumed)
                if verb is not None:
                    matches[tok.i] = verb
        for tok in span:
            if tok.pos_ == "NOUN" and tok.i not in matches:  # names ("Counter-Strike") are not events
                noun = self._noun_event(tok, matches, consumed)
                if noun is not None:
                    matches[tok.i] = noun
        self._absorb_protest_demands(matches, consumed)
        return [m for i, m in sorted(matches.items()) if i not in consumed]

    def _verb_event(self, tok: Any, consumed: set[int]) -> Match | None:
        """The trigger at the verb ``tok``: its own pattern or its frame, then the CAMEO conventions."""
        own = self.verb_match(tok)
        frame = self.lex.frames.get(lemma(tok))
        if frame is None and lemma(tok) in self.lex.intention and wants_another(tok):
            frame = self.lex.frame_kinds.get("appeal")  # "Sharon wants Germany to pay": an appeal
        if frame is not None and not any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children):
            own = self.frame_match(tok, frame, own, consumed)
        if own is not None and not own.frame and own.code in self.lex.codes:
            return self.obligation(tok, self.light_frame(tok, self.future(tok, own), consumed))
        if own is None:
            return self.obligation(tok, None)
        return own

    def _noun_event(self, tok: Any, matches: dict[int, Match], consumed: set[int]) -> Match | None:
        """The trigger at the noun ``tok``, unless a verb's event already covers it or nothing ties
        it to an actor (``matches`` holds the triggers found so far)."""
        m = self._framed_noun(tok, consumed)
        if m is None:
            return None
        anchor = tok.head if tok.dep_ == "compound" and tok.head.pos_ in NOUN_POS else tok
        head = anchor.head if anchor.dep_ != "pobj" else anchor.head.head
        governor = matches.get(head.i)
        if governor is not None and not governor.frame:
            return None
        if any(c.dep_ in ("acl", "xcomp") and c.i in matches for c in tok.children):
            return None  # "a commitment to raise spending": the complement is the event
        if governor is not None:
            consumed.add(tok.i)
        return self._noun_participants(m, anchor, head)

    def _framed_noun(self, tok: Any, consumed: set[int]) -> Match | None:
        """The noun's own match; a frame noun's complement ("a demand that X leave") is consumed, and
        codes the match when there is one."""
        m = self.noun_match(tok)
        frame = self.lex.noun_frames.get(lemma(tok))
        comp = noun_complement(tok) if frame is not None else None
        if comp is None:
            return m
        _consume(comp, consumed)
        if m is None or frame is None:
            return m
        inner = self.code_of(comp)
        m.code = self.lex.frame_code(frame, inner.code if inner else None)
        m.tokens = [*m.tokens, comp]
        m.recipient_tokens = [c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")]
        return m

    def _noun_participants(self, m: Match, anchor: Any, head: Any) -> Match | None:
        """A nominal trigger is an event when it has someone: a giver ("received support from X"), a
        light verb's subject ("held talks"), an owner ("Chinese threats") or a recipient ("talks with X").

        ``anchor`` is the noun phrase's head (the noun, or the noun it is a compound of), ``head`` the
        word that governs it."""
        if head.pos_ in VERB_POS and lemma(head) in self.lex.receiving_verbs and anchor.dep_ == "dobj":
            givers = [p for t in (anchor, head) for c in t.children
                      if c.dep_ in ("prep", "agent") and c.lower_ in ("from", "by")
                      for p in c.children if p.dep_ == "pobj"]
            if not givers:
                return None
            m.actor_tokens = givers  # the giver acts toward the receiver
            m.recipient_tokens = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
            return m
        if head.pos_ in VERB_POS and lemma(head) in self.lex.light_verbs and anchor.dep_ in ("dobj", "nsubjpass"):
            m.actor_from = head
            return m
        owned = any(c.dep_ in ("poss", "compound", "amod", "nmod") for c in anchor.children if c != m.trigger)
        directed = any(c.dep_ == "prep" and c.lower_ in _NOUN_RECIPIENT_PREPS for c in anchor.children)
        return m if owned or directed else None

    def _absorb_protest_demands(self, matches: dict[int, Match], consumed: set[int]) -> None:
        """ "demonstrated ... calling for X", "a hunger strike to demand X": the demand is the protest's aim."""
        for m in list(matches.values()):
            if code_root(m.code) != 14:
                continue
            for host in dict.fromkeys((m.trigger, m.actor_from)):  # in this order, the same on every run
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


def _consume(comp: Any, consumed: set[int]) -> None:
    """A complement another trigger is coded by, and its dependents, are not events of their own."""
    consumed.update([comp.i, *(c.i for c in comp.children)])
