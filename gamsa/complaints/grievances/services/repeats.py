"""Repeated complaints (법 제23조) and internal closure: chains an officer confirmed, the evidence, the approval."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gamsa.complaints.committee.models import AgendaItem
from gamsa.complaints.grievances.models import (
    OPEN_STATUSES,
    Answer,
    Grievance,
    InternalClosureRequest,
    SimilarityReview,
    Status,
)
from gamsa.complaints.grievances.services.workflow import GrievanceError, lock, move_status
from gamsa.core.models import User
from gamsa.core.services import record_event


def _root_id(g: Grievance) -> int:
    repeat_of_id = Grievance.objects.filter(pk=g.pk).values_list("repeat_of_id", flat=True).first()
    return repeat_of_id or g.pk


def chain_of(g: Grievance) -> list[Grievance]:
    """All grievances confirmed as the same matter as `g` (g included)."""
    root_id = _root_id(g)
    return list(Grievance.objects.filter(Q(pk=root_id) | Q(repeat_of_id=root_id)))


def repeat_evidence(g: Grievance) -> dict:
    """Whether 법 제23조① holds for `g`, with the evidence an officer and a department head need.

    Filings an officer marked as bringing new grounds are not repeats (정당한 사유) and are not counted; every
    result notice counts, refusals included (a refusal is a notified result too).
    """
    chain = sorted(chain_of(g), key=lambda x: x.received_at)
    with_new_grounds = set(
        SimilarityReview.objects.filter(grievance__in=chain, new_grounds=True).values_list(
            "grievance_id", flat=True
        )
    )
    filings = sum(1 for x in chain if x.pk not in with_new_grounds)
    answered = Answer.objects.filter(grievance__in=chain).count()
    holds = filings >= 3 and answered >= 2
    return {
        "filings": filings,
        "answers": answered,
        "new_grounds": len(with_new_grounds),
        "conditions_hold": holds,
        "multi_party": g.is_multi_party,
        "cases": [
            {
                "case_number": x.case_number,
                "received_at": x.received_at.isoformat(),
                "status": x.get_status_display(),
                "new_grounds": x.pk in with_new_grounds,
            }
            for x in chain
        ],
        "basis": "민원처리법 제23조①: 같은 내용의 민원을 정당한 사유 없이 3회 이상 반복 제출하고 2회 이상 그 결과를 통지한 경우",
    }


def _merge_repeat_chains(grievance: Grievance, candidate: Grievance) -> None:
    """Merge the two 제23조 chains under the older first complaint."""
    roots = sorted(
        Grievance.objects.filter(pk__in={_root_id(grievance), _root_id(candidate)}),
        key=lambda x: (x.received_at, x.pk),
    )
    keep = roots[0]
    for other in roots[1:]:
        Grievance.objects.filter(Q(pk=other.pk) | Q(repeat_of=other)).update(repeat_of=keep)


def _joint_root_id(g: Grievance) -> int:
    joint_of_id = Grievance.objects.filter(pk=g.pk).values_list("joint_of_id", flat=True).first()
    return joint_of_id or g.pk


def joint_group_of(g: Grievance) -> list[Grievance]:
    """Every grievance linked with `g` for joint handling (중복민원, g included), oldest first; [g] when none."""
    root_id = _joint_root_id(g)
    return list(
        Grievance.objects.filter(Q(pk=root_id) | Q(joint_of_id=root_id))
        .select_related("department")
        .order_by("received_at", "pk")
    )


@transaction.atomic
def review_similarity(
    actor: User,
    grievance: Grievance,
    candidate: Grievance,
    *,
    decision: str,
    score: float,
    same_complainant: bool | None = None,
    new_grounds: bool = False,
    note: str = "",
) -> SimilarityReview:
    """Record an officer's decision on a proposed match.

    Whether the two are the same complainant is decided here from the complainant records (the rule the detector
    labels by; `same_complainant` from the caller is only a cross-check). A confirmed match of the same complainant
    joins the 제23조 chain; a confirmed match of another complainant (중복민원) is linked for joint handling and
    never joins the chain, so it can never count toward 제23조."""
    from gamsa.complaints.grievances.similarity import same_complainant as same_person

    if candidate.pk == grievance.pk:
        raise GrievanceError("같은 민원끼리는 비교할 수 없습니다.")
    same = same_person(grievance.complainant, candidate.complainant)
    if same_complainant is not None and same_complainant != same:
        raise GrievanceError(
            "민원인 판단이 맞지 않습니다: 두 민원의 민원인이 "
            + (
                "같은 사람으로 보입니다."
                if same
                else "다른 사람입니다. 같은 사안이면 공동 처리로 연결하세요."
            )
        )
    if new_grounds and not same:
        raise GrievanceError("'새로운 이유'는 같은 민원인의 반복민원에만 표시합니다.")
    review, _ = SimilarityReview.objects.update_or_create(
        grievance=grievance,
        candidate=candidate,
        defaults={
            "score": score,
            "same_complainant": same,
            "decision": decision,
            "new_grounds": new_grounds,
            "note": note,
            "decided_by": actor,
            "decided_at": timezone.now(),
        },
    )
    confirmed = decision == SimilarityReview.Decision.CONFIRMED
    if confirmed and same:
        _merge_repeat_chains(grievance, candidate)
    record_event(
        actor,
        "grievance.similarity_reviewed",
        grievance,
        candidate=candidate.case_number,
        decision=decision,
        same_complainant=same,
        score=round(score, 3),
        new_grounds=new_grounds,
    )
    if confirmed and not same:
        link_joint_handling(actor, grievance, candidate, note=note)
    return review


@transaction.atomic
def link_joint_handling(
    actor: User, grievance: Grievance, other: Grievance, *, note: str = ""
) -> list[Grievance]:
    """Link another resident's complaint about the same matter (중복민원) for joint handling: both groups become one
    under the oldest complaint (`Grievance.joint_of`). Linking never touches the 제23조 chain (`repeat_of`)."""
    if other.pk == grievance.pk:
        raise GrievanceError("같은 민원끼리는 연결할 수 없습니다.")
    roots = sorted(
        Grievance.objects.select_for_update().filter(
            pk__in={_joint_root_id(grievance), _joint_root_id(other)}
        ),
        key=lambda x: (x.received_at, x.pk),
    )
    keep = roots[0]
    for root in roots[1:]:
        Grievance.objects.filter(Q(pk=root.pk) | Q(joint_of=root)).update(joint_of=keep)
    group = joint_group_of(keep)
    record_event(
        actor,
        "grievance.joint_linked",
        grievance,
        other=other.case_number,
        group=[x.case_number for x in group],
        note=note,
    )
    return group


@transaction.atomic
def request_internal_closure(actor: User, grievance: Grievance, *, reason: str) -> InternalClosureRequest:
    g = lock(grievance)
    if g.status not in OPEN_STATUSES:
        raise GrievanceError("처리 중인 민원만 내부종결할 수 있습니다.")
    if not reason.strip():
        raise GrievanceError("내부종결 사유를 적으세요.")
    evidence = repeat_evidence(g)
    if not evidence["conditions_hold"]:
        raise GrievanceError(
            f"법 제23조 요건이 충족되지 않았습니다: 확인된 반복 제출 {evidence['filings']}회(3회 이상 필요), "
            f"결과 통지 {evidence['answers']}회(2회 이상 필요)"
            + (
                f", 새로운 이유가 있어 제외한 제출 {evidence['new_grounds']}회"
                if evidence["new_grounds"]
                else ""
            )
            + "."
        )
    if (
        g.is_multi_party
        and not AgendaItem.objects.filter(
            grievance=g, decision__in=[AgendaItem.Decision.APPROVED, AgendaItem.Decision.AMENDED]
        ).exists()
    ):
        raise GrievanceError(
            "다수인관련민원은 민원조정위원회 심의를 먼저 거쳐야 내부종결할 수 있습니다 (영 제26조)."
        )
    if g.department_id is None:
        raise GrievanceError("처리부서를 먼저 배정하세요. 내부종결은 그 부서장의 결재가 필요합니다.")
    request = InternalClosureRequest.objects.create(
        grievance=g, reason=reason.strip(), evidence=evidence, requested_by=actor, requested_at=timezone.now()
    )
    record_event(
        actor,
        "grievance.internal_closure_requested",
        g,
        filings=evidence["filings"],
        answers=evidence["answers"],
    )
    return request


@transaction.atomic
def decide_internal_closure(
    actor: User, request: InternalClosureRequest, *, approve: bool, note: str = ""
) -> InternalClosureRequest:
    if request.decision != InternalClosureRequest.Decision.PENDING:
        raise GrievanceError("이미 결재한 요청입니다.")
    g = lock(request.grievance)
    request.decision = (
        InternalClosureRequest.Decision.APPROVED if approve else InternalClosureRequest.Decision.REFUSED
    )
    request.decided_by, request.decided_at, request.decision_note = actor, timezone.now(), note
    request.save(update_fields=["decision", "decided_by", "decided_at", "decision_note"])
    if approve:
        move_status(g, Status.CLOSED_INTERNALLY)
        g.closed_at = request.decided_at
        g.save(update_fields=["status", "closed_at", "updated_at"])
    record_event(actor, "grievance.internal_closure_decided", g, approved=approve, note=note)
    return request
