"""The remedy notice (불복 구제 절차 안내: 이의신청·행정심판·행정소송) that goes with an answer.

One rule, used by the citizen's status page, the printed answer, the staff case page and the answer notice: the
notice goes only under an answer that does not give the complainant what was asked — 불수용, 거부 and 일부 수용 —
never under 수용 or a 설명·안내 (nothing was refused, so there is nothing to appeal).
"""

from __future__ import annotations

from gamsa.complaints.grievances.models import Answer

REMEDY_OUTCOMES = frozenset({Answer.Outcome.NOT_ACCEPTED, Answer.Outcome.REFUSED, Answer.Outcome.PARTIAL})

TITLE = "불복 구제 절차 안내 (행정심판·행정소송)"

# The standard wording (민원 처리에 관한 법률 제27조·제35조, 행정심판법 제27조, 행정소송법 제20조).
PARAGRAPHS = (
    "이 처리 결과에 이의가 있으시면 다음 절차로 다투실 수 있습니다.",
    "이의신청: 법정민원에 대한 거부 처분은 처분을 받은 날부터 90일 이내에 이 기관에 문서로 이의신청을 할 수 있습니다"
    " (「민원 처리에 관한 법률」 제35조).",
    "행정심판: 처분이 있음을 안 날부터 90일 이내, 처분이 있었던 날부터 180일 이내에 행정심판을 청구할 수 있습니다"
    " (「행정심판법」 제27조, 온라인 행정심판 www.simpan.go.kr).",
    "행정소송: 처분 등이 있음을 안 날부터 90일 이내, 처분 등이 있은 날부터 1년 이내에 관할 행정법원에 취소소송을"
    " 제기할 수 있습니다 (「행정소송법」 제20조).",
)


def shows_remedy(answer: Answer | None) -> bool:
    return answer is not None and answer.outcome in REMEDY_OUTCOMES


def notice_text(answer: Answer | None) -> str:
    """The notice as plain text (for the answer notice sent by SMS or e-mail), or "" when it does not apply."""
    if answer is None:
        return ""
    return notice_text_for(answer.outcome, answer.remedies)


def notice_text_for(outcome: str, remedies: str = "") -> str:
    """The same for an answer still in drafting (the 결재 document that becomes the 처리결과 통지)."""
    if outcome not in REMEDY_OUTCOMES:
        return ""
    lines = [f"[{TITLE}]", *PARAGRAPHS]
    if remedies:
        lines.append(f"담당 부서 안내: {remedies}")
    return "\n".join(lines)
