"""Grievance answers and internal closures go through the approval engine (core.approvals, ADR 0021).

- An answer the handler writes is a draft (the approval's payload). It reaches the complainant only when the line's
  signer signs: `on_approved` then calls the existing answer service (services.grievances.answer), which records
  the answer and its notice exactly as before.
- An internal closure request (법 제23조) goes up the same kind of line instead of the old one-off decision; at
  결재 the existing `decide_internal_closure` closes the case.
"""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse

from gamsa.complaints.grievances import permissions as perms
from gamsa.complaints.grievances import remedies as remedy_rule
from gamsa.complaints.grievances import services as svc
from gamsa.complaints.grievances.models import Answer, Grievance, InternalClosureRequest, Status
from gamsa.core.approvals import kinds
from gamsa.core.approvals import services as approvals
from gamsa.core.approvals.models import Rank

ANSWER = "grievance_answer"
CLOSURE = "internal_closure"


# --- grievance answers ---------------------------------------------------------------------------------------------


def _answer_approved(approval, actor) -> None:
    g = Grievance.objects.get(pk=approval.object_id)
    p = approval.payload
    try:
        svc.answer(
            approval.drafter,
            g,
            method=p.get("method", Answer.Method.DOCUMENT),
            outcome=p.get("outcome", Answer.Outcome.ACCEPTED),
            text=p.get("text", ""),
            reasons=p.get("reasons", ""),
            remedies=p.get("remedies", ""),
            now=approval.approved_at,
        )
    except svc.GrievanceError as exc:
        raise approvals.ApprovalError(f"답변을 통지할 수 없습니다: {exc}") from exc


def _grievance_url(g) -> str:
    return reverse("complaints:detail", args=[g.case_number])


def _can_view_grievance(user, g) -> bool:
    return perms.can_view(user, g)


kinds.register(
    kinds.DocumentKind(
        code=ANSWER,
        label="고충민원 답변",
        default_rank=Rank.DEPT_HEAD,
        on_approved=_answer_approved,
        url=_grievance_url,
        can_view=_can_view_grievance,
        recipient="민원인 (처리결과 통지)",
    )
)


def _check_answer(g: Grievance, outcome: str, text: str, reasons: str, remedies: str) -> None:
    """The answer service's own checks, made at drafting so the drafter hears them first."""
    if not text.strip():
        raise svc.GrievanceError("답변 내용을 입력하세요.")
    if outcome in (Answer.Outcome.REFUSED, Answer.Outcome.NOT_ACCEPTED) and not (
        reasons.strip() and remedies.strip()
    ):
        raise svc.GrievanceError(
            "거부·불수용 답변에는 그 사유와 불복 구제 절차(이의신청·행정심판 등)를 함께 적어야 합니다 (법 제27조)."
        )
    if g.status in (Status.SUPPLEMENT, Status.SITE_SURVEY):
        raise svc.GrievanceError("정지된 처리기간을 먼저 재개하세요.")
    if g.status not in (Status.ASSIGNED, Status.IN_PROGRESS):
        raise svc.GrievanceError("처리 중인 민원에만 답변할 수 있습니다.")


def cooperator_for(unit, drafter):
    """The person who answers a 협조 for `unit`: its 과장 (결재 직위 or role), else its 팀장. Refuses the drafter's
    own 처리과 (협조 is asked of other units) and a unit with nobody to ask."""
    from gamsa.core.approvals import lines

    own = lines.processing_unit(lines._home_unit(drafter))
    if own is not None and own.pk == unit.pk:
        raise svc.GrievanceError(f"{unit.name}은(는) 기안자의 부서입니다. 협조는 다른 부서에 요청합니다.")
    for rank in (Rank.DEPT_HEAD, Rank.TEAM_LEAD):
        found = lines._closest([c for c in lines.holders(rank, unit) if c[0].pk != drafter.pk], unit)
        if found is not None:
            return found[0]
    raise svc.GrievanceError(
        f"협조 부서 {unit.name}의 과장(또는 팀장)을 찾을 수 없습니다. 결재 직위 화면에서 지정하거나 다른 부서를 고르세요."
    )


@transaction.atomic
def draft_answer(
    actor, grievance: Grievance, *, method, outcome, text, reasons="", remedies="", cooperating_units=()
):
    """기안: the handler's answer goes up the line (담당 → 팀장 → 협조 → 과장 by default). `cooperating_units` are
    other units whose agreement (협조) is needed; each unit's 과장 answers. A returned or withdrawn draft is revised
    and resubmitted; the complainant sees nothing until the final 결재."""
    g = svc.lock(grievance)
    _check_answer(g, outcome, text, reasons, remedies)
    units = list(cooperating_units)
    cooperators = [cooperator_for(unit, actor) for unit in units]
    payload = {
        "method": method,
        "outcome": outcome,
        "text": text.strip(),
        "reasons": reasons.strip(),
        "remedies": remedies.strip(),
        "cooperating_units": [str(unit.public_id) for unit in units],
    }
    title = f"고충민원 답변 ({g.case_number}) {g.title}"[:200]
    # The document that becomes the 처리결과 통지: the remedy notice under a refusal or partial acceptance only.
    remedy = remedy_rule.notice_text_for(outcome, payload["remedies"])
    body = f"{payload['text']}\n\n{remedy}" if remedy else payload["text"]
    existing = approvals.open_approval_for(g, ANSWER)
    try:
        if existing is not None and existing.status in ("returned", "withdrawn"):
            if existing.drafter_id != actor.pk:
                raise svc.GrievanceError("다른 직원이 기안한 답변입니다. 기안자가 고쳐서 다시 올립니다.")
            return approvals.resubmit(
                actor, existing, title=title, body=body, payload=payload, cooperators=cooperators
            )
        if existing is not None:
            raise svc.GrievanceError("답변이 이미 결재 중입니다. 결재가 끝나면 민원인에게 통지됩니다.")
        return approvals.submit(
            actor,
            kind=ANSWER,
            document=g,
            title=title,
            body=body,
            payload=payload,
            cooperators=cooperators,
        )
    except approvals.ApprovalError as exc:
        raise svc.GrievanceError(str(exc)) from exc


def answer_approval(g: Grievance):
    """The answer draft in progress or back on the drafter's desk (None when there is none)."""
    return approvals.open_approval_for(g, ANSWER)


# --- internal closures --------------------------------------------------------------------------------------------


def _closure_approved(approval, actor) -> None:
    request = InternalClosureRequest.objects.get(pk=approval.object_id)
    svc.decide_internal_closure(actor, request, approve=True, note=f"전자결재 {approval.number}")


def _closure_cancelled(approval, actor) -> None:
    request = InternalClosureRequest.objects.get(pk=approval.object_id)
    if request.decision == InternalClosureRequest.Decision.PENDING:
        svc.decide_internal_closure(actor, request, approve=False, note=f"기안 취소: {approval.note}")


def _closure_url(request) -> str:
    return reverse("complaints:detail", args=[request.grievance.case_number])


kinds.register(
    kinds.DocumentKind(
        code=CLOSURE,
        label="반복민원 내부종결",
        default_rank=Rank.DEPT_HEAD,
        on_approved=_closure_approved,
        on_cancelled=_closure_cancelled,
        url=_closure_url,
        can_view=lambda user, request: perms.can_view(user, request.grievance),
    )
)


@transaction.atomic
def request_internal_closure(actor, grievance: Grievance, *, reason: str):
    """The 법 제23조 request, sent up the handler's line for the department head's 결재."""
    request = svc.request_internal_closure(actor, grievance, reason=reason)
    try:
        approvals.submit(
            actor,
            kind=CLOSURE,
            document=request,
            title=f"반복민원 내부종결 ({grievance.case_number}) {grievance.title}"[:200],
            body=f"{reason.strip()}\n\n확인된 같은 민원 {request.evidence.get('filings')}회 제출, "
            f"결과 통지 {request.evidence.get('answers')}회 (민원 처리에 관한 법률 제23조).",
        )
    except approvals.ApprovalError as exc:
        raise svc.GrievanceError(str(exc)) from exc
    return request


def closure_approval(request: InternalClosureRequest | None):
    if request is None:
        return None
    return approvals.latest_approval_for(request, CLOSURE)


def load_demo() -> None:
    """Demo: one 건설과 grievance whose answer waits for `teamlead`'s 검토 (runs after the complaints demo)."""
    from gamsa.core.approvals.models import Approval
    from gamsa.core.models import OrgUnit, User

    if Approval.objects.filter(kind=ANSWER).exists():
        return
    people = {u.username: u for u in User.objects.filter(username__in=["complaints", "liaison", "teamlead"])}
    construction = OrgUnit.objects.filter(name="건설과").first()
    if len(people) < 3 or construction is None:
        return
    receipt = svc.receive_grievance(
        people["complaints"],
        channel="phone",
        kind="grievance",
        title="도림로 보도블록 파손 보수 요청",
        body="도림로 10 앞 보도블록이 깨져 넘어질 뻔했습니다. 고쳐 주세요.",
        complainant={"name": "이구민", "phone": "010-3333-4444"},
    )
    svc.assign(people["complaints"], receipt.grievance, department=construction)
    draft_answer(
        people["liaison"],
        receipt.grievance,
        method=Answer.Method.ELECTRONIC,
        outcome=Answer.Outcome.ACCEPTED,
        text="현장을 확인했습니다. 12월 10일까지 보도블록을 교체하겠습니다.",
    )
