"""Reference-date stage: the one day every later stage reads relative dates and offices against.

One policy, decided once, ahead of the actors and dates stages:

1. the publication date, when the document has one (from the file, or ``--published``);
2. else a date read from the text: the first full date near the top (a dateline), else the
   full date the text gives most often (:func:`communique.nlp.dates.infer_reference_date`);
   ``reference_date_inferred`` is then true;
3. else none. It is never the day the program runs: without a reference date, relative dates
   stay unresolved and office holders are not resolved by date.
"""

from __future__ import annotations

from datetime import date

from communique.nlp.dates import infer_reference_date
from communique.pipeline import Context
from communique.record import Document


class ReferenceDateStage:
    name = "reference_date"
    needs = frozenset({"text", "published"})
    adds = frozenset({"reference_date", "reference_date_inferred"})

    def __call__(self, doc: Document, ctx: Context) -> Document:
        published = _calendar_day(doc.published)
        if published is not None:
            return doc.with_(reference_date=published, reference_date_inferred=False)
        inferred = _calendar_day(infer_reference_date(doc.text))
        return doc.with_(reference_date=inferred, reference_date_inferred=inferred is not None)


def _calendar_day(value: str | None) -> str | None:
    """``value`` cut to its YYYY-MM-DD day when it starts with a real calendar date, else None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None
