"""The events stage and what it is built from: PLOVER + CAMEO events read from the dependency parse.

    stage.py      the stage: each sentence's triggers become events, in text order, ids E1, E2, ...
    coder.py      a sentence's triggers: verbs, frames, nouns, the future and obligation rules
    triggers.py   does a token and its dependents match a lexicon pattern (a :class:`Match`)
    merge.py      one predicate, one event: a sentence's codings that restate one another merged
    arguments.py  who did it and to whom, read from the parse and the actor mentions
    modality.py   negation and modality of the clause that carries a trigger
    setting.py    the date and place mentions attached to an event's clause

The modules import one another only downwards (stage → coder → triggers, arguments, modality; stage → setting),
and none imports this package; other modules import from here.
"""

from communique.nlp.events.stage import EventsStage, code_events

__all__ = ["EventsStage", "code_events"]
