"""One-page "card news" of a key finding, as PDF (WeasyPrint) and PNG (Pillow), with personal data masked.

Both use the vendored Pretendard GOV font: the PDF through core.pdf, the PNG with the same complete TrueType files
(core/fonts/), one per weight. Nothing is downloaded.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache

from django.template.loader import render_to_string

from gamsa.audits.redaction import redacted_finding
from gamsa.core.pdf import font_path, html_to_pdf

WIDTH, HEIGHT = 1080, 1350  # 4:5, the usual card-news size


def card_context(finding) -> dict:
    data = redacted_finding(finding)
    data["engagement"] = finding.engagement
    data["total_recover"] = sum(d["amount_recover"] for d in data["dispositions"])
    return data


def card_html(finding) -> str:
    return render_to_string("audits/cardnews.html", {"card": card_context(finding)})


def render_pdf(finding) -> bytes:
    return html_to_pdf(card_html(finding))


# --- PNG ---------------------------------------------------------------------------------------------------------


@lru_cache(maxsize=16)
def _font(weight: int, size: int):
    from PIL import ImageFont

    return ImageFont.truetype(str(font_path(weight)), size)


def _draw_text(draw, xy, text: str, *, size: int, weight: int = 400, fill="#1d1d1d") -> float:
    font = _font(weight, size)
    draw.text(xy, text, font=font, fill=fill)
    return xy[0] + font.getlength(text)


def _width(text: str, size: int, weight: int = 400) -> float:
    return _font(weight, size).getlength(text)


def _wrap(text: str, size: int, width: int, weight: int = 400) -> list[str]:
    lines: list[str] = []
    for paragraph in (text or "").splitlines() or [""]:
        line = ""
        for char in paragraph:
            if _width(line + char, size, weight) > width:
                lines.append(line)
                line = char.lstrip()
            else:
                line += char
        lines.append(line)
    return lines


@dataclass(frozen=True)
class Card:
    """A one-page card in the audit card's look: a blue band (heading, subheading), a big title, headed sections of
    lines, an optional highlighted line and a footer. Other programmes (integrity, human rights) make theirs with
    `card_png` and `card_pdf`; the audit's own card is one of these."""

    heading: str
    subheading: str
    title: str
    sections: tuple[tuple[str, tuple[str, ...]], ...] = ()
    highlight: str = ""
    footer: str = ""


def card_png(card: Card) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (WIDTH, HEIGHT), "#ffffff")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 220), fill="#063a74")
    _draw_text(draw, (70, 60), card.heading, size=40, weight=700, fill="#ffffff")
    _draw_text(draw, (70, 130), card.subheading[:40], size=30, fill="#dbe8f7")
    y = 270
    for line in _wrap(card.title, 52, WIDTH - 140, 700)[:3]:
        _draw_text(draw, (70, y), line, size=52, weight=700)
        y += 70
    for heading, lines in card.sections:
        y += 20
        _draw_text(draw, (70, y), heading, size=34, weight=700, fill="#063a74")
        y += 56
        budget = 9 if len(card.sections) <= 2 else 4
        for text in lines:
            for line in _wrap(text, 32, WIDTH - 140)[:budget]:
                if y > HEIGHT - 200:
                    break
                _draw_text(draw, (70, y), line, size=32)
                y += 46
    if card.highlight and y < HEIGHT - 180:
        y += 10
        _draw_text(draw, (70, y), card.highlight, size=36, weight=700, fill="#b7202e")
    draw.rectangle((0, HEIGHT - 110, WIDTH, HEIGHT), fill="#f4f5f6")
    _draw_text(draw, (70, HEIGHT - 80), card.footer, size=28, fill="#464c53")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def card_pdf(card: Card) -> bytes:
    return html_to_pdf(render_to_string("audits/cardnews_card.html", {"card": card}))


def render_png(finding) -> bytes:
    card = card_context(finding)
    engagement = card["engagement"]
    return card_png(
        Card(
            heading="감사 주요 지적사례",
            subheading=f"{engagement.get_type_display()} · {engagement.title}",
            title=card["title"],
            sections=(
                ("무엇이 문제였나요", (card["condition"],)),
                (
                    "어떻게 조치했나요",
                    tuple(f"· {d['kind']}: {d['demand']}" for d in card["dispositions"][:3]),
                ),
            ),
            highlight=f"회수·추징 요구액 {card['total_recover']:,}원" if card["total_recover"] else "",
            footer=f"{card['unit']} · 감사담당관 (개인정보는 가렸습니다)",
        )
    )
