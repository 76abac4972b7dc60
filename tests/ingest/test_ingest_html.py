"""HTML pages: main text, title and date kept; page furniture dropped; no article rejected."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.errors import EmptyInputError, NoArticleError
from communique.ingest import read_path

MAX = 1_000_000

ARTICLE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Ministers agree on joint patrols | The Daily Wire Service</title>
<meta property="og:title" content="Ministers agree on joint patrols">
<meta property="article:published_time" content="2023-03-14T08:30:00+00:00">
<style>body { font-family: serif; } .banner { color: red; }</style>
<script>window.trackingId = "UA-SCRIPT-SHOULD-NOT-APPEAR";</script>
</head><body>
<header class="banner"><div>Subscribe today for unlimited access to every story</div></header>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<main><article>
<h1>Ministers agree on joint patrols</h1>
<p>The defence ministers of Japan and the Philippines agreed on Tuesday to hold joint coast guard patrols
in the South China Sea, officials in Manila said.</p>
<h2>A first for the region</h2>
<p>It is the first such agreement between the two countries, and it follows months of talks that were
delayed twice by disputes over the rules of engagement.</p>
<p>China’s foreign ministry said it opposed any action that “undermines regional stability”.</p>
</article></main>
<aside class="sidebar"><h3>Most read</h3><ul><li><a href="/a">Celebrity chef opens restaurant</a></li></ul></aside>
<section id="comments" class="comments"><h3>Comments</h3>
<div class="comment"><p>This commenter thinks the whole thing is a disgrace and says so at length here.</p></div>
</section>
<footer>© 2021 The Daily Wire Service. All rights reserved.</footer>
</body></html>
"""

NAV_ONLY = """<html><head><title>Site index</title><script>var menu = 1;</script></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/about">About us</a> <a href="/contact">Contact</a></nav>
<footer><a href="/privacy">Privacy</a></footer></body></html>"""


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.fixture
def article(tmp_path: Path) -> Path:
    return write(tmp_path, "article.html", ARTICLE.encode("utf-8"))


def test_html_keeps_main_text_title_and_date(article: Path) -> None:
    [doc] = read_path(article, max_bytes=MAX)
    assert doc.title == "Ministers agree on joint patrols"
    assert doc.published == "2023-03-14"
    assert doc.meta["format"] == "html"
    assert "agreed on Tuesday to hold joint coast guard patrols in the South China Sea" in doc.raw_text
    assert "China’s foreign ministry said it opposed" in doc.raw_text


@pytest.mark.parametrize(
    "furniture",
    ["Subscribe today", "Home", "World", "UA-SCRIPT", "font-family", "Celebrity chef", "disgrace", "All rights"],
)
def test_html_drops_page_furniture(article: Path, furniture: str) -> None:
    [doc] = read_path(article, max_bytes=MAX)
    assert furniture not in doc.raw_text


def test_html_paragraphs_and_heading_hints(article: Path) -> None:
    [doc] = read_path(article, max_bytes=MAX)
    paras = doc.raw_text.split("\n\n")
    assert paras[0] == "Ministers agree on joint patrols"
    assert "A first for the region" in paras
    assert list(doc.heading_hints)[:2] == ["Ministers agree on joint patrols", "A first for the region"]


def test_html_title_is_prepended_when_the_body_lacks_it(tmp_path: Path) -> None:
    page = ARTICLE.replace("<h1>Ministers agree on joint patrols</h1>", "")
    [doc] = read_path(write(tmp_path, "a.htm", page.encode()), max_bytes=MAX)
    assert doc.raw_text.split("\n\n")[0] == doc.title == "Ministers agree on joint patrols"


def test_html_declared_charset_is_honoured(tmp_path: Path) -> None:
    page = ARTICLE.replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    [doc] = read_path(write(tmp_path, "a.html", page.encode("cp1252")), max_bytes=MAX)
    assert "China’s foreign ministry" in doc.raw_text
    assert doc.meta["encoding"] == "windows-1252"


def test_html_without_article_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, "index.html", NAV_ONLY.encode())
    with pytest.raises(NoArticleError, match="no article") as info:
        read_path(path, max_bytes=MAX)
    assert str(info.value).startswith(str(path))


def test_html_empty_file_is_empty(tmp_path: Path) -> None:
    with pytest.raises(EmptyInputError):
        read_path(write(tmp_path, "blank.html", b"  \n"), max_bytes=MAX)


def test_html_declared_latin1_is_read_as_windows_1252(tmp_path: Path) -> None:
    page = ARTICLE.replace('<meta charset="utf-8">',
                           '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">')
    [doc] = read_path(write(tmp_path, "a.html", page.encode("cp1252")), max_bytes=MAX)
    assert "China’s foreign ministry" in doc.raw_text
    assert doc.meta["encoding"] == "cp1252"
