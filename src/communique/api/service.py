"""What the HTTP API and the dashboard do, as plain functions over one open store.

Route handlers call only this module, :mod:`communique.store.queries` and the filter parser of
:mod:`communique.store.filters`; nothing here knows about HTTP. Documents are read and extracted
by :func:`communique.library.extract_bytes`. DuckDB connections are not safe to share between threads, so every
use of the store goes through one lock (queries are milliseconds; the NLP pipeline runs
outside it).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from communique.config import Config
from communique.errors import NotFoundError, ReadOnlyError, StoreError, UnsupportedMediaError
from communique.library import extract_bytes
from communique.pipeline import Pipeline
from communique.record import Document
from communique.store import Store

T = TypeVar("T")

# Content types a document may be sent as, to the reader format that reads it.
CONTENT_FORMATS = {
    "text/plain": "txt",
    "text/markdown": "md",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/pdf": "pdf",
    "application/json": "json",
}
# 5 MB: several times the largest news article or policy PDF in the dev corpora; a request
# body is held in memory, so the server's limit is far below the CLI's 50 MB. --max-upload changes it.
DEFAULT_MAX_UPLOAD = 5_000_000


@dataclass
class Backend:
    store: Store
    config: Config = field(default_factory=Config)
    max_upload: int = DEFAULT_MAX_UPLOAD
    read_only: bool = False
    pipeline: Pipeline | None = None  # default: the configuration's pipeline (communique.library.pipeline_for)
    lock: threading.Lock = field(default_factory=threading.Lock)
    _nlp_lock: threading.Lock = field(default_factory=threading.Lock)

    def query(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a function of :mod:`communique.store.queries` on the store's connection."""
        with self.lock:
            return fn(self.store.connection, *args, **kwargs)

    def document(self, doc_id: str) -> Document:
        """The stored record whose id is ``doc_id`` or starts with it."""
        with self.lock:
            try:
                return self.store.get(self.store.resolve(doc_id))
            except StoreError as exc:
                raise NotFoundError(str(exc)) from None

    def extract(self, data: bytes, content_type: str, *, name: str | None = None,
                published: str | None = None) -> Document:
        """The record of one document sent as bytes (``content_type`` picks the reader)."""
        source = name or "<upload>"
        fmt = reader_format(content_type, source)
        with self._nlp_lock:
            return extract_bytes(data, source, fmt=fmt, published=published, config=self.config,
                                 pipeline=self.pipeline)

    def ingest(self, data: bytes, content_type: str, *, name: str | None = None,
               published: str | None = None) -> tuple[Document, bool]:
        """Extract and store one document; ``False`` when it was already stored."""
        if self.read_only:
            raise ReadOnlyError("this server was started with --read-only; documents cannot be added")
        record = self.extract(data, content_type, name=name, published=published)
        with self.lock:
            return record, self.store.add(record)


def reader_format(content_type: str, source: str) -> str:
    """The reader format of a request's content type; :class:`UnsupportedMediaError` when none reads it."""
    media = content_type.split(";")[0].strip().lower()
    fmt = CONTENT_FORMATS.get(media)
    if fmt is None:
        known = ", ".join(CONTENT_FORMATS)
        raise UnsupportedMediaError(f"{source}: content type {media or 'none'!r} is not one of {known}")
    return fmt
