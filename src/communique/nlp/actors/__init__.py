"""The actors stage: every person, state, organisation or group a document mentions, one Actor each.

What later stages use: :class:`ActorsStage`, :func:`actor_at` (the actor a span of text names),
:func:`resolve_group` (the two actors "the two sides" stands for) and :func:`reference_date`
(the day offices are resolved on).
"""

from communique.nlp.actors.coref import resolve_group
from communique.nlp.actors.stage import ActorsStage, actor_at, reference_date

__all__ = ["ActorsStage", "actor_at", "reference_date", "resolve_group"]
