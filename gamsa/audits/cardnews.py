"""One-page "card news" of a key finding, as PDF (WeasyPrint) and PNG (Pillow), with personal data masked.

The card itself (`Card`, its PNG and PDF) is the board's shared card news (`gamsa/core/board/cards.py`); this module
fills it from a finding.
"""

from __future__ import annotations

from django.template.loader import render_to_string

from gamsa.audits.redaction import redacted_finding
from gamsa.core.board.cards import Card, card_pdf, card_png
from gamsa.core.pdf import html_to_pdf

__all__ = ["Card", "card_pdf", "card_png", "render_pdf", "render_png"]


def card_context(finding) -> dict:
    data = redacted_finding(finding)
    data["engagement"] = finding.engagement
    data["total_recover"] = sum(d["amount_recover"] for d in data["dispositions"])
    return data


def card_html(finding) -> str:
    return render_to_string("audits/cardnews.html", {"card": card_context(finding)})


def render_pdf(finding) -> bytes:
    return html_to_pdf(card_html(finding))


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
