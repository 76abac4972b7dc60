"""JSON Lines batches, directories, standard input, and the never-raising batch reader."""

from __future__ import annotations

import hashlib
import io
import json
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communique.errors import DecodeError, EmptyInputError, InputError, TooLargeError, UnsupportedFormatError
from communique.ingest import iter_documents, read_path
from communique.ingest.jsonl import iter_jsonl_lines
from communique.record import Document

MAX = 1_000_000


def split(items: list[Document | InputError]) -> tuple[list[Document], list[InputError]]:
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, InputError)]
    return docs, errors


def jsonl_bytes(*records: object) -> bytes:
    return b"".join((r if isinstance(r, bytes) else json.dumps(r).encode()) + b"\n" for r in records)


def test_jsonl_one_document_per_line(tmp_path: Path) -> None:
    first = {"id": "a1", "text": "The talks resumed in Doha.", "title": "Talks", "published": "2023-05-02",
             "source": "https://example.org/a1"}
    second = {"id": 2, "text": "A ceasefire was agreed.\r\nIt held overnight."}
    path = tmp_path / "batch.jsonl"
    path.write_bytes(jsonl_bytes(first, second))
    docs = read_path(path, max_bytes=MAX)
    assert [d.source for d in docs] == [f"{path}:1", f"{path}:2"]
    assert docs[0].title == "Talks" and docs[0].published == "2023-05-02"
    assert docs[0].meta["external_id"] == "a1"
    assert docs[0].meta["external_source"] == "https://example.org/a1"
    assert docs[1].meta["external_id"] == "2"
    assert docs[1].raw_text == "A ceasefire was agreed.\nIt held overnight."
    assert docs[0].id == hashlib.sha256(json.dumps(first).encode()).hexdigest()


def test_jsonl_bad_line_does_not_stop_the_others(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_bytes(jsonl_bytes({"text": "first good"}, b"{not json at all", {"title": "no text"},
                                 b"[1, 2]", b"", {"text": "last good"}))
    docs, errors = split(list(iter_documents([str(path)], max_bytes=MAX)))
    assert [d.raw_text for d in docs] == ["first good", "last good"]
    assert [(type(e), e.source) for e in errors] == [
        (DecodeError, f"{path}:2"),
        (EmptyInputError, f"{path}:3"),
        (UnsupportedFormatError, f"{path}:4"),
    ]
    assert "not valid JSON" in str(errors[0])
    assert all("\n" not in str(e) for e in errors)


def test_jsonl_read_path_raises_the_first_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_bytes(jsonl_bytes({"text": "good"}, b"oops"))
    with pytest.raises(DecodeError, match=r"batch\.jsonl:2: not valid JSON"):
        read_path(path, max_bytes=MAX)


def test_jsonl_size_limit_applies_per_line() -> None:
    lines = jsonl_bytes({"text": "short"}, {"text": "long " * 100}).splitlines(keepends=True)
    docs, errors = split(list(iter_jsonl_lines(lines, "b.jsonl", max_bytes=100)))
    assert [d.raw_text for d in docs] == ["short"]
    assert isinstance(errors[0], TooLargeError) and errors[0].source == "b.jsonl:2"


def test_directory_is_read_recursively_sorted_skipping_hidden_and_unknown(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "deep").mkdir()
    (tmp_path / ".git").mkdir()
    files = {
        "z.txt": "Zulu text.", "a.md": "Alpha text.", "b/c.txt": "Charlie text.", "b/deep/d.txt": "Delta text.",
        "NOTICE": "licence words", "README": "readme words", ".hidden.txt": "hidden", ".git/e.txt": "git",
        "image.png": "not an image",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    docs, errors = split(list(iter_documents([str(tmp_path)], max_bytes=MAX)))
    assert errors == []
    assert [d.raw_text for d in docs] == ["Alpha text.", "Charlie text.", "Delta text.", "Zulu text."]


def test_batch_yields_errors_and_keeps_going(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("A good document.")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "junk.txt").write_bytes(bytes(range(256)) * 3)
    (tmp_path / "fake.pdf").write_bytes(b"%PDF-1.4 not really")
    (tmp_path / "big.txt").write_text("x" * 2000)
    items = list(iter_documents([str(tmp_path), str(tmp_path / "absent.txt")], max_bytes=1000))
    docs, errors = split(items)
    assert [d.raw_text for d in docs] == ["A good document."]
    reasons = {Path(e.source).name: type(e).__name__ for e in errors}
    assert reasons == {"big.txt": "TooLargeError", "empty.txt": "EmptyInputError", "fake.pdf": "PdfError",
                       "junk.txt": "UnsupportedFormatError", "absent.txt": "InputError"}


def test_empty_directory_is_reported(tmp_path: Path) -> None:
    (tmp_path / "NOTICE").write_text("nothing to read")
    [error] = list(iter_documents([str(tmp_path)], max_bytes=MAX))
    assert isinstance(error, EmptyInputError)


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_stdin_text(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, b"Piped text about the summit.\r\n")
    [doc] = list(iter_documents(["-"], max_bytes=MAX))
    assert isinstance(doc, Document)
    assert doc.raw_text == "Piped text about the summit."
    assert doc.source == "<stdin>" and doc.meta["format"] == "stdin"


def test_stdin_jsonl_is_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, jsonl_bytes({"text": "one"}, {"text": "two", "title": "Second"}))
    docs, errors = split(list(iter_documents(["-"], max_bytes=MAX)))
    assert errors == []
    assert [(d.raw_text, d.source) for d in docs] == [("one", "<stdin>:1"), ("two", "<stdin>:2")]


def test_stdin_mixed_lines_are_text(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, b'{"text": "json"}\nand a plain line\n')
    [doc] = list(iter_documents(["-"], max_bytes=MAX))
    assert isinstance(doc, Document) and doc.meta["format"] == "stdin"


def test_stdin_empty_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, b"")
    [error] = list(iter_documents(["-"], max_bytes=MAX))
    assert isinstance(error, EmptyInputError)


@pytest.mark.parametrize(
    ("published", "expected"),
    [("2023-05-02", "2023-05-02"), ("2023-05-02T10:00:00Z", "2023-05-02"), ("May 2, 2023", "2023-05-02"),
     ("2 May 2023", "2023-05-02"), ("May 2023", None), ("yesterday", None), ("2023-02-30", None)],
)
def test_jsonl_published_dates_are_normalised(published: str, expected: str | None) -> None:
    [doc] = list(iter_jsonl_lines(jsonl_bytes({"text": "t", "published": published}).splitlines(), "b", max_bytes=MAX))
    assert isinstance(doc, Document)
    assert doc.published == expected
    assert ("published_unparsed" in doc.meta) is (expected is None)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".md", ".html", ".pdf", ".jsonl", ""]))
def test_any_bytes_give_documents_or_input_errors(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    for item in iter_documents([str(path)], max_bytes=MAX):
        assert isinstance(item, (Document, InputError))
        if isinstance(item, InputError):
            assert "\n" not in str(item) and str(item).startswith(str(path))
