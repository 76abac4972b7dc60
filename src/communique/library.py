"""The library functions every shell calls: extract records, and ingest them into a store.

    import communique
    record = communique.extract("article.pdf", published="2022-12-28")
    for item in communique.extract_many(["corpus/"]):
        ...                                   # a Document, or the error of one input
    with communique.Store() as store:
        summary = ingest(["corpus/"], store)
    record = extract_bytes(upload, "note.pdf")   # bytes already in memory

The CLI, HTTP API and Spark job are thin shells over these functions.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm  # the progress bar of ingest

from communique.calendar import parse_day
from communique.config import Config
from communique.errors import (
    DateError,
    DecodeError,
    InputError,
    PublishedDateError,
    StageError,
    StoreError,
    UnsupportedFormatError,
)
from communique.ingest import FORMATS, from_text, iter_documents, read_bytes, read_path
from communique.ingest.jsonl import iter_jsonl_lines
from communique.pipeline import Context, Pipeline, Stage
from communique.record import Document
from communique.stages import default_stages
from communique.store import Store

__all__ = [
    "IngestSummary", "PublishedDateError", "build_pipeline", "extract", "extract_bytes", "extract_many", "ingest",
    "pipeline_for",
]

# A string shorter than this, on one line, that ends in a document extension is
# taken for a file name even when no such file exists (so a typo is reported as
# a missing file rather than extracted as a two-word text).
_MAX_PATH_LENGTH = 4096
_DOCUMENT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".pdf",
                                ".jsonl", ".ndjson"})

# One pipeline per configuration per process: building one is cheap, but its
# context caches the loaded spaCy pipeline and knowledge base.
_PIPELINES: dict[str, Pipeline] = {}


@dataclass
class IngestSummary:
    """What :func:`ingest` did. ``read`` counts every input item, good or bad:
    ``read == stored + already_present + len(failed)``."""

    read: int = 0
    stored: int = 0
    already_present: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)

    @property
    def ok(self) -> bool:
        return not self.failed


def check_published(published: str | None) -> str | None:
    """``published`` itself when it is a real YYYY-MM-DD date; otherwise :class:`PublishedDateError`."""
    if published is None:
        return None
    try:
        parse_day(published, "published date")
    except DateError as exc:
        raise PublishedDateError(str(exc)) from None
    return published


def build_pipeline(config: Config | None = None, stages: Sequence[Stage] | None = None) -> Pipeline:
    """A pipeline of ``stages`` (default: the registry's, :func:`communique.stages.default_stages`)."""
    ctx = Context(config or Config.load())
    return Pipeline(stages if stages is not None else default_stages(), ctx)


def pipeline_for(config: Config) -> Pipeline:
    """The pipeline of ``config``, built once per process."""
    key = repr(config)
    if key not in _PIPELINES:
        _PIPELINES[key] = build_pipeline(config)
    return _PIPELINES[key]


def extract(path_or_text: str | Path, *, published: str | None = None, config: Config | None = None) -> Document:
    """The extraction record of one document: a file when ``path_or_text`` names one, else the text itself.

    ``published`` (YYYY-MM-DD) overrides the date read from the document and
    becomes its reference date. Raises an :class:`InputError` for an unreadable
    file and a :class:`StageError` when a stage fails.
    """
    config = config or Config.load()
    published = check_published(published)
    if _is_path(path_or_text):
        docs = read_path(Path(path_or_text), max_bytes=config.max_bytes)
        if len(docs) != 1:
            raise InputError(str(path_or_text), f"holds {len(docs)} documents; use extract_many to read them all")
        doc = docs[0]
    else:
        doc = from_text(str(path_or_text))
    return pipeline_for(config)(_dated(doc, published))


def extract_many(
    paths: Sequence[str | Path] | Path,
    *,
    published: str | None = None,
    config: Config | None = None,
    jsonl: bool = False,
) -> Iterator[Document | InputError | StageError]:
    """The record of every document under ``paths``, or the error of each one that failed.

    Directories are read recursively and ``-`` is standard input. With
    ``jsonl=True`` every path is read as a JSON Lines batch whatever its name.
    Errors that concern every document (a spaCy pipeline that is not installed)
    are raised, not yielded.
    """
    config = config or Config.load()
    published = check_published(published)
    pipeline = pipeline_for(config)
    for item in _read(paths, config, jsonl=jsonl):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            yield pipeline(_dated(item, published))
        except StageError as exc:
            yield exc


def ingest(
    paths: Sequence[str | Path] | Path,
    store: Store,
    config: Config | None = None,
    *,
    progress: bool = True,
    jsonl: bool = False,
) -> IngestSummary:
    """Read, extract and store every document under ``paths``; failures are recorded, not raised.

    A document whose id is already stored is skipped before any stage runs, so
    re-running an interrupted ingest only does the rest. Each document is
    written in one transaction. The progress bar goes to stderr.
    """
    config = config or Config.load()
    pipeline = pipeline_for(config)
    summary = IngestSummary()
    items = tqdm(_read(paths, config, jsonl=jsonl), desc="ingest", unit=" doc", disable=not progress,
                 file=sys.stderr, dynamic_ncols=True)
    for item in items:
        summary.read += 1
        if isinstance(item, InputError):
            summary.failed.append((item.source, item.reason))
            continue
        if store.has(item.id):
            summary.already_present += 1
            continue
        try:
            record = pipeline(_dated(item, None))
            added = store.add(record)
        except StageError as exc:
            summary.failed.append((exc.source, f"stage {exc.stage!r} failed: {exc.reason}"))
            continue
        except StoreError as exc:
            summary.failed.append((item.source, _reason(str(exc), item.source)))
            continue
        if added:
            summary.stored += 1
        else:
            summary.already_present += 1
    return summary


def _read(paths: Sequence[str | Path] | Path, config: Config, *, jsonl: bool) -> Iterable[Document | InputError]:
    if isinstance(paths, (str, Path)):  # one path given bare, not a sequence of one-letter paths
        paths = [paths]
    if not jsonl:
        return iter_documents(paths, max_bytes=config.max_bytes)
    return _read_jsonl(paths, config)


def _read_jsonl(paths: Sequence[str | Path], config: Config) -> Iterator[Document | InputError]:
    """Every path as a JSON Lines batch (``-`` = standard input)."""
    for given in paths:
        name = str(given)
        if name == "-":
            yield from iter_jsonl_lines(sys.stdin.buffer, "<stdin>", max_bytes=config.max_bytes)
            continue
        try:
            with Path(name).open("rb") as fh:
                yield from iter_jsonl_lines(fh, name, max_bytes=config.max_bytes)
        except FileNotFoundError:
            yield InputError(name, "no such file or directory")
        except IsADirectoryError:
            yield InputError(name, "is a directory, not a JSON Lines file")
        except OSError as exc:
            yield InputError(name, f"cannot read file ({exc.strerror or exc})")


def _dated(doc: Document, published: str | None) -> Document:
    """Apply a ``published`` override; the reference-date stage then takes it as the reference date."""
    return doc if published is None else doc.with_(published=published)


def _is_path(value: str | Path) -> bool:
    if isinstance(value, Path):
        return True
    if "\n" in value or len(value) > _MAX_PATH_LENGTH or not value.strip():
        return False
    try:
        path = Path(value)
        return path.exists() or (path.suffix.lower() in _DOCUMENT_SUFFIXES and " " not in path.name)
    except (OSError, ValueError):
        return False


def _reason(message: str, source: str) -> str:
    """A store error's message without the ``source: `` it starts with."""
    prefix = f"{source}: "
    return message[len(prefix):] if message.startswith(prefix) else message


# -- one document given as bytes (the HTTP API's uploads) ----------------------------------------

# The extension of a name extract_bytes reads as one JSON object; .jsonl and .ndjson name a
# batch of documents, which extract_many reads.
_JSON_SUFFIX = ".json"


def extract_bytes(
    data: bytes, name: str, *, fmt: str | None = None, published: str | None = None,
    config: Config | None = None, pipeline: Pipeline | None = None,
) -> Document:
    """The record of one document given as bytes (an upload, a message off a queue) and named ``name``.

    ``fmt`` picks the reader: ``txt``, ``md``, ``html``, ``pdf``, or ``json`` for one JSON object
    ``{"text": ..., "title"?: ..., "published"?: "YYYY-MM-DD", "source"?: ...}``, which gives the
    same document as :func:`extract` of that text; by default the reader of ``name``'s extension.
    ``published`` is as in :func:`extract`; ``pipeline`` runs instead of the configuration's.
    Raises an :class:`InputError` for bytes that cannot be read and a :class:`StageError` when a
    stage fails.
    """
    published = check_published(published)
    doc = _document_of_bytes(data, name, fmt or _format_of_name(name))
    return (pipeline or pipeline_for(config or Config.load()))(_dated(doc, published))


def _format_of_name(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix == _JSON_SUFFIX:
        return "json"
    fmt = FORMATS.get(suffix)
    if fmt is None or fmt == "jsonl":
        known = ", ".join(sorted({*FORMATS, _JSON_SUFFIX} - {".jsonl", ".ndjson"}))
        raise UnsupportedFormatError(name, f"cannot tell which reader reads it (name it {known}, or give fmt)")
    return fmt


def _document_of_bytes(data: bytes, source: str, fmt: str) -> Document:
    if fmt != "json":
        return read_bytes(data, source, fmt=fmt)
    try:
        body = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DecodeError(source, f"not valid JSON ({exc})") from None
    if not isinstance(body, dict) or not isinstance(body.get("text"), str) or not body["text"].strip():
        raise InputError(source, 'a JSON document must be an object with a non-empty "text" string')
    title, published = body.get("title"), body.get("published")
    if not isinstance(title, str | None) or not isinstance(published, str | None):
        raise InputError(source, '"title" and "published" must be strings')
    try:
        check_published(published)
    except PublishedDateError as exc:
        raise InputError(source, str(exc)) from None
    return from_text(body["text"], source=str(body.get("source") or source), title=title, published=published)
