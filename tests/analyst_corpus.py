"""Hand-built documents for the query, export, API and dashboard tests.

Built by hand so those tests do not depend on the NLP stages: every offset is found
in the text with ``str.index``, so the records are consistent by construction.
One document is hostile: markup in its text, title, actor names and quotes.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from communique.record import Actor, DateMention, Document, Event, Mention, Place, Quote, Sentence, Span
from communique.store import Store

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "communique" / "samples" / "000_7b6a32334aa3aa63.txt"
SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'


def _id(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _span(text: str, needle: str, after: int = 0) -> Span:
    start = text.index(needle, after)
    return Span(start, start + len(needle), needle)


def _actor(text: str, aid: str, name: str, kind: str, country: str | None, sector: str | None,
           words: tuple[str, ...], kb_id: str | None = None) -> Actor:
    mentions = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            mentions.append(Mention(at, at + len(word), word))
            at = text.find(word, at + len(word))
    return Actor(aid, name, kind, country, sector, None, kb_id,  # type: ignore[arg-type]
                 tuple(sorted(mentions, key=lambda m: m.start)))


def _event(text: str, eid: str, kind: str, quad: int, cameo: str, goldstein: float, actor: tuple[str, ...],
           recipient: tuple[str, ...], evidence: str, date: str | None = None) -> Event:
    return Event(eid, kind, None, ("diplomatic",), cameo, goldstein, quad, actor, recipient, date, None, None,
                 False, "asserted", _span(text, evidence), 0.8)


def _sentences(text: str) -> tuple[Sentence, ...]:
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch in ".\n" and i + 1 > start and text[start:i + 1].strip():
            out.append(Sentence(start, i + 1))
            start = i + 1
    return tuple(out)


def sample_document() -> Document:
    """The bundled sample article with hand-coded actors, events, quotes, dates and places."""
    text = SAMPLE.read_text(encoding="utf-8")
    actors = (
        _actor(text, "A1", "Tsai Ing-wen", "person", "TWN", "GOV", ("Tsai Ing-wen",), "Q233984"),
        _actor(text, "A2", "Taiwan", "state", "TWN", None, ("Taiwan joins",)),
        _actor(text, "A3", "Japan", "state", "JPN", None, ("Japan should",)),
        _actor(text, "A4", "Hiroshige Seko", "person", "JPN", "LEG", ("Hiroshige Seko",)),
    )
    quote_text = "The nation would also engage in closer cooperation"
    quote = _span(text, quote_text)
    events = (
        _event(text, "E1", "COOPERATE", 1, "030", 4.0, ("A2", "A3"), (), "Taiwan and Japan should work together"),
        _event(text, "E2", "CONSULT", 1, "043", 2.8, ("A4",), ("A1",), "when she met with the delegation"),
        _event(text, "E3", "SUPPORT", 1, "051", 3.4, ("A4",), ("A2",), "praised the new\ndefense strategy",
               date="2022-12-10"),
    )
    date = _span(text, "December 16")
    place = _span(text, "Taipei")
    return Document(
        id=_id(text), source=str(SAMPLE), raw_text=text, text=text, title="Taiwan joins Forces with Japan",
        published="2022-12-28", reference_date="2022-12-28", sentences=_sentences(text), actors=actors,
        dates=(DateMention(date.text, "2022-12-16", date.start, date.end),),
        places=(Place(place.text, "Taipei", "TWN", 25.05, 121.53, place.start, place.end),),
        quotes=(Quote("A1", "The President", "added", quote_text, "direct", quote.start, quote.end),),
        events=events,
    )


def conflict_document() -> Document:
    """A later, invented report of a Japan-Taiwan dispute (for the dyad series)."""
    text = ("Japan protests Taiwanese fishing.\n\nJapan accused Taiwan of violating fishing rules on 3 March 2023. "
            "\"We will not accept this,\" the Japanese foreign minister said.")
    actors = (
        _actor(text, "A1", "Japan", "state", "JPN", None, ("Japan accused",)),
        _actor(text, "A2", "Taiwan", "state", "TWN", None, ("Taiwan of",)),
        _actor(text, "A3", "Japanese foreign minister", "person", "JPN", "GOV", ("Japanese foreign minister",)),
    )
    quote = _span(text, "We will not accept this,")
    return Document(
        id=_id(text), source="conflict.txt", raw_text=text, text=text, title="Japan protests Taiwanese fishing",
        published="2023-03-04", reference_date="2023-03-04", sentences=_sentences(text), actors=actors,
        quotes=(Quote("A3", "the Japanese foreign minister", "said", quote.text, "direct", quote.start, quote.end),),
        events=(_event(text, "E1", "ACCUSE", 3, "112", -2.0, ("A1",), ("A2",), "Japan accused Taiwan of violating",
                       date="2023-03-03"),),
    )


def hostile_document() -> Document:
    """Markup everywhere a string can go: it must be shown as text and run nothing."""
    text = (f"Hostile report {SCRIPT}\n\nThe <b>Mallory</b> group attacked servers {IMG} in Ruritania. "
            f"Mallory said \"{IMG} is harmless\" yesterday.")
    actors = (
        _actor(text, "A1", "<b>Mallory</b> group", "group", "USA", "REB", ("<b>Mallory</b> group", "Mallory said")),
        _actor(text, "A2", f"servers {IMG}", "organization", "GBR", "BUS", ("servers",)),
    )
    quote = _span(text, f"{IMG} is harmless")
    return Document(
        id=_id(text), source="hostile.html", raw_text=text, text=text, title=f"Hostile {SCRIPT}",
        published="2023-01-10", reference_date="2023-01-10", sentences=_sentences(text), actors=actors,
        quotes=(Quote("A1", "Mallory", "said", quote.text, "direct", quote.start, quote.end),),
        events=(_event(text, "E1", "ASSAULT", 4, "190", -10.0, ("A1",), ("A2",), f"attacked servers {IMG}"),),
    )


def corpus() -> list[Document]:
    return [sample_document(), conflict_document(), hostile_document()]


def build_store(path: str = ":memory:") -> Store:
    """A store holding :func:`corpus` (in memory unless ``path`` names a file)."""
    store = Store(path)
    for doc in corpus():
        store.add(doc)
    return store
