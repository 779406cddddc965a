"""Cost-review opinions (제비율 심사의견) go through 결재 (ADR 0021): the reviewer sends the opinion up their line
(the amount decides the signer by the delegation rules); once signed, the opinion's PDF and HWPX carry the 결재란
with the document number."""

from __future__ import annotations

from django.urls import reverse

from gamsa.core.approvals import kinds, signature
from gamsa.core.approvals import services as approvals
from gamsa.core.approvals.models import Rank
from gamsa.costing import permissions as perms
from gamsa.costing.models import CostReview

OPINION = "cost_review"

kinds.register(
    kinds.DocumentKind(
        code=OPINION,
        label="원가계산 제비율 심사의견",
        default_rank=Rank.DEPT_HEAD,
        url=lambda review: reverse("costing:detail", args=[review.public_id]),
        can_view=lambda user, review: perms.can_review(user),
        recipient="요청 부서장",
    )
)


def submit_opinion(actor, review: CostReview):
    """기안 or 재상신 of the opinion; the stated amount picks the signer from the delegation rules."""
    title = f"원가계산 제비율 심사의견 - {review.title}"[:200]
    body = f"신고 금액 {review.stated_total:,}원, 인정 금액 {review.allowed_total:,}원, 절감액 {review.savings:,}원."
    existing = approvals.open_approval_for(review, OPINION)
    if (
        existing is not None
        and existing.status in ("returned", "withdrawn")
        and existing.drafter_id == actor.pk
    ):
        return approvals.resubmit(actor, existing, title=title, body=body, amount=review.stated_total)
    if existing is not None:
        raise approvals.ApprovalError("이 심사의견은 이미 결재 중입니다.")
    return approvals.submit(
        actor, kind=OPINION, document=review, title=title, body=body, amount=review.stated_total
    )


def opinion_approval(review: CostReview):
    return approvals.latest_approval_for(review, OPINION)


def signed_boxes(review: CostReview) -> dict | None:
    """The 결재란 of the signed opinion (None until it is signed)."""
    approval = opinion_approval(review)
    return signature.boxes(approval) if approval is not None and approval.status == "approved" else None


def signed_lines(review: CostReview) -> list[str]:
    approval = opinion_approval(review)
    return signature.lines(approval) if approval is not None and approval.status == "approved" else []
