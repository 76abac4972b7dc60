"""The library functions every shell calls: extract records, and ingest them into a store.

    import communique
    record = communique.extract("article.pdf", published="2022-12-28")
    for item in communique.extract_many(["corpus/"]):
        ...                                   # a Document, or the error of one input
    with communique.Store() as store:
        summary = ingest(["corpus/"], store)

The CLI, HTTP API and Spark job are thin shells over these functions.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm  # the progress bar of ingest

from communique.config import Config
from communique.errors import ConfigError, InputError, StageError, StoreError
from communique.ingest import from_text, iter_documents, read_path
from communique.ingest.jsonl import iter_jsonl_lines
from communique.pipeline import Context, Pipeline, Stage
from communique.record import Document
from communique.stages import default_stages
from communique.store import Store

__all__ = ["IngestSummary", "PublishedDateError", "build_pipeline", "extract", "extract_many", "ingest", "pipeline_for"]

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A string shorter than this, on one line, that ends in a document extension is
# taken for a file name even when no such file exists (so a typo is reported as
# a missing file rather than extracted as a two-word text).
_MAX_PATH_LENGTH = 4096
_DOCUMENT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".pdf",
                                ".jsonl", ".ndjson"})

# One pipeline per configuration per process: building one is cheap, but its
# context caches the loaded spaCy pipeline and knowledge base.
_PIPELINES: dict[str, Pipeline] = {}


class PublishedDateError(ConfigError, ValueError):
    """A ``published`` date that is not a calendar date written YYYY-MM-DD."""


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
        if _ISO_DATE.match(published):
            dt.date.fromisoformat(published)
            return published
    except ValueError:
        pass
    raise PublishedDateError(f"published date {published!r} is not a calendar date of the form YYYY-MM-DD")


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
