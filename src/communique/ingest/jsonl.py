"""JSON Lines batches: one document per line, ``{id, text, title?, published?, source?}``.

Each line is its own document and its own failure: a line that is not JSON, is
not an object, or has no text gives an InputError naming ``file:line``, and the
other lines are still read. Blank lines are skipped.

* ``Document.id`` is the sha256 of the line's bytes (without the line break), so
  the same line ingested twice is the same document.
* ``Document.source`` is ``file:line``; the line's own ``id`` and ``source`` are
  kept in ``meta["external_id"]`` and ``meta["external_source"]``.
* The size limit applies to each line, not to the file: a batch file may be much
  larger than any one document.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from communique.errors import DecodeError, EmptyInputError, InputError, TooLargeError, UnsupportedFormatError
from communique.ingest.text import make_document, normalise_date
from communique.record import Document

TEXT_FIELDS = ("text",)
OPTIONAL_FIELDS = ("id", "title", "published", "source")


def iter_jsonl_lines(
    lines: Iterable[bytes], name: str, *, max_bytes: int
) -> Iterator[Document | InputError]:
    """Documents and per-line errors of a JSON Lines stream whose lines are ``lines``."""
    for number, raw_line in enumerate(lines, start=1):
        line = raw_line.rstrip(b"\r\n")
        if number == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if not line.strip():
            continue
        source = f"{name}:{number}"
        try:
            yield parse_line(line, source, max_bytes=max_bytes)
        except InputError as exc:
            yield exc
        except Exception as exc:  # one odd line must not end the batch
            detail = " ".join(str(exc).split())[:200]
            yield InputError(source, f"could not be read ({type(exc).__name__}: {detail})")


def parse_line(line: bytes, source: str, *, max_bytes: int) -> Document:
    """One JSON Lines record as a Document, or an InputError naming ``source``."""
    if len(line) > max_bytes:
        raise TooLargeError(source, f"line is {len(line):,} bytes, over the limit of {max_bytes:,} bytes")
    try:
        decoded = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DecodeError(source, f"invalid UTF-8 (byte 0x{line[exc.start]:02x} at offset {exc.start})") from None
    try:
        record = json.loads(decoded)
    except json.JSONDecodeError as exc:
        raise DecodeError(source, f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(record, dict):
        raise UnsupportedFormatError(source, f"a JSON {type(record).__name__}, not an object with a \"text\" field")
    text = record.get("text")
    if not isinstance(text, str):
        reason = 'no "text" field' if text is None else f'"text" is a {type(text).__name__}, not a string'
        raise EmptyInputError(source, reason)
    if not text.strip():
        raise EmptyInputError(source, '"text" is empty')
    published = record.get("published")
    extra: dict[str, Any] = {
        "external_id": _as_str(record.get("id")),
        "external_source": _as_str(record.get("source")),
    }
    if published is not None and normalise_date(published) is None:
        extra["published_unparsed"] = str(published)
    return make_document(
        line,
        source,
        text,
        fmt="jsonl",
        title=_as_str(record.get("title")),
        published=published if isinstance(published, str) else None,
        encoding="utf-8",
        **extra,
    )


def looks_like_jsonl(data: bytes) -> bool:
    """True when every non-blank line of ``data`` is a JSON object (and there is one)."""
    seen = False
    for raw in data.splitlines():
        line = raw.strip()
        if not line:
            continue
        if not line.startswith(b"{"):
            return False
        try:
            value = json.loads(line.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            return False
        if not isinstance(value, dict):
            return False
        seen = True
    return seen


def _as_str(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)
