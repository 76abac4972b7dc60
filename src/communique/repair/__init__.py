"""Text repair: undo what extraction did to a document's text, keeping every offset traceable.

:func:`repair_text` is the pure function (``str -> RepairResult``);
:class:`RepairStage` is its pipeline stage. See docs/repair.md.
"""

from __future__ import annotations

from communique.repair.chain import RepairResult, repair_text
from communique.repair.offsets import OffsetMap
from communique.repair.stage import RepairStage, spacy_lexicon

__all__ = ["OffsetMap", "RepairResult", "RepairStage", "repair_text", "spacy_lexicon"]
