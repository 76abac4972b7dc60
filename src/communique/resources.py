"""The resources stages share, each loaded once per configuration and only when first asked for.

    resources = Resources(Config.load())
    resources.nlp              # the spaCy pipeline named by config.model (never downloaded)
    resources.kb               # the knowledge base: package data plus config.kb
    resources.gazetteer        # the offline gazetteer of place names
    resources.lexicon          # the verb lexicon: package data plus config.lexicon
    resources.reporting_verbs  # the reporting-verb lexicon: package data plus config.reporting_verbs

A stage that derives a private value from these (the repair stage's word list from the spaCy
vocabulary) keeps it with :meth:`Resources.derived`, so it too is built once. This module sits
below every stage and imports none.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeVar

from communique.config import Config
from communique.errors import ConfigError
from communique.kb import KnowledgeBase, load_kb
from communique.kb.gazetteer import Gazetteer, load_gazetteer
from communique.kb.lexicon import Lexicon, load_lexicon
from communique.kb.reporting import ReportingLexicon, load_reporting_lexicon

T = TypeVar("T")


@lru_cache(maxsize=4)
def load_model(name: str) -> Any:
    """Load an installed spaCy pipeline by package name or path; never download."""
    import spacy  # imported here: loading spaCy takes a second, and many commands never parse

    try:
        return spacy.load(name)
    except OSError:
        raise ConfigError(
            f"spaCy pipeline {name!r} is not installed; install its package or name another with --model"
        ) from None


class Resources:
    """The loaded resources of one configuration (see the module docstring)."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self._loaded: dict[str, Any] = {}

    def derived(self, name: str, load: Callable[[], T]) -> T:
        """The value ``load()`` returns, computed on the first call for ``name`` and kept."""
        if name not in self._loaded:
            self._loaded[name] = load()
        return self._loaded[name]

    @property
    def nlp(self) -> Any:
        return self.derived("nlp", lambda: load_model(self.config.model))

    @property
    def kb(self) -> KnowledgeBase:
        return self.derived("kb", lambda: load_kb(self.config.kb))

    @property
    def gazetteer(self) -> Gazetteer:
        return self.derived("gazetteer", load_gazetteer)

    @property
    def lexicon(self) -> Lexicon:
        return self.derived("lexicon", lambda: load_lexicon(self.config.lexicon))

    @property
    def reporting_verbs(self) -> ReportingLexicon:
        return self.derived("reporting_verbs", lambda: load_reporting_lexicon(self.config.reporting_verbs))
