"""The signed chain as a 결재란: boxes for the HTML include, the PDF and plain lines for HWPX.

A box holds the step's 직위, the name, the mark (전결 / 대결 / 후결) and the date `2026. 12. 7.`. When a rank below
the department head signs by delegation (전결), the boxes above it stay empty (the head's box is printed blank).
"""

from __future__ import annotations

from dataclasses import dataclass

from gamsa.core.approvals.models import RANK_ORDER, Approval, Rank, StepRole, StepState
from gamsa.core.templatetags.krfmt import kdate


@dataclass(frozen=True)
class Box:
    role: str
    title: str
    name: str = ""
    mark: str = ""
    date: str = ""
    note: str = ""
    empty: bool = False

    @property
    def text(self) -> str:
        if self.empty:
            return f"{self.title} (빈칸)"
        parts = [self.title, self.mark, self.name, self.date, self.note]
        return " ".join(p for p in parts if p)


def _box(step) -> Box:
    done = step.state in (StepState.DONE, StepState.RETURNED)
    if not done:
        return Box(step.get_role_display(), step.title, step.assignee.display_name, "", "", "결재 전")
    actor = step.acted_by or step.assignee
    mark, note = "", ""
    if step.role == StepRole.COOPERATE:
        mark = step.get_action_display()
    if step.state == StepState.RETURNED:
        mark = "반려"
    elif step.proxy:
        mark = "대결"
        if step.post_reviewed_at:
            note = f"후결 {step.assignee.display_name} {kdate(step.post_reviewed_at)}"
    elif step.delegated:
        mark = "전결"
    return Box(step.get_role_display(), step.title, actor.display_name, mark, kdate(step.acted_at), note)


def boxes(approval: Approval) -> dict:
    steps = list(
        approval.steps.filter(round=approval.round).select_related("assignee", "acted_by").order_by("order")
    )
    signers = [_box(s) for s in steps if s.role != StepRole.COOPERATE]
    cooperators = [_box(s) for s in steps if s.role == StepRole.COOPERATE]
    if RANK_ORDER[approval.signer_rank] < RANK_ORDER[Rank.DEPT_HEAD]:
        # 전결 below the department head: the head's box stays empty.
        from gamsa.core.approvals.lines import holder_for

        head = holder_for(Rank.DEPT_HEAD, approval.drafter, approval.unit)
        signers.append(Box("결재", head[1] if head else Rank.DEPT_HEAD.label, empty=True))
    return {
        "signers": signers,
        "cooperators": cooperators,
        "number": approval.number,
        "approved_on": kdate(approval.approved_at) if approval.approved_at else "",
        "recipient": "",
    }


def lines(approval: Approval) -> list[str]:
    """The 결재란 as paragraphs (HWPX and plain text)."""
    data = boxes(approval)
    out = ["결재: " + " | ".join(b.text for b in data["signers"])]
    if data["cooperators"]:
        out.append("협조: " + " | ".join(b.text for b in data["cooperators"]))
    if data["number"]:
        out.append(f"문서번호: {data['number']}  시행일: {data['approved_on']}")
    return out
