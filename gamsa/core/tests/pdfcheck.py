"""Reading a PDF back as its reader would: the text (pypdf), the fonts it embeds, page 1 drawn (pypdfium2)."""

from __future__ import annotations

import io
import re

# The strings every PDF test feeds in somewhere: spaces between words, a ministry's name, an amount with thousands
# separators and its unit, and the mask character of personal data.
MINISTRY = "고용노동부"
AMOUNT = "1,234,567원"
MASK = "홍○동"


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def page_count(data: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def embedded_fonts(data: bytes) -> set[str]:
    """Base names of the fonts the PDF carries, subset tags removed ('ABCDEF+Pretendard-GOV' -> 'Pretendard-GOV')."""
    from pypdf import PdfReader

    names = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for ref in fonts.values():
            names.add(re.sub(r"^[A-Z]{6}\+", "", str(ref.get_object()["/BaseFont"]).lstrip("/")))
    return names


def first_page_png(data: bytes, scale: float = 1.0):
    """Page 1 drawn by PDFium, as a Pillow image."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        return document[0].render(scale=scale).to_pil().convert("RGB")
    finally:
        document.close()


def ink(image) -> float:
    """Share of pixels that are not (near) white."""
    gray = image.convert("L")
    histogram = gray.histogram()
    return sum(histogram[:200]) / (gray.width * gray.height)


def assert_reads(data: bytes, *expected: str) -> str:
    """Every expected string, spaces included, is in the PDF's text; no replacement or NUL characters are.

    A string that the layout wrapped is found too: a line break stands for the space it replaced or, inside a word
    (Korean breaks between any two syllables), for nothing. Spaces elsewhere must match exactly."""
    text = pdf_text(data)
    readings = (text, text.replace("\n", " "), text.replace("\n", ""))
    missing = [s for s in expected if not any(s in reading for reading in readings)]
    assert not missing, f"not in the PDF's text: {missing}\n---\n{text[:2000]}"
    assert "\x00" not in text and "\ufffd" not in text
    assert embedded_fonts(data) <= {"Pretendard-GOV", "Pretendard-GOV-Bold"}, embedded_fonts(data)
    return text


def assert_page_one_drawn(data: bytes, path=None, minimum: float = 0.01) -> float:
    """Page 1 has ink (it is not blank); saved as PNG to `path` when given, to look at."""
    image = first_page_png(data)
    if path is not None:
        image.save(path)
    share = ink(image)
    assert share >= minimum, f"page 1 is (nearly) blank: {share:.4f} of pixels inked"
    return share
