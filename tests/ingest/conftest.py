"""PDF fixtures for the ingest tests, built with PyMuPDF at test time (no binaries in the repo).

Each builder writes a small PDF whose layout exercises one rule of the PDF
reader: two columns, running headers and footers, hyphenated line ends,
headings, footnotes, a boxed pull quote.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pymupdf
import pytest

A4 = (595, 842)
LEFT = pymupdf.Rect(60, 150, 285, 700)
RIGHT = pymupdf.Rect(310, 150, 535, 700)

LEFT_TEXT = (
    "Alpha paragraph opens the left column. The minister said the agreement would be signed in March. "
    "Negotiators met three times in the capital before the deal was announced."
)
RIGHT_TEXT = (
    "Omega paragraph fills the right column. Opposition leaders called the deal premature and demanded "
    "a vote in parliament before any signature."
)


def new_page(doc: pymupdf.Document) -> pymupdf.Page:
    return doc.new_page(width=A4[0], height=A4[1])


def fit(page: pymupdf.Page, rect: pymupdf.Rect, text: str, size: float = 10, font: str = "helv") -> None:
    """Write ``text`` into ``rect``, failing loudly if it does not fit (a silent overflow drops text)."""
    left = page.insert_textbox(rect, text, fontsize=size, fontname=font)
    assert left >= 0, f"fixture text does not fit its box by {-left:.0f} pt"


def lines_at(page: pymupdf.Page, x: float, y: float, lines: list[str], size: float = 10) -> float:
    """Write each of ``lines`` as its own line from (x, y) down; return the y after the last."""
    for line in lines:
        page.insert_text((x, y), line, fontsize=size)
        y += size * 1.4
    return y


def save(doc: pymupdf.Document, path: Path, **kwargs: object) -> Path:
    doc.save(path, **kwargs)
    doc.close()
    return path


@pytest.fixture
def pdf_path(tmp_path: Path) -> Callable[[str], Path]:
    """A function giving a fresh path in the test's temporary directory."""
    return lambda name: tmp_path / name


@pytest.fixture
def column_texts() -> tuple[str, str]:
    """The texts of the left and right column of ``two_column_pdf``."""
    return LEFT_TEXT, RIGHT_TEXT


@pytest.fixture
def two_column_pdf(tmp_path: Path) -> Path:
    """One page: a full-width title, then two columns whose text must not interleave."""
    doc = pymupdf.open()
    page = new_page(doc)
    page.insert_text((60, 100), "Ministers Reach a Deal", fontsize=24, fontname="hebo")
    fit(page, LEFT, LEFT_TEXT)
    fit(page, RIGHT, RIGHT_TEXT)
    return save(doc, tmp_path / "two_columns.pdf")


@pytest.fixture
def report_pdf(tmp_path: Path) -> Path:
    """Three pages with a running header, a running footer with the page number, and a lone page number."""
    doc = pymupdf.open()
    bodies = [
        "The first page reports that the summit opened in Geneva with a call for calm.",
        "The second page describes the talks between the delegations over two days.",
        "The third page closes with the communique the delegations signed on Friday.",
    ]
    for number, body in enumerate(bodies, start=1):
        page = new_page(doc)
        page.insert_text((60, 40), "Quarterly Security Review · Issue 12", fontsize=9)
        fit(page, pymupdf.Rect(60, 120, 535, 400), body)
        page.insert_text((60, 810), f"Institute for Regional Studies — page {number} of 3", fontsize=9)
        page.insert_text((290, 830), str(number), fontsize=9)
    return save(doc, tmp_path / "report.pdf")


@pytest.fixture
def hyphen_pdf(tmp_path: Path) -> Path:
    """Line-end hyphens: two to undo (a word split by the line break), two real compounds to keep."""
    doc = pymupdf.open()
    page = new_page(doc)
    lines_at(page, 60, 120, [
        "Both governments pledged to protect regional secu-",
        "rity and to expand their cooperation on maritime",
        "patrols. The plan relies on next-",
        "generation radar, and the next-generation radar is",
        "already deployed along the coast. Officials de-",
        "scribed the Franco-",
        "German proposal as a good start for the talks.",
    ])
    return save(doc, tmp_path / "hyphens.pdf")


@pytest.fixture
def headed_pdf(tmp_path: Path) -> Path:
    """A title, a section heading and a bold run-in heading, each above body text."""
    doc = pymupdf.open()
    page = new_page(doc)
    page.insert_text((60, 90), "Taiwan and Japan Agree on Patrols", fontsize=20, fontname="hebo")
    y = lines_at(page, 60, 130, [
        "The two governments agreed on joint coast guard patrols on Monday, officials said",
        "in a statement released after the meeting in Tokyo.",
    ])
    page.insert_text((60, y + 14), "National Defense Plan", fontsize=14, fontname="hebo")
    y = lines_at(page, 60, y + 40, [
        "The plan was adopted on December 16 and doubles the budget for coastal defence",
        "over the next five years.",
    ])
    page.insert_text((60, y + 14), "Reactions", fontsize=10, fontname="hebo")
    lines_at(page, 60, y + 30, [
        "Beijing criticised the agreement and said it would respond to any provocation",
        "in the region.",
    ])
    return save(doc, tmp_path / "headed.pdf")


@pytest.fixture
def footnote_pdf(tmp_path: Path) -> Path:
    """A body sentence running across the page bottom, a footnote and a boxed pull quote on the page."""
    doc = pymupdf.open()
    for number in (1, 2):
        page = new_page(doc)
        if number == 1:
            lines_at(page, 60, 120, [
                "The council met on Thursday to review the sanctions regime that was",
                "extended last year. Several members asked for an independent review of",
            ])
            box = pymupdf.Rect(330, 300, 535, 380)
            page.draw_rect(box, color=(0, 0, 0), width=1)
            inner = pymupdf.Rect(box.x0 + 8, box.y0 + 8, box.x1 - 8, box.y1 - 8)
            fit(page, inner, "Sanctions alone will not end this war, a diplomat warned.", size=10)
            lines_at(page, 60, 760, ["1 The regime was first adopted in 2014 and renewed every year since."], size=7)
        else:
            lines_at(page, 60, 120, [
                "the measures and for a report within six months. The chair agreed to the",
                "request and closed the meeting.",
            ])
    return save(doc, tmp_path / "footnote.pdf")


@pytest.fixture
def scanned_pdf(tmp_path: Path) -> Path:
    """A page with only an image on it (what a scanner makes): no text layer."""
    doc = pymupdf.open()
    page = new_page(doc)
    pixmap = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 40, 40), False)
    pixmap.clear_with(200)
    page.insert_image(pymupdf.Rect(60, 60, 500, 500), pixmap=pixmap)
    return save(doc, tmp_path / "scanned.pdf")


@pytest.fixture
def encrypted_pdf(tmp_path: Path) -> Path:
    doc = pymupdf.open()
    page = new_page(doc)
    page.insert_text((60, 100), "A confidential memorandum about the negotiations.", fontsize=11)
    return save(doc, tmp_path / "locked.pdf", encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="secret",
                owner_pw="owner-secret")
