"""Plain text: decide the encoding of a file's bytes and normalise what it decodes to.

Encodings are tried in a fixed order: a byte-order mark (UTF-8, UTF-16, UTF-32),
strict UTF-8, UTF-16 without a mark (recognised by where its zero bytes sit),
cp1252, latin-1. Two failures are told apart:

* bytes that are not text at all (zero bytes, many C0 control characters) are
  :class:`UnsupportedFormatError` "binary data, not text";
* bytes that look like text but that no encoding decodes plausibly (UTF-8 with
  broken sequences, or high bytes that make control characters in cp1252 and
  latin-1) are :class:`DecodeError`.

latin-1 decodes every byte string, so "plausible" is judged by the characters a
decoding yields, never by whether it raised.

The helpers :func:`normalise_text`, :func:`make_document` and
:func:`normalise_date` are shared by every reader.
"""

from __future__ import annotations

import codecs
import datetime as _dt
import hashlib
import re
import unicodedata
from typing import Any

from communique.errors import DecodeError, EmptyInputError, UnsupportedFormatError
from communique.record import Document

# Share of C0 control characters (other than tab, newline, carriage return, form
# feed, vertical tab and escape) above which bytes are binary, not text. Calibrated
# on random bytes (about 11% such characters) versus real text files, including
# PDF extractions with stray form feeds (well under 0.5%); 2% leaves a wide
# margin on both sides. Re-run tests/ingest/test_ingest_text.py after changing it.
MAX_CONTROL_RATIO = 0.02

# Share of characters in a cp1252/latin-1 decoding that may be implausible in
# text (C1 controls, private use, unassigned) before the bytes are called
# undecodable. Western European text decoded with the right code page has none;
# random high bytes give about 15%. Re-run tests/ingest/test_ingest_text.py after changing it.
MAX_IMPLAUSIBLE_RATIO = 0.01

# For UTF-16 without a byte-order mark: share of the high (or low) bytes of each
# 16-bit unit that must be zero. Latin-script UTF-16 has nearly all of them zero;
# 0.4 still accepts text with a fair amount of CJK while rejecting binary data,
# whose zero bytes are spread over both positions.
UTF16_ZERO_SHARE = 0.4

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v\x1b")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85\f\v]")
_CLEAN = {
    **{code: None for code in [*range(0x20), *range(0x7F, 0xA0)] if chr(code) not in "\t\n"},
    0xFEFF: None,  # byte-order mark / zero-width no-break space
    0x00AD: None,  # soft hyphen
    0x00A0: " ", 0x2007: " ", 0x202F: " ",  # no-break spaces
}


def detect_and_decode(data: bytes, source: str) -> tuple[str, str]:
    """Return ``(text, encoding)`` for the bytes of a text file, or raise an InputError."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                raise DecodeError(source, f"invalid {encoding.upper()} after its byte-order mark") from None
            _check_not_binary(text, source)
            return text, encoding
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise UnsupportedFormatError(source, "binary data, not text")
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            raise UnsupportedFormatError(source, "binary data, not text") from None
        _check_not_binary(text, source)
        return text, utf16
    _check_not_binary(data.decode("latin-1"), source)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if _looks_like_broken_utf8(data):
            raise DecodeError(
                source, f"invalid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}) and not another encoding"
            ) from None
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _implausible_ratio(text) <= MAX_IMPLAUSIBLE_RATIO:
            return text, encoding
    raise DecodeError(source, "not valid UTF-8, UTF-16, cp1252 or latin-1 text")


def _check_not_binary(text: str, source: str) -> None:
    if not text:
        return
    controls = sum(1 for ch in text if ch < " " and ch not in _ALLOWED_CONTROLS)
    if "\x00" in text or controls / len(text) > MAX_CONTROL_RATIO:
        raise UnsupportedFormatError(source, "binary data, not text")


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when the zero bytes sit where UTF-16 puts them, else None."""
    if len(data) < 4 or len(data) % 2:
        return None
    units = len(data) // 2
    zero_odd = data[1::2].count(0) / units
    zero_even = data[0::2].count(0) / units
    if zero_odd >= UTF16_ZERO_SHARE and zero_even < 0.05:
        return "utf-16-le"
    if zero_even >= UTF16_ZERO_SHARE and zero_odd < 0.05:
        return "utf-16-be"
    return None


_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _looks_like_broken_utf8(data: bytes) -> bool:
    """True when the bytes hold well-formed UTF-8 sequences as well as broken ones.

    cp1252 text almost never contains a well-formed UTF-8 multi-byte sequence
    (it would need an accented capital followed by a C1-range symbol), so a file
    that has them alongside invalid bytes is damaged or mixed UTF-8, and decoding
    it as cp1252 would only make mojibake ("Ã©").
    """
    valid = len(_UTF8_MULTIBYTE.findall(data))
    high = sum(1 for b in data if b >= 0x80)
    invalid = high - sum(len(m) for m in _UTF8_MULTIBYTE.findall(data))
    return valid > 0 and valid >= invalid / 2


def _implausible_ratio(text: str) -> float:
    """Share of non-ASCII characters in ``text`` that real text would not contain."""
    high = [ch for ch in text if ord(ch) > 0x7F]
    if not high:
        return 0.0
    bad = sum(1 for ch in high if unicodedata.category(ch) in ("Cc", "Co", "Cn", "Cs"))
    return bad / len(text)


def normalise_text(text: str) -> str:
    """The text every reader hands on: Unicode NFC with plain whitespace.

    Line endings become ``\\n`` (form feeds and vertical tabs too), no-break
    spaces become spaces (tokenizers split only on plain ones), control
    characters, soft hyphens and byte-order marks are removed, and lines lose
    their trailing spaces.
    """
    text = _NEWLINES.sub("\n", text)
    text = text.translate(_CLEAN)
    text = unicodedata.normalize("NFC", text)
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def normalise_date(value: Any) -> str | None:
    """``YYYY-MM-DD`` from a date string ("2023-03-14T08:30Z", "March 14, 2023"), else None.

    Only absolute dates with day, month and year count: "March 2023" or
    "yesterday" say too little to be a publication date.
    """
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    if match:
        try:
            return _dt.date(int(match[1]), int(match[2]), int(match[3])).isoformat()
        except ValueError:
            return None
    import dateparser  # only for dates not written the ISO way

    try:
        parsed = dateparser.parse(
            value[:100],
            languages=["en"],
            settings={"REQUIRE_PARTS": ["day", "month", "year"], "PARSERS": ["custom-formats", "absolute-time"]},
        )
    except (ValueError, OverflowError, TypeError, KeyError, IndexError):  # odd strings upset dateparser
        return None
    return parsed.date().isoformat() if parsed else None


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def make_document(
    raw: bytes,
    source: str,
    text: str,
    *,
    fmt: str,
    title: str | None = None,
    published: str | None = None,
    encoding: str | None = None,
    heading_hints: list[str] | None = None,
    **meta: Any,
) -> Document:
    """The ingested Document: id from the raw bytes, ``raw_text`` normalised, ``text`` left empty."""
    raw_text = normalise_text(text)
    if not raw_text.strip():
        raise EmptyInputError(source, "no text (empty or whitespace only)")
    info: dict[str, Any] = {"format": fmt, "encoding": encoding}
    info.update({k: v for k, v in meta.items() if v is not None})
    clean_title = normalise_text(title).replace("\n", " ") if title and title.strip() else None
    return Document(
        id=sha256_hex(raw),
        source=source,
        raw_text=raw_text,
        title=clean_title,
        published=normalise_date(published),
        heading_hints=tuple(heading_hints or ()),
        meta=info,
    )


def read_text_bytes(data: bytes, source: str, *, fmt: str = "txt") -> Document:
    """A .txt or .md file (or text on standard input) as a Document.

    Markdown is reduced to its text: front matter gives the title and date,
    heading markers, emphasis, link and image syntax are removed, and the
    headings are listed in ``meta["heading_hints"]`` (the first level-1 heading
    is the title when the front matter has none).
    """
    if not data.strip():
        raise EmptyInputError(source, "empty file")
    text, encoding = detect_and_decode(data, source)
    if fmt != "md":
        return make_document(data, source, text, fmt=fmt, encoding=encoding)
    front, body = _front_matter(normalise_text(text))
    plain, headings, first_title = markdown_to_text(body)
    return make_document(
        data, source, plain, fmt=fmt, encoding=encoding,
        title=front.get("title") or first_title,
        published=front.get("date") or front.get("published"),
        heading_hints=headings,
    )


_FRONT = re.compile(r"\A---\n(.*?)\n(?:---|\.\.\.)\n", re.DOTALL)
_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)|\[([^\]]+)\]\[[^\]]*\]")
_EMPHASIS = re.compile(
    r"(?<![\w*])(\*{1,3})(?=\S)(.+?)(?<=\S)\1(?![\w*])"
    r"|(?<![\w_])(_{1,3})(?=\S)(.+?)(?<=\S)\3(?![\w_])"
)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """YAML-style ``key: value`` front matter (only flat string values are read) and the rest."""
    match = _FRONT.match(text)
    if not match:
        return {}, text
    values: dict[str, str] = {}
    for line in match.group(1).split("\n"):
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith((" ", "\t")):
            values[key.strip().lower()] = value.strip().strip("\"'")
    return values, text[match.end():]


def markdown_to_text(text: str) -> tuple[str, list[str], str | None]:
    """Markdown as plain text, its headings, and its first level-1 heading."""
    text = _COMMENT.sub("", text)
    lines = text.split("\n")
    out: list[str] = []
    headings: list[str] = []
    title: str | None = None
    fenced = False
    for index, line in enumerate(lines):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if fenced:
            out.append(line)
            continue
        atx = _ATX.match(line)
        nxt = lines[index + 1] if index + 1 < len(lines) else ""
        if atx:
            heading = _inline(atx.group(2))
            headings.append(heading)
            if title is None and len(atx.group(1)) == 1:
                title = heading
            out.extend(["", heading, ""])
        elif line.strip() and _SETEXT.match(nxt) and not _RULE.match(line):
            heading = _inline(line.strip())
            headings.append(heading)
            if title is None and nxt.strip().startswith("="):
                title = heading
            out.extend(["", heading, ""])
        elif _SETEXT.match(line) and out and out[-1] == "" and headings:
            continue  # the underline of the heading just written
        elif _RULE.match(line):
            out.append("")
        else:
            out.append(_inline(line))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip("\n"), headings, title


def _inline(text: str) -> str:
    text = _IMAGE.sub("", text)
    text = _LINK.sub(lambda m: m.group(1) or m.group(2), text)
    for _ in range(2):  # nested emphasis: ***a** b*
        text = _EMPHASIS.sub(lambda m: m.group(2) if m.group(1) else m.group(4), text)
    return text.replace("`", "")


def from_text(
    text: str, *, source: str = "<text>", title: str | None = None, published: str | None = None
) -> Document:
    """A Document from a Python string; its id is the sha256 of the string's UTF-8 bytes."""
    return make_document(text.encode("utf-8"), source, text, fmt="txt", title=title, published=published,
                         encoding="utf-8")
