"""The PDF reader: reading order, running lines, hyphenation, headings, asides, bad PDFs."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pymupdf
import pytest

from communique.errors import EmptyInputError, PdfError
from communique.ingest import read_path
from communique.ingest.pdf_layout import Line, Run, join_lines, keep_hyphen, reading_order, running_lines, vocabulary

MAX = 10_000_000


def paragraphs(path: Path) -> list[str]:
    [doc] = read_path(path, max_bytes=MAX)
    return doc.raw_text.split("\n\n")


def test_pdf_two_columns_are_read_column_by_column(two_column_pdf: Path, column_texts: tuple[str, str]) -> None:
    left, right = column_texts
    [doc] = read_path(two_column_pdf, max_bytes=MAX)
    text = doc.raw_text
    assert left in text
    assert right in text
    assert text.index("Ministers Reach a Deal") < text.index(left) < text.index(right)


def test_pdf_document_fields(two_column_pdf: Path) -> None:
    [doc] = read_path(two_column_pdf, max_bytes=MAX)
    assert doc.id == hashlib.sha256(two_column_pdf.read_bytes()).hexdigest()
    assert doc.source == str(two_column_pdf)
    assert doc.text == ""
    assert doc.meta["format"] == "pdf"
    assert doc.meta["pages"] == 1


def test_pdf_running_header_footer_and_page_numbers_are_dropped(report_pdf: Path) -> None:
    [doc] = read_path(report_pdf, max_bytes=MAX)
    assert "Quarterly Security Review" not in doc.raw_text
    assert "Institute for Regional Studies" not in doc.raw_text
    assert not any(p.strip().isdigit() for p in doc.raw_text.split("\n\n"))
    for phrase in ("summit opened in Geneva", "talks between the delegations", "signed on Friday"):
        assert phrase in doc.raw_text


def test_pdf_line_break_hyphens_undone_and_compounds_kept(hyphen_pdf: Path) -> None:
    [doc] = read_path(hyphen_pdf, max_bytes=MAX)
    assert "regional security and" in doc.raw_text
    assert "described the" in doc.raw_text
    assert "next-generation radar, and" in doc.raw_text  # the document writes the compound elsewhere
    assert "Franco-German proposal" in doc.raw_text  # capitalised second part
    assert "secu-" not in doc.raw_text and "de-" not in doc.raw_text


@pytest.mark.parametrize(
    ("left", "right", "kept"),
    [
        ("secu", "rity", False),
        ("Franco", "German", True),
        ("COVID", "19", True),
        ("US", "led", True),
        ("self", "defence", True),
        ("govern", "ment", False),
        ("next", "generation", True),
    ],
)
def test_keep_hyphen_general_rules(left: str, right: str, kept: bool) -> None:
    assert keep_hyphen(left, right, Counter()) is kept


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["the war of 1990-", "1995 ended"], "the war of 1990-1995 ended"),
        (["a pause—", "then talks"], "a pause—then talks"),
        (["a pause —", "then talks"], "a pause — then talks"),
        (["see https://example.org/", "report"], "see https://example.org/report"),
        (["secu\u00ad", "rity"], "security"),
        (["a list -", "item"], "a list - item"),
    ],
)
def test_join_lines_punctuation_at_line_end(lines: list[str], joined: str) -> None:
    assert join_lines(lines, Counter()) == joined


def test_keep_hyphen_follows_the_document_vocabulary() -> None:
    vocab = vocabulary(["the coastguard patrols", "a cease-fire was agreed"])
    assert keep_hyphen("coast", "guard", vocab) is False
    assert keep_hyphen("cease", "fire", vocab) is True
    assert join_lines(["the coast-", "guard and a cease-", "fire"], vocab) == "the coastguard and a cease-fire"


def test_pdf_title_and_headings_are_paragraphs_of_their_own(headed_pdf: Path) -> None:
    [doc] = read_path(headed_pdf, max_bytes=MAX)
    paras = doc.raw_text.split("\n\n")
    assert doc.title == "Taiwan and Japan Agree on Patrols"
    assert paras[0] == doc.title
    assert "National Defense Plan" in paras
    assert "Reactions" in paras  # bold run-in heading of body size
    assert list(doc.heading_hints) == ["Taiwan and Japan Agree on Patrols", "National Defense Plan", "Reactions"]
    body = [p for p in paras if p not in list(doc.heading_hints)]
    assert all("National Defense Plan" not in p for p in body)
    assert any(p.startswith("The plan was adopted on December 16") for p in body)


def test_pdf_footnote_and_box_not_spliced_into_body(footnote_pdf: Path) -> None:
    [doc] = read_path(footnote_pdf, max_bytes=MAX)
    paras = doc.raw_text.split("\n\n")
    # the sentence cut by the page break is one paragraph again, with nothing inside it
    assert "an independent review of the measures and for a report" in paras[0]
    assert "2014" not in paras[0] and "diplomat" not in paras[0]
    # the footnote and the boxed quote come after the body, each its own paragraph
    assert paras[1:] == [
        "Sanctions alone will not end this war, a diplomat warned.",
        "1 The regime was first adopted in 2014 and renewed every year since.",
    ]
    assert doc.meta["asides"] == 2


def test_pdf_corrupt_is_not_readable(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\nthis is not a PDF body\n" * 10)
    with pytest.raises(PdfError, match="not a readable PDF") as info:
        read_path(path, max_bytes=MAX)
    assert str(info.value).startswith(str(path))
    assert "\n" not in str(info.value)


def test_pdf_encrypted_is_reported(encrypted_pdf: Path) -> None:
    with pytest.raises(PdfError, match="encrypted PDF"):
        read_path(encrypted_pdf, max_bytes=MAX)


def test_pdf_without_text_layer_is_reported(scanned_pdf: Path) -> None:
    with pytest.raises(PdfError, match=r"no text layer \(scanned\?\)"):
        read_path(scanned_pdf, max_bytes=MAX)


def test_pdf_empty_file_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "zero.pdf"
    path.write_bytes(b"")
    with pytest.raises(EmptyInputError):
        read_path(path, max_bytes=MAX)


def test_pdf_metadata_title_used_when_no_font_title(pdf_path: Callable[[str], Path]) -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((60, 100), "Body text only, all in one size, on a page with no heading at all.", fontsize=10)
    doc.set_metadata({"title": "Annual Threat Assessment", "creationDate": "D:20230308101500+01'00'"})
    path = pdf_path("meta.pdf")
    doc.save(path)
    [read] = read_path(path, max_bytes=MAX)
    assert read.title == "Annual Threat Assessment"
    assert read.meta["pdf_created"] == "2023-03-08"
    assert read.published is None  # the file's date is a hint, not the publication date


def _line(text: str, x0: float, y0: float, x1: float, page: int = 0) -> Line:
    return Line(text, x0, y0, x1, y0 + 12, 10.0, page=page)


def test_running_lines_repeated_text_and_page_numbers_are_dropped() -> None:
    pages = [
        [_line("Header of the report", 50, 20, 300), _line("body one", 50, 300, 500), _line("7", 290, 800, 300)],
        [_line("Header of the report", 50, 20, 300), _line("body two", 50, 300, 500)],
        [_line("Title set high on the page", 50, 20, 300), _line("body right below it", 50, 34, 500)],
    ]
    dropped = running_lines(pages, [842, 842, 842])
    texts = sorted(line.text for lines in pages for line in lines if id(line) in dropped)
    assert texts == ["7", "Header of the report", "Header of the report"]


def test_running_header_whose_text_changes_is_dropped_by_its_slot() -> None:
    pages = [
        [_line("CHAPTER 1. INTRODUCTION", 50, 30, 300), _line("body one", 50, 90, 500)],
        [_line("CHAPTER 2. EVENTS", 50, 30, 300), _line("body two", 50, 90, 500)],
        [_line("Conclusions of the study", 50, 60, 300), _line("body three", 50, 75, 500)],
    ]
    dropped = running_lines(pages, [842, 842, 842])
    texts = sorted(line.text for lines in pages for line in lines if id(line) in dropped)
    assert texts == ["CHAPTER 1. INTRODUCTION", "CHAPTER 2. EVENTS"]


def test_reading_order_puts_a_spanning_run_between_column_bands() -> None:
    def run(text: str, x0: float, y0: float, x1: float) -> Run:
        return Run([_line(text, x0, y0, x1)], "body", 10.0)

    runs = [
        run("B1", 300, 100, 500), run("A1", 50, 100, 250), run("A2", 50, 150, 250),
        run("WIDE", 50, 300, 500), run("D1", 300, 400, 500), run("C1", 50, 400, 250),
    ]
    assert [r.lines[0].text for r in reading_order(runs)] == ["A1", "A2", "B1", "WIDE", "C1", "D1"]


def _write(page: pymupdf.Page, x: float, y: float, text: str, size: float = 10, font: str = "helv") -> float:
    """Write ``text`` at (x, y) with a TextWriter; return the x where it ends."""
    writer = pymupdf.TextWriter(page.rect)
    writer.append((x, y), text, font=pymupdf.Font(font), fontsize=size)
    writer.write_text(page)
    return float(writer.last_point.x)


def test_pdf_superscript_footnote_marker_is_dropped(pdf_path: Callable[[str], Path]) -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    end = _write(page, 72, 100, "The treaty was signed in 1998")
    end = _write(page, end, 96, "12", size=6)
    _write(page, end, 100, " and ratified by all parties.")
    doc.save(pdf_path("marker.pdf"))
    [read] = read_path(pdf_path("marker.pdf"), max_bytes=MAX)
    assert read.raw_text == "The treaty was signed in 1998 and ratified by all parties."


def test_pdf_drop_cap_starts_the_first_paragraph(pdf_path: Callable[[str], Path]) -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 160), "T", fontsize=30)
    page.insert_text((95, 140), "he government said on Monday that the talks", fontsize=10)
    page.insert_text((95, 153), "would continue into next week, officials said.", fontsize=10)
    doc.save(pdf_path("dropcap.pdf"))
    [read] = read_path(pdf_path("dropcap.pdf"), max_bytes=MAX)
    assert read.raw_text.startswith("The government said on Monday that the talks would continue")
    assert list(read.heading_hints) == []


def test_pdf_standfirst_is_body_and_repeated_pull_quote_is_dropped(pdf_path: Callable[[str], Path]) -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 80), "Talks Resume in Vienna", fontsize=22, fontname="hebo")
    standfirst = ("Negotiators from both sides returned to the table after a pause of six months, hoping to settle "
                  "the last open questions before the summer")
    page.insert_textbox(pymupdf.Rect(72, 100, 520, 160), standfirst, fontsize=13)
    body = ("The delegations met at the foreign ministry on Monday morning. One diplomat said that nobody expects "
            "a breakthrough this week but that the mood had improved. Both sides brought new proposals on the "
            "sequence of steps, and the host country offered to verify them. Observers noted that the atmosphere "
            "was calmer than at the last meeting. The next round is planned for July.")
    page.insert_textbox(pymupdf.Rect(72, 180, 300, 500), body, fontsize=10)
    page.insert_textbox(pymupdf.Rect(330, 250, 520, 400), '"Nobody expects a breakthrough this week ... the mood '
                        'had improved"', fontsize=15, fontname="heit")
    doc.save(pdf_path("standfirst.pdf"))
    [read] = read_path(pdf_path("standfirst.pdf"), max_bytes=MAX)
    paras = read.raw_text.split("\n\n")
    assert paras[0] == "Talks Resume in Vienna"
    assert paras[1] == " ".join(standfirst.split())
    assert paras[2].startswith("The delegations met") and paras[2].endswith("planned for July.")
    assert len(paras) == 3
    assert read.meta["repeated_asides_dropped"] == 1


def test_pdf_with_only_an_owner_password_is_read(pdf_path: Callable[[str], Path]) -> None:
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "Readable text under copy restrictions.", fontsize=11)
    doc.save(pdf_path("restricted.pdf"), encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="owner", user_pw="",
             permissions=pymupdf.PDF_PERM_PRINT)
    [read] = read_path(pdf_path("restricted.pdf"), max_bytes=MAX)
    assert read.raw_text == "Readable text under copy restrictions."


def test_pdf_main_column_is_read_before_a_sidebar(pdf_path: Callable[[str], Path]) -> None:
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    main = ("The parliament voted on Wednesday to extend the mission by another year. The government had asked for "
            "two years, but the opposition insisted on an annual review. Deputies also approved more money for "
            "training local forces and for the reconstruction of the port.")
    side = "Key facts: the mission began in 2019. It has 1,200 troops. Eleven countries take part."
    page.insert_textbox(pymupdf.Rect(60, 100, 370, 700), main, fontsize=10)
    page.insert_textbox(pymupdf.Rect(390, 90, 535, 400), side, fontsize=10)
    doc.save(pdf_path("sidebar.pdf"))
    [read] = read_path(pdf_path("sidebar.pdf"), max_bytes=MAX)
    assert read.raw_text == main + "\n\n" + side


def test_pdf_rotated_margin_stamp_is_not_read(pdf_path: Callable[[str], Path]) -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), "The committee published its findings on Thursday.", fontsize=10)
    page.insert_text((30, 700), "Downloaded from archive.example.org on 5 May 2023", fontsize=8, rotate=90)
    doc.save(pdf_path("stamp.pdf"))
    [read] = read_path(pdf_path("stamp.pdf"), max_bytes=MAX)
    assert read.raw_text == "The committee published its findings on Thursday."


def test_reader_failure_becomes_an_input_error_for_that_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import communique.ingest as ingest
    from communique.errors import InputError

    def broken(data: bytes, source: str) -> None:
        raise RuntimeError("layout engine fell over")

    monkeypatch.setattr("communique.ingest.pdf.read_pdf_bytes", broken)
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4 whatever")
    (tmp_path / "b.txt").write_text("A readable text file.")
    items = list(ingest.iter_documents([str(tmp_path)], max_bytes=MAX))
    assert isinstance(items[0], InputError) and "layout engine fell over" in str(items[0])
    assert items[1].raw_text == "A readable text file."


def test_pdf_title_on_two_centred_lines_is_one_heading(pdf_path: Callable[[str], Path]) -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((120, 80), "Taiwan joins Forces with Japan", fontsize=22, fontname="hebo")
    page.insert_text((160, 106), "to safeguard Regional Security", fontsize=22, fontname="hebo")
    body = ("Tsai Ing-wen, the President of Taiwan, stated on 28 December 2022 that in order to protect regional "
            "security, Taiwan and Japan should work together with other democracies. ") * 2
    page.insert_textbox(pymupdf.Rect(72, 140, 520, 400), body, fontsize=10)
    doc.save(pdf_path("title.pdf"))
    [read] = read_path(pdf_path("title.pdf"), max_bytes=MAX)
    assert read.title == "Taiwan joins Forces with Japan to safeguard Regional Security"
    assert list(read.heading_hints) == [read.title]
    assert read.raw_text.split("\n\n")[0] == read.title
