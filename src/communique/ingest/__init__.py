"""Reading documents: files, directories and standard input to :class:`Document` values.

One reader per format, chosen by the file's extension:

=====================  ============================================  ==============
extension              reader                                        ``meta["format"]``
=====================  ============================================  ==============
.txt .text .md         :mod:`communique.ingest.text` (encoding       txt, md
.markdown              detection, NFC)
.html .htm .xhtml      :mod:`communique.ingest.html` (trafilatura)   html
.pdf                   :mod:`communique.ingest.pdf` (PyMuPDF layout) pdf
.jsonl .ndjson         :mod:`communique.ingest.jsonl` (one document  jsonl
                       per line)
=====================  ============================================  ==============

A file given by name with no extension is sniffed (PDF signature, HTML tag,
else text). ``-`` is standard input: JSON Lines when every non-blank line is a
JSON object, HTML when it starts like a page, else text.

Every reader fills ``id`` (sha256 of the raw bytes), ``source``, ``raw_text``
(decoded, NFC, ``\\n`` line endings), ``title``, ``published`` and ``meta``
(``format``, ``encoding``, ``heading_hints``); ``text`` is left for the repair
stage. A bad input raises (in :func:`read_path`) or yields (in
:func:`iter_documents`) an :class:`~communique.errors.InputError` whose message
is one line naming the file and the reason.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from communique.errors import EmptyInputError, InputError, TooLargeError, UnsupportedFormatError
from communique.ingest.html import read_html_bytes
from communique.ingest.jsonl import iter_jsonl_lines, looks_like_jsonl
from communique.ingest.text import from_text, read_text_bytes
from communique.record import Document

__all__ = [
    "FORMATS",
    "from_text",
    "is_supported",
    "iter_documents",
    "iter_path",
    "read_bytes",
    "read_path",
]

# Extension → format name (also ``meta["format"]``).
FORMATS: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
STDIN = "-"
STDIN_NAME = "<stdin>"


def is_supported(path: Path) -> bool:
    """True when ``path`` has an extension one of the readers reads."""
    return path.suffix.lower() in FORMATS


def read_path(path: Path, *, max_bytes: int) -> list[Document]:
    """The documents of one file (a .jsonl file gives one per line).

    Raises an InputError for a bad file. For a .jsonl file the first bad line
    raises too; use :func:`iter_path` to keep the good lines of such a file.
    """
    docs: list[Document] = []
    for item in iter_path(Path(path), max_bytes=max_bytes):
        if isinstance(item, InputError):
            raise item
        docs.append(item)
    return docs


def iter_path(path: Path, *, max_bytes: int, name: str | None = None) -> Iterator[Document | InputError]:
    """Documents and errors of one file; never raises for a bad input."""
    source = name if name is not None else str(path)
    try:
        fmt = _format_of(path, source)
        if fmt == "jsonl":
            yield from _iter_jsonl_file(path, source, max_bytes=max_bytes)
            return
        data = _read_file(path, source, max_bytes=max_bytes)
        yield read_bytes(data, source, fmt=fmt or _sniff(data))
    except InputError as exc:
        yield exc


def read_bytes(data: bytes, source: str, *, fmt: str) -> Document:
    """One document from bytes already read; ``fmt`` is a value of :data:`FORMATS` or ``stdin``.

    Raises an InputError for bad input; an unexpected failure of a reader on odd
    input is reported as an InputError for ``source`` too, so callers need
    catch only that.
    """
    try:
        return _read_bytes(data, source, fmt)
    except InputError:
        raise
    except Exception as exc:  # a bug or a library failure on one odd file must not end the batch
        detail = " ".join(str(exc).split())[:200]  # one line, whatever the library said
        raise InputError(source, f"could not be read as {fmt} ({type(exc).__name__}: {detail})") from exc


def _read_bytes(data: bytes, source: str, fmt: str) -> Document:
    if not data.strip():
        raise EmptyInputError(source, "empty file")
    if fmt == "pdf":
        from communique.ingest.pdf import read_pdf_bytes  # PyMuPDF is imported only when a PDF comes

        return read_pdf_bytes(data, source)
    if fmt == "html":
        return read_html_bytes(data, source)
    if fmt in ("txt", "md", "stdin"):
        return read_text_bytes(data, source, fmt=fmt)
    raise UnsupportedFormatError(source, f"unsupported format {fmt!r}")


def iter_documents(paths: Sequence[str | Path], *, max_bytes: int) -> Iterator[Document | InputError]:
    """Every document under ``paths`` (files, directories read recursively, ``-`` for stdin).

    Yields a Document per document and an InputError per failure, in the order of
    ``paths`` (a directory's files sorted by path); never raises for a bad input.
    Inside directories, hidden files and files of unsupported types are skipped
    silently; a file named explicitly with an unsupported extension is an error.
    """
    for given in paths:
        text = os.fspath(given)
        if text == STDIN:
            yield from _iter_stdin(sys.stdin.buffer, max_bytes=max_bytes)
            continue
        path = Path(text)
        if path.is_dir():
            found = False
            for file in _walk(path):
                found = True
                yield from iter_path(file, max_bytes=max_bytes)
            if not found:
                kinds = " ".join(sorted(FORMATS))
                yield EmptyInputError(text, f"directory holds no readable files ({kinds})")
            continue
        if not path.exists():
            yield InputError(text, "no such file or directory")
            continue
        yield from iter_path(path, max_bytes=max_bytes, name=text)


def _walk(root: Path) -> Iterator[Path]:
    """Supported, non-hidden files under ``root``, recursively, sorted by their path (no symlink loops)."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for filename in filenames:
            file = Path(dirpath) / filename
            if not filename.startswith(".") and is_supported(file) and file.is_file():
                found.append(file)
    yield from sorted(found, key=lambda f: f.relative_to(root).parts)


def _format_of(path: Path, source: str) -> str | None:
    """The format named by the extension; None for no extension (then the bytes are sniffed)."""
    if not path.suffix:
        return None
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise UnsupportedFormatError(source, _unsupported_reason(path))
    return fmt


def _unsupported_reason(path: Path) -> str:
    return f"unsupported file type {path.suffix!r} (expected one of {', '.join(sorted(FORMATS))})"


def _sniff(data: bytes) -> str:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"%pdf-"):
        return "pdf"
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:200]:
        return "html"
    return "txt"


def _read_file(path: Path, source: str, *, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise TooLargeError(source, f"file is {size:,} bytes, over the limit of {max_bytes:,} bytes")
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError(source, "no such file or directory") from None
    except IsADirectoryError:
        raise InputError(source, "is a directory") from None
    except OSError as exc:
        raise InputError(source, f"cannot read file ({exc.strerror or exc})") from None
    if len(data) > max_bytes:  # the file grew, or stat could not tell (a pipe)
        raise TooLargeError(source, f"file is over the limit of {max_bytes:,} bytes")
    if not data.strip():
        raise EmptyInputError(source, "empty file")
    return data


def _iter_jsonl_file(path: Path, source: str, *, max_bytes: int) -> Iterator[Document | InputError]:
    try:
        fh = path.open("rb")
    except FileNotFoundError:
        raise InputError(source, "no such file or directory") from None
    except OSError as exc:
        raise InputError(source, f"cannot read file ({exc.strerror or exc})") from None
    with fh:
        yielded = False
        for item in iter_jsonl_lines(fh, source, max_bytes=max_bytes):
            yielded = True
            yield item
    if not yielded:
        raise EmptyInputError(source, "empty file (no JSON lines)")


def _iter_stdin(stream: BinaryIO, *, max_bytes: int) -> Iterator[Document | InputError]:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield TooLargeError(STDIN_NAME, f"standard input is over the limit of {max_bytes:,} bytes")
        return
    if not data.strip():
        yield EmptyInputError(STDIN_NAME, "empty standard input")
        return
    if looks_like_jsonl(data):
        yield from iter_jsonl_lines(data.splitlines(), STDIN_NAME, max_bytes=max_bytes)
        return
    sniffed = _sniff(data)
    try:
        yield read_bytes(data, STDIN_NAME, fmt="stdin" if sniffed == "txt" else sniffed)
    except InputError as exc:
        yield exc
