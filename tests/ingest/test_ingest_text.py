"""Plain-text files: encodings, normalisation and the bad inputs of a text reader."""

from __future__ import annotations

import codecs
import hashlib
import random
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from communique.errors import DecodeError, EmptyInputError, InputError, TooLargeError, UnsupportedFormatError
from communique.ingest import from_text, read_path
from communique.ingest.text import detect_and_decode, normalise_text

MAX = 1_000_000
SAMPLE = "Taiwan’s President said on “Monday” that Café Zürich – and Señor Núñez – would attend. Cost: 5 €."


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (SAMPLE.encode("utf-16"), "utf-16"),  # with its byte-order mark
        (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16"),
        (SAMPLE.encode("utf-16-le"), "utf-16-le"),  # no byte-order mark
        (SAMPLE.encode("utf-16-be"), "utf-16-be"),
        (SAMPLE.encode("utf-32"), "utf-32"),
        (SAMPLE.encode("cp1252"), "cp1252"),
    ],
)
def test_text_decodes_each_encoding(tmp_path: Path, data: bytes, encoding: str) -> None:
    [doc] = read_path(write(tmp_path, "a.txt", data), max_bytes=MAX)
    assert doc.raw_text == SAMPLE
    assert doc.meta["encoding"] == encoding
    assert doc.meta["format"] == "txt"


def test_text_latin1_without_cp1252_punctuation(tmp_path: Path) -> None:
    text = "São Paulo e Genève: a reunião acabou às três horas, disse o ministro."
    [doc] = read_path(write(tmp_path, "a.txt", text.encode("latin-1")), max_bytes=MAX)
    assert doc.raw_text == text
    assert doc.meta["encoding"] in ("cp1252", "latin-1")  # identical for these bytes


def test_text_latin1_bytes_undefined_in_cp1252(tmp_path: Path) -> None:
    # 0x81 is undefined in cp1252; latin-1 maps it to a control character, which real text lacks
    data = "Bonjour à tous, la séance est ouverte.".encode("latin-1") + b"\x81\x8d\x8f\x90" * 20
    with pytest.raises(DecodeError):
        read_path(write(tmp_path, "a.txt", data), max_bytes=MAX)


def test_text_is_nfc_with_unix_newlines(tmp_path: Path) -> None:
    data = "Cafe\u0301 opened.\r\nSecond line.\rThird line.  \n".encode()
    [doc] = read_path(write(tmp_path, "a.md", data), max_bytes=MAX)
    assert doc.raw_text == "Café opened.\nSecond line.\nThird line."
    assert doc.meta["format"] == "md"


def test_text_document_id_is_sha256_of_file_bytes(tmp_path: Path) -> None:
    data = SAMPLE.encode("cp1252")
    path = write(tmp_path, "a.txt", data)
    [doc] = read_path(path, max_bytes=MAX)
    assert doc.id == hashlib.sha256(data).hexdigest()
    assert doc.source == str(path)
    assert doc.text == ""
    assert read_path(path, max_bytes=MAX) == [doc]  # reading twice gives the same document


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", codecs.BOM_UTF8 + b"\n\n", "  \n".encode("utf-16")])
def test_text_empty_or_whitespace_is_empty_input(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, "empty.txt", data)
    with pytest.raises(EmptyInputError) as info:
        read_path(path, max_bytes=MAX)
    assert str(info.value).startswith(f"{path}: ")


def test_text_binary_junk_named_txt_is_rejected(tmp_path: Path) -> None:
    junk = random.Random(7).randbytes(4096)
    path = write(tmp_path, "junk.txt", junk)
    with pytest.raises(UnsupportedFormatError, match="binary data, not text"):
        read_path(path, max_bytes=MAX)


def test_text_control_characters_without_nul_are_binary(tmp_path: Path) -> None:
    data = bytes(b for b in random.Random(3).randbytes(4096) if b != 0)
    with pytest.raises(UnsupportedFormatError, match="binary data"):
        read_path(write(tmp_path, "junk.txt", data), max_bytes=MAX)


def test_text_invalid_utf8_is_a_decode_error(tmp_path: Path) -> None:
    data = "Les négociations ont échoué à Genève".encode() + b" \xc3\x28 puis \xe2\x82 fin " + "été".encode()
    path = write(tmp_path, "broken.txt", data)
    with pytest.raises(DecodeError, match="invalid UTF-8") as info:
        read_path(path, max_bytes=MAX)
    assert "\n" not in str(info.value)


def test_text_over_the_size_limit_names_size_and_limit(tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", b"word " * 300)
    with pytest.raises(TooLargeError) as info:
        read_path(path, max_bytes=1000)
    assert "1,500 bytes" in str(info.value)
    assert "1,000 bytes" in str(info.value)


def test_unsupported_extension_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormatError, match=r"unsupported file type '\.docx'"):
        read_path(write(tmp_path, "memo.docx", b"PK\x03\x04"), max_bytes=MAX)


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_path(tmp_path / "absent.txt", max_bytes=MAX)


def test_file_without_extension_is_sniffed(tmp_path: Path) -> None:
    [doc] = read_path(write(tmp_path, "README", b"Plain words in a file with no extension."), max_bytes=MAX)
    assert doc.meta["format"] == "txt"


def test_from_text_builds_a_document() -> None:
    doc = from_text("Line one.\r\nLine two.", title="A title", published="2022-12-28T09:00:00Z")
    assert doc.raw_text == "Line one.\nLine two."
    assert doc.title == "A title"
    assert doc.published == "2022-12-28"
    assert doc.source == "<text>"
    assert doc.id == hashlib.sha256(b"Line one.\r\nLine two.").hexdigest()


def test_from_text_rejects_blank_text() -> None:
    with pytest.raises(EmptyInputError):
        from_text("   \n ")


_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn"), blacklist_characters="\ufeff"),
    min_size=1,
    max_size=200,
)


@given(_TEXT)
def test_any_utf8_text_decodes_to_itself(text: str) -> None:
    decoded, encoding = detect_and_decode(text.encode("utf-8"), "x.txt")
    assert decoded == text
    assert encoding == "utf-8"


@given(_TEXT)
def test_normalisation_is_idempotent(text: str) -> None:
    once = normalise_text(text)
    assert normalise_text(once) == once


MARKDOWN = """---
title: "Border talks resume"
date: 2023-04-05
---
# Border talks resume

The **foreign ministers** met in [Geneva](https://example.org/geneva) on *Tuesday*. ![a map](map.png)

Background
----------

Talks were stalled since 2021, officials said.

## Next steps ##

- a second round in May
"""


def test_markdown_front_matter_headings_and_inline_syntax(tmp_path: Path) -> None:
    [doc] = read_path(write(tmp_path, "talks.md", MARKDOWN.encode()), max_bytes=MAX)
    assert doc.title == "Border talks resume"
    assert doc.published == "2023-04-05"
    assert list(doc.heading_hints) == ["Border talks resume", "Background", "Next steps"]
    assert doc.raw_text.split("\n\n") == [
        "Border talks resume",
        "The foreign ministers met in Geneva on Tuesday.",
        "Background",
        "Talks were stalled since 2021, officials said.",
        "Next steps",
        "- a second round in May",
    ]


def test_plain_text_keeps_markdown_like_characters(tmp_path: Path) -> None:
    text = "# not a heading in a .txt file\n\nA *starred* word stays as written."
    [doc] = read_path(write(tmp_path, "notes.txt", text.encode()), max_bytes=MAX)
    assert doc.raw_text == text
    assert list(doc.heading_hints) == []


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("10\u00a0km and 5\u202fkg", "10 km and 5 kg"),
        ("page one\fpage two", "page one\npage two"),
        ("bell\x07 and secu\u00adrity", "bell and security"),
        ("\ufeffmarked", "marked"),
        ("tab\tkept", "tab\tkept"),
    ],
)
def test_normalise_text_plain_whitespace(raw: str, expected: str) -> None:
    assert normalise_text(raw) == expected
