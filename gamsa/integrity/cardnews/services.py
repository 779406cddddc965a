"""Integrity card news: a one-page card (PDF and PNG) posted to the staff board (core/board/cards.py)."""

from __future__ import annotations

from gamsa.core.board.cards import CardProgramme
from gamsa.integrity import permissions as perms

PROGRAMME = CardProgramme(
    heading="청렴 카드뉴스",
    subheading="청렴한 영등포",
    footer="감사담당관 · 금품·갑질 신고는 익명 신고창구 '청렴톡'으로",
    category="integrity",
    page_title="청렴 카드뉴스",
    can_use=perms.can_use_office,
    can_edit=perms.can_edit,
)
