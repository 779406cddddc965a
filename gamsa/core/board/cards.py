"""Card news: a one-page card (PNG with Pillow, PDF with WeasyPrint, both in the vendored Pretendard GOV font) and
the one way programmes post it to the staff board with read receipts.

The audits make their key-finding card with it (`audits/cardnews.py`); integrity, human rights and the others write
theirs on a page made by `card_news_page` with their own `CardProgramme` (heading, footer, board category, who may
post). Nothing is downloaded.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.template.loader import render_to_string

from gamsa.core import permissions as core_perms
from gamsa.core.board.forms import UnitsField
from gamsa.core.board.models import Post
from gamsa.core.board.services import publish_post
from gamsa.core.forms import KrdsForm
from gamsa.core.models import OrgUnit, UnitKind, User
from gamsa.core.pdf import font_path, html_to_pdf

WIDTH, HEIGHT = 1080, 1350  # 4:5, the usual card-news size


@dataclass(frozen=True)
class Card:
    """A one-page card: a blue band (heading, subheading), a big title, headed sections of lines, an optional
    highlighted line and a footer."""

    heading: str
    subheading: str
    title: str
    sections: tuple[tuple[str, tuple[str, ...]], ...] = ()
    highlight: str = ""
    footer: str = ""


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
    """Lines that fit `width`, broken between words (Korean is written with spaces between 어절, so "2029. 6. 30.에"
    stays whole); a word wider than the line alone is broken between characters."""
    lines: list[str] = []
    for paragraph in (text or "").splitlines() or [""]:
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if _width(candidate, size, weight) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = ""
            for char in word:  # a word longer than a line
                if line and _width(line + char, size, weight) > width:
                    lines.append(line)
                    line = ""
                line += char
        lines.append(line)
    return lines


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
    return html_to_pdf(render_to_string("board/card.html", {"card": card}))


# --- a programme's card news, posted to the board ------------------------------------------------------------------


@dataclass(frozen=True)
class CardProgramme:
    """What differs between the programmes that post card news."""

    heading: str  # the card's band, e.g. "청렴 카드뉴스"
    subheading: str  # the default subheading
    footer: str
    category: str  # gamsa.core.board.models.Category
    page_title: str
    can_use: Callable[[User], bool]  # may open the page (others: 404)
    can_edit: Callable[[User], bool]  # may post (others: 403)

    @property
    def title_prefix(self) -> str:
        return f"[{self.heading}] "


def _lines(text: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in (text or "").splitlines() if x.strip())


def make_card(programme: CardProgramme, *, title: str, subheading: str, message: str, actions: str) -> Card:
    sections = []
    if _lines(message):
        sections.append(("알려 드립니다", _lines(message)))
    if _lines(actions):
        sections.append(("이렇게 실천해요", tuple(f"· {x}" for x in _lines(actions))))
    return Card(
        heading=programme.heading,
        subheading=subheading or programme.subheading,
        title=title,
        sections=tuple(sections),
        footer=programme.footer,
    )


def publish_card(
    actor: User | None,
    programme: CardProgramme,
    *,
    title: str,
    subheading: str = "",
    message: str,
    actions: str = "",
    audience_units=None,
    source=None,
) -> Post:
    """Render the card and post it to the board (the programme's category) with the PDF and the PNG attached."""
    card = make_card(programme, title=title, subheading=subheading, message=message, actions=actions)
    stem = "".join(ch for ch in title if ch not in '\\/:*?"<>|').strip()[:40] or programme.heading
    return publish_post(
        actor,
        title=f"{programme.title_prefix}{title}",
        body=message,
        category=programme.category,
        audience_units=audience_units,
        attachments=[(card_pdf(card), f"{stem}.pdf"), (card_png(card), f"{stem}.png")],
        source=source,
    )


class CardForm(KrdsForm):
    title = forms.CharField(label="제목", max_length=80)
    subheading = forms.CharField(label="머리 문구", max_length=40, required=False)
    message = forms.CharField(
        label="알려 드립니다 (한 줄에 한 문장)", widget=forms.Textarea(attrs={"rows": 4})
    )
    actions = forms.CharField(
        label="이렇게 실천해요 (한 줄에 하나)", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    audience_units = UnitsField(
        label="받는 부서",
        queryset=OrgUnit.objects.none(),
        required=False,
        help_text="고르지 않으면 전 직원에게 게시합니다.",
    )

    def __init__(self, *args, programme: CardProgramme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subheading"].initial = programme.subheading
        self.fields["audience_units"].queryset = OrgUnit.objects.filter(
            active=True, kind__in=[UnitKind.BUREAU, UnitKind.DEPARTMENT, UnitKind.DONG]
        ).order_by("path")


def card_news_page(request, programme: CardProgramme):
    """The page a programme mounts under its own URL (it wraps this in login_required)."""
    core_perms.deny_outsider(programme.can_use(request.user))
    form = CardForm(request.POST if request.method == "POST" else None, programme=programme)
    status = 200
    if request.method == "POST":
        core_perms.deny_read_only(programme.can_edit(request.user))
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            post = publish_card(
                request.user,
                programme,
                title=d["title"],
                subheading=d["subheading"],
                message=d["message"],
                actions=d["actions"],
                audience_units=list(d["audience_units"]),
            )
            messages.success(request, "카드뉴스를 만들어 직원 게시판에 게시했습니다.")
            return redirect("board:detail", public_id=post.public_id)
    posted = Post.objects.filter(
        category=programme.category, title__startswith=programme.title_prefix
    ).order_by("-published_at")[:20]
    return render(
        request,
        "board/cardnews_form.html",
        {
            "form": form,
            "posted": posted,
            "can_edit": programme.can_edit(request.user),
            "page_title": programme.page_title,
        },
        status=status,
    )
