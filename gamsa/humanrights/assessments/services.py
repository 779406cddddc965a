"""Writes of 인권영향평가: a draft received from its department (the deadline from core's calendar), the
assessment against the checklist in force with its recommendation, and the department's answer."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from gamsa.core import calendar as legal
from gamsa.core.models import OrgUnit, User
from gamsa.core.services import next_case_number, record_event, store_attachment
from gamsa.humanrights import permissions as perms
from gamsa.humanrights.assessments.models import (
    DEADLINE_KIND,
    Answer,
    AnswerResult,
    ChecklistVersion,
    Draft,
    DraftKind,
    LegislationType,
    Recommendation,
    Response,
    Status,
)
from gamsa.humanrights.common import HumanRightsError, day, require, text


def checklist_in_force(on: dt.date) -> ChecklistVersion | None:
    return (
        ChecklistVersion.objects.filter(effective_from__lte=on)
        .order_by("-effective_from", "-version")
        .first()
    )


@transaction.atomic
def submit_draft(
    actor: User,
    *,
    title: str,
    kind: str,
    department: OrgUnit,
    summary: str,
    legislation_type: str = LegislationType.ORDINANCE,
    received_at: dt.datetime | None = None,
    file: tuple[bytes, str] | None = None,
) -> Draft:
    """The drafting department's request (or the team registering one received on paper). The assessment is due
    by the `hr_impact_assessment` clock of core's calendar from the moment of receipt."""
    require(perms.can_submit_draft(actor))
    if not isinstance(department, OrgUnit) or department.is_audit_office:
        raise HumanRightsError("자치법규를 입안한 부서를 고르세요.")
    if not perms.is_rights_team(actor) and department.pk not in perms.department_units(actor):
        raise HumanRightsError("우리 부서가 입안한 자치법규만 평가를 요청할 수 있습니다.")
    if kind not in DraftKind.values or legislation_type not in LegislationType.values:
        raise HumanRightsError("제·개정 구분과 종류를 고르세요.")
    received_at = received_at or legal.now()
    deadline = legal.deadline_for(DEADLINE_KIND, received_at)
    local = received_at.astimezone(legal.SEOUL)
    number, _ = next_case_number("hr-assessment", local.year, prefix="HR-")
    draft = Draft.objects.create(
        case_number=number,
        year=local.year,
        title=text(title, "자치법규명", 200),
        legislation_type=legislation_type,
        kind=kind,
        department=department,
        summary=text(summary, "제·개정 이유와 주요 내용"),
        received_at=received_at,
        due_at=deadline.due_at,
        deadline_basis=deadline.basis[:200],
        submitted_by=actor,
    )
    if file:
        data, name = file
        store_attachment(actor, data=data, original_name=name, owner=draft)
    record_event(
        actor, "humanrights.draft_submitted", draft, department=department.code, kind=kind,
        due_at=deadline.due_at, file=bool(file),
    )  # fmt: skip
    return draft


@transaction.atomic
def assess(
    actor: User,
    draft: Draft,
    *,
    answers: dict[int, tuple[str, str]],
    recommendation: str,
    recommendation_text: str = "",
    assessed_on: dt.date,
) -> Draft:
    """Every item of the checklist in force on the day of receipt answered (`answers`: item id → (result, note));
    원안 동의, or 개정 권고 with the text of the change. A 개선 필요 answer calls for a 개정 권고."""
    require(perms.can_assess(actor, draft))
    if draft.status != Status.RECEIVED:
        raise HumanRightsError("이미 평가한 자치법규입니다.")
    assessed_on = day(assessed_on, "평가일")
    if assessed_on < draft.received_at.astimezone(legal.SEOUL).date():
        raise HumanRightsError("평가일은 접수일보다 빠를 수 없습니다.")
    if recommendation not in Recommendation.values:
        raise HumanRightsError("평가 의견(원안 동의 또는 개정 권고)을 고르세요.")
    checklist = checklist_in_force(draft.received_at.astimezone(legal.SEOUL).date())
    if checklist is None:
        raise HumanRightsError("접수일에 적용되는 체크리스트가 없습니다. 관리자에게 등록을 요청하세요.")
    items = list(checklist.items.all())
    rows = []
    for item in items:
        result, note = answers.get(item.pk, ("", ""))
        if result not in AnswerResult.values:
            raise HumanRightsError(f"체크리스트 {item.order}번 '{item.question}'의 결과를 고르세요.")
        if result == AnswerResult.CONCERN and not (note or "").strip():
            raise HumanRightsError(f"체크리스트 {item.order}번은 개선이 필요한 이유를 적어 주세요.")
        rows.append(
            Answer(draft=draft, item=item, result=result, note=text(note, "의견", 300, required=False))
        )
    concerns = sum(1 for r in rows if r.result == AnswerResult.CONCERN)
    if recommendation == Recommendation.REVISE:
        recommendation_text = text(recommendation_text, "권고 내용")
    elif concerns:
        raise HumanRightsError("개선이 필요한 항목이 있으면 원안 동의가 아니라 개정 권고를 하세요.")
    Answer.objects.bulk_create(rows)
    draft.checklist = checklist
    draft.recommendation = recommendation
    draft.recommendation_text = (recommendation_text or "").strip()
    draft.assessed_on = assessed_on
    draft.assessed_by = actor
    draft.status = Status.RECOMMENDED if recommendation == Recommendation.REVISE else Status.AGREED
    draft.save(
        update_fields=[
            "checklist",
            "recommendation",
            "recommendation_text",
            "assessed_on",
            "assessed_by",
            "status",
        ]
    )
    record_event(
        actor, "humanrights.draft_assessed", draft, recommendation=recommendation, checklist=checklist.version,
        concerns=concerns, on_time=draft.due_at.astimezone(legal.SEOUL).date() >= assessed_on,
    )  # fmt: skip
    return draft


@transaction.atomic
def respond(
    actor: User, draft: Draft, *, response: str, response_text: str = "", responded_on: dt.date
) -> Draft:
    """The drafting department's answer to a 개정 권고: 수용, 일부 수용 or 불수용 (the last two with reasons)."""
    require(perms.can_respond(actor, draft))
    if draft.status != Status.RECOMMENDED:
        raise HumanRightsError("개정 권고에 대한 회신만 할 수 있습니다.")
    if response not in Response.values:
        raise HumanRightsError("회신(수용, 일부 수용, 불수용)을 고르세요.")
    responded_on = day(responded_on, "회신일")
    if draft.assessed_on and responded_on < draft.assessed_on:
        raise HumanRightsError("회신일은 평가일보다 빠를 수 없습니다.")
    required = response != Response.ACCEPTED
    draft.response = response
    draft.response_text = text(
        response_text, "회신 내용(수용하지 않는 이유)" if required else "회신 내용", required=required
    )
    draft.responded_on = responded_on
    draft.responded_by = actor
    draft.status = Status.ANSWERED
    draft.save(update_fields=["response", "response_text", "responded_on", "responded_by", "status"])
    record_event(
        actor, "humanrights.draft_answered", draft, response=response,
        by_department=draft.department_id in perms.department_units(actor),
    )  # fmt: skip
    return draft
