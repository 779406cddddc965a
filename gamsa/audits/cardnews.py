"""One-page "card news" of a key finding, as PDF (WeasyPrint) and PNG (Pillow), with personal data masked.

Both use the vendored Pretendard GOV font. It ships as unicode-range subsets in WOFF2 (see
static/vendor/fonts/pretendard-gov/pretendard-gov.css): WeasyPrint reads the same @font-face rules; for the PNG
each character is drawn with the subset file whose range holds it (FreeType opens WOFF2 directly). Nothing is
downloaded.
"""

from __future__ import annotations

import io
import re
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

from gamsa.audits.redaction import redacted_finding

FONT_DIR = Path(settings.BASE_DIR) / "static" / "vendor" / "fonts" / "pretendard-gov"
WIDTH, HEIGHT = 1080, 1350  # 4:5, the usual card-news size


def card_context(finding) -> dict:
    data = redacted_finding(finding)
    data["engagement"] = finding.engagement
    data["total_recover"] = sum(d["amount_recover"] for d in data["dispositions"])
    return data


def render_pdf(finding) -> bytes:
    from weasyprint import HTML

    card = card_context(finding)
    html = render_to_string("audits/cardnews.html", {"card": card})
    faces = _font_faces(html)
    html = html.replace("/*FONT-FACES*/", faces)
    return HTML(string=html, base_url=str(FONT_DIR)).write_pdf()


def _font_faces(text: str) -> str:
    """@font-face rules for only the subsets the text needs (WeasyPrint would otherwise load all of them)."""
    rules = []
    for weight in (400, 700):
        files = {
            path
            for char in set(text)
            for first, last, path in _ranges().get(weight, [])
            if first <= ord(char) <= last
        }
        for path in sorted(files):
            uri = (FONT_DIR / path).as_uri()
            rules.append(
                f"@font-face{{font-family:'Card';font-weight:{weight};src:url('{uri}') format('woff2')}}"
            )
    return "\n".join(rules)


# --- PNG ---------------------------------------------------------------------------------------------------------

_RULE = re.compile(r"font-weight:(\d+);.*?src:url\(\./([^)]+)\).*?unicode-range:([^}]+)\}")


@lru_cache(maxsize=1)
def _ranges() -> dict[int, list[tuple[int, int, str]]]:
    """weight → [(first, last, file)] parsed from the vendored CSS."""
    css = (FONT_DIR / "pretendard-gov.css").read_text(encoding="utf-8")
    out: dict[int, list[tuple[int, int, str]]] = {}
    for weight, path, ranges in _RULE.findall(css):
        for part in ranges.split(","):
            part = part.strip().removeprefix("U+").removeprefix("u+")
            first, _, last = part.partition("-")
            out.setdefault(int(weight), []).append((int(first, 16), int(last or first, 16), path))
    return out


@lru_cache(maxsize=512)
def _font(path: str, size: int):
    from PIL import ImageFont

    return ImageFont.truetype(str(FONT_DIR / path), size)


def _font_for(char: str, weight: int, size: int):
    code = ord(char)
    for first, last, path in _ranges().get(weight, []):
        if first <= code <= last:
            return _font(path, size)
    return None


def _draw_text(draw, xy, text: str, *, size: int, weight: int = 400, fill="#1d1d1d") -> float:
    x, y = xy
    for char in text:
        font = _font_for(char, weight, size)
        if font is None:
            x += size * 0.3
            continue
        draw.text((x, y), char, font=font, fill=fill)
        x += font.getlength(char)
    return x


def _width(text: str, size: int, weight: int = 400) -> float:
    total = 0.0
    for char in text:
        font = _font_for(char, weight, size)
        total += font.getlength(char) if font else size * 0.3
    return total


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


def render_png(finding) -> bytes:
    from PIL import Image, ImageDraw

    card = card_context(finding)
    image = Image.new("RGB", (WIDTH, HEIGHT), "#ffffff")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 220), fill="#063a74")
    _draw_text(draw, (70, 60), "감사 주요 지적사례", size=40, weight=700, fill="#ffffff")
    engagement = card["engagement"]
    _draw_text(
        draw, (70, 130), f"{engagement.get_type_display()} · {engagement.title}"[:40], size=30, fill="#dbe8f7"
    )
    y = 270
    for line in _wrap(card["title"], 52, WIDTH - 140, 700)[:3]:
        _draw_text(draw, (70, y), line, size=52, weight=700)
        y += 70
    y += 20
    _draw_text(draw, (70, y), "무엇이 문제였나요", size=34, weight=700, fill="#063a74")
    y += 56
    for line in _wrap(card["condition"], 32, WIDTH - 140)[:9]:
        _draw_text(draw, (70, y), line, size=32)
        y += 46
    y += 20
    _draw_text(draw, (70, y), "어떻게 조치했나요", size=34, weight=700, fill="#063a74")
    y += 56
    for d in card["dispositions"][:3]:
        text = f"· {d['kind']}: {d['demand']}"
        for line in _wrap(text, 32, WIDTH - 140)[:2]:
            _draw_text(draw, (70, y), line, size=32)
            y += 46
    if card["total_recover"]:
        y += 10
        _draw_text(
            draw,
            (70, y),
            f"회수·추징 요구액 {card['total_recover']:,}원",
            size=36,
            weight=700,
            fill="#b7202e",
        )
    draw.rectangle((0, HEIGHT - 110, WIDTH, HEIGHT), fill="#f4f5f6")
    _draw_text(
        draw,
        (70, HEIGHT - 80),
        f"{card['unit']} · 감사담당관 (개인정보는 가렸습니다)",
        size=28,
        fill="#464c53",
    )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
