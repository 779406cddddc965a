"""Integrity card news: a one-page card (PDF and PNG, the audits' card-news code) posted to the staff board."""

from __future__ import annotations

from gamsa.audits.cardnews import Card, card_pdf, card_png
from gamsa.core.board.services import publish_post
from gamsa.core.models import User


def make_card(*, title: str, subheading: str, message: str, actions: str, footer: str = "") -> Card:
    lines = lambda text: tuple(x.strip() for x in (text or "").splitlines() if x.strip())  # noqa: E731
    sections = []
    if lines(message):
        sections.append(("알려 드립니다", lines(message)))
    if lines(actions):
        sections.append(("이렇게 실천해요", tuple(f"· {x}" for x in lines(actions))))
    return Card(
        heading="청렴 카드뉴스",
        subheading=subheading or "청렴한 영등포",
        title=title,
        sections=tuple(sections),
        footer=footer or "감사담당관 · 금품·갑질 신고는 익명 신고창구 '청렴톡'으로",
    )


def publish_card(
    actor: User, *, title: str, subheading: str, message: str, actions: str, audience_units=None
):
    """Render the card and post it to the staff board (category 청렴) with both files attached."""
    card = make_card(title=title, subheading=subheading, message=message, actions=actions)
    stem = "".join(ch for ch in title if ch not in '\\/:*?"<>|').strip()[:40] or "청렴카드뉴스"
    return publish_post(
        actor,
        title=f"[청렴 카드뉴스] {title}",
        body=message,
        category="integrity",
        audience_units=audience_units,
        attachments=[(card_pdf(card), f"{stem}.pdf"), (card_png(card), f"{stem}.png")],
    )
