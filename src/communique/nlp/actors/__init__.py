"""The actors stage: every person, state, organisation or group a document mentions, one Actor each.

For later stages: :class:`ActorsStage`, :func:`actor_at` (the actor a span of text names),
:func:`resolve_group` (the two actors "the two sides" stands for) and :func:`reference_date`
(the day offices are resolved on).

The modules, each importing only those listed before it:

* :mod:`.roles` and :mod:`.match` read the text: titles, countries and sectors in a run of
  tokens; the knowledge base's names and spaCy's entities that may be actors;
* :mod:`.state` holds the work on one document: the candidate mentions found so far, the
  tokens they claimed, and the look-ups the rules repeat;
* :mod:`.coref` (surnames, role nouns, pronouns, offices in time), :mod:`.nouns` (common-noun
  actors), :mod:`.groups` (a group's country) and :mod:`.names` (people, states,
  organisations, places) are the rules, each adding candidates to the state;
* :mod:`.stage` runs the rules in order and turns the candidates into actors.
"""

from communique.nlp.actors.coref import resolve_group
from communique.nlp.actors.stage import ActorsStage, actor_at
from communique.nlp.actors.state import reference_date

__all__ = ["ActorsStage", "actor_at", "reference_date", "resolve_group"]
