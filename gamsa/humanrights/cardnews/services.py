"""Human-rights card news (인권 카드뉴스): a one-page card posted to the staff board with read receipts, the same
mechanism as the integrity programme's (core/board/cards.py)."""

from __future__ import annotations

from gamsa.core.board.cards import CardProgramme
from gamsa.humanrights import permissions as perms

PROGRAMME = CardProgramme(
    heading="인권 카드뉴스",
    subheading="사람중심, 인권 영등포",
    footer="감사담당관 조사팀 · 인권침해 상담은 인권보호관에게",
    category="human_rights",
    page_title="인권 카드뉴스",
    can_use=perms.is_reader,
    can_edit=perms.can_manage,
)
