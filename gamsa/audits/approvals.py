"""The audit result notice with its disposition requests (감사결과 통보·처분요구) goes through 결재 (ADR 0021).

The auditor drafts it; at the final 결재 the existing `notify_result` service sends it and starts every
disposition's reply clock from the moment of signature. Dispositions of 징계·문책, 변상 or 고발 make the document
grade "중대", which the default delegation rules send to the 부구청장.
"""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse

from gamsa.audits import permissions as perms
from gamsa.audits.models import Disposition, DispositionKind, Engagement
from gamsa.audits.services import AuditError
from gamsa.audits.services import plans as plan_svc
from gamsa.core.approvals import kinds
from gamsa.core.approvals import services as approvals
from gamsa.core.approvals.models import Rank

RESULT = "audit_result"
SERIOUS = {DispositionKind.DISCIPLINE, DispositionKind.RESTITUTION, DispositionKind.REFERRAL}


def _approved(approval, actor) -> None:
    engagement = Engagement.objects.get(pk=approval.object_id)
    try:
        plan_svc.notify_result(actor, engagement, notified_at=approval.approved_at)
    except AuditError as exc:
        raise approvals.ApprovalError(f"감사결과를 통보할 수 없습니다: {exc}") from exc


kinds.register(
    kinds.DocumentKind(
        code=RESULT,
        label="감사결과 통보·처분요구",
        default_rank=Rank.DEPT_HEAD,
        on_approved=_approved,
        url=lambda e: reverse("audits:engagement", args=[e.case_number]),
        can_view=lambda user, e: perms.can_read_office(user),
        recipient="수감기관(부서)장",
    )
)


@transaction.atomic
def submit_result(actor, engagement: Engagement):
    """기안: the result notice and its dispositions go up the drafter's line; a returned draft goes up again."""
    if engagement.status != "resulting" or engagement.result_notified_at:
        raise AuditError("결과처리 중이고 아직 통보하지 않은 감사만 결재에 올릴 수 있습니다.")
    dispositions = list(
        Disposition.objects.filter(finding__engagement=engagement).select_related("finding", "target_unit")
    )
    grade = "중대" if any(d.kind in SERIOUS for d in dispositions) else ""
    body = (
        "\n".join(
            f"{i}. {d.finding.title} - {d.get_kind_display()} ({d.target_unit.name}): {d.demand}"
            + (f" / 회수 {d.amount_recover:,}원" if d.amount_recover else "")
            for i, d in enumerate(dispositions, start=1)
        )
        or "처분요구 없음"
    )
    title = f"{engagement.title} 감사결과 통보 및 처분요구"[:200]
    existing = approvals.open_approval_for(engagement, RESULT)
    try:
        if (
            existing is not None
            and existing.status in ("returned", "withdrawn")
            and existing.drafter_id == actor.pk
        ):
            return approvals.resubmit(actor, existing, title=title, body=body, grade=grade)
        if existing is not None:
            raise AuditError("감사결과 통보가 이미 결재 중입니다.")
        return approvals.submit(actor, kind=RESULT, document=engagement, title=title, body=body, grade=grade)
    except approvals.ApprovalError as exc:
        raise AuditError(str(exc)) from exc


def result_approval(engagement: Engagement):
    return approvals.latest_approval_for(engagement, RESULT)
