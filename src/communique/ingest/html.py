"""HTML pages: the article's main text, title and publication date, offline.

trafilatura finds the main content of the page and drops navigation, banners,
sidebars, comments, scripts and styles. It is given a decoded string and no URL,
so it never fetches anything. Each block of the extracted content (paragraph,
heading, list item, quote, table row) becomes one paragraph of ``raw_text``,
paragraphs separated by a blank line. The headline, when the page has one, is
the first paragraph (so sentences in it are read like the body) and is also the
Document's title; the page's ``<h1>``–``<h6>`` inside the article are listed in
``meta["heading_hints"]`` for the repair stage.

The date comes from the page's metadata only (meta tags, JSON-LD, ``<time>``),
not from guesses in the text, so a copyright line never becomes a publication
date.
"""

from __future__ import annotations

import re
from typing import Any

from communique.errors import EmptyInputError, NoArticleError
from communique.ingest.text import detect_and_decode, make_document
from communique.record import Document

# A page is an article only if some block of its main text has at least this many
# words: navigation, cookie banners and link lists that trafilatura falls back to
# on pages without content are made of shorter blocks (menus of 1-4 words), while
# the shortest news briefs we have seen have sentences of 8 words or more.
MIN_PARAGRAPH_WORDS = 6

# Tags of the extracted tree (trafilatura's own XML) whose text is one paragraph.
_BLOCK_TAGS = ("head", "p", "item", "quote", "row", "code")
# Labels that browsers decode as windows-1252 whatever they say (the WHATWG Encoding
# Standard): pages that declare latin-1 routinely contain curly quotes from cp1252.
_WHATWG_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252",
                   "ascii": "cp1252", "iso8859-1": "cp1252", "l1": "cp1252"}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)


def decode_html(data: bytes, source: str) -> tuple[str, str]:
    """Decode HTML bytes: a declared charset wins when it decodes, else the text detector."""
    declared = _CHARSET.search(data[:4096])
    if declared and not data.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        name = declared.group(1).decode("ascii").lower()
        name = _WHATWG_ALIASES.get(name, name)
        try:
            return data.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass
    return detect_and_decode(data, source)


def read_html_bytes(data: bytes, source: str) -> Document:
    """An .html/.htm file as a Document; NoArticleError when the page has no article."""
    if not data.strip():
        raise EmptyInputError(source, "empty file")
    html, encoding = decode_html(data, source)
    extracted = _extract(html)
    if extracted is None:
        raise NoArticleError(source, "no article text found in the HTML page")
    paragraphs, headings = _blocks(extracted)
    if not any(len(p.split()) >= MIN_PARAGRAPH_WORDS for p in paragraphs if p not in headings):
        raise NoArticleError(source, "no article text found in the HTML page (only navigation or fragments)")
    title = _clean(getattr(extracted, "title", None) or "") or None
    if title and (not paragraphs or _key(paragraphs[0]) != _key(title)):
        paragraphs.insert(0, title)
    if title and title not in headings:
        headings.insert(0, title)
    return make_document(
        data,
        source,
        "\n\n".join(paragraphs),
        fmt="html",
        title=title,
        published=getattr(extracted, "date", None),
        encoding=encoding,
        heading_hints=headings,
        author=getattr(extracted, "author", None) or None,
        url=getattr(extracted, "url", None) or None,
        sitename=getattr(extracted, "sitename", None) or None,
    )


def _extract(html: str) -> Any:
    import trafilatura

    try:
        return trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except (ValueError, TypeError, AttributeError):  # trafilatura gives up on some malformed trees
        return None


def _blocks(extracted: Any) -> tuple[list[str], list[str]]:
    """Paragraph texts in document order, and the headings among them."""
    body = getattr(extracted, "body", None)
    paragraphs: list[str] = []
    headings: list[str] = []
    if body is not None:
        for brk in body.iter("lb"):  # a line break inside a block reads as a space
            brk.tail = " " + (brk.tail or "")
        for element in body.iter(*_BLOCK_TAGS):
            if _inside(element, _BLOCK_TAGS):
                continue  # read with the block that holds it
            if element.tag == "row":
                text = " | ".join(t for t in (_clean("".join(c.itertext())) for c in element) if t)
            else:
                text = _clean("".join(element.itertext()))
            if not text:
                continue
            paragraphs.append(text)
            if element.tag == "head":
                headings.append(text)
    if not paragraphs:
        text = getattr(extracted, "text", None) or ""
        paragraphs = [line for line in (_clean(x) for x in text.split("\n")) if line]
    return paragraphs, headings


def _inside(element: Any, tags: tuple[str, ...]) -> bool:
    parent = element.getparent()
    while parent is not None:
        if parent.tag in tags:
            return True
        parent = parent.getparent()
    return False


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _key(text: str) -> str:
    return re.sub(r"\W+", "", text).casefold()
