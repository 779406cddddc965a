"""특이민원 and the protection of 민원 처리 담당자 (민원처리법 제4조, 영 제4조), and outside expert advice.

- A complainant marked 특이민원 gets a dedicated handler who must be a team leader or a director
  (감사담당관 or a 부서장).
- Incidents are logged with the 영 제4조① measures taken; calls and visits longer than the district's
  recommended time (settings.GAMSA_RECOMMENDED_CALL_MINUTES) are shown as exceeded.
- Any staff member may ask for protection about their own incident (법 제4조③). The request is seen by the
  requester, the complaint team leader and the office head only, never by the requester's department head,
  so that no disadvantage can follow it (④).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from gamsa.complaints.grievances.models import Complainant, Grievance
from gamsa.complaints.protection import permissions as perms
from gamsa.complaints.protection.models import AbuseIncident, ExpertConsultation, Measure, ProtectionRequest
from gamsa.core.models import User
from gamsa.core.services import record_event
from gamsa.core.validators import reject_rrn


class ProtectionError(ValueError):
    """A refused action; the message is Korean and safe to show."""


def recommended_minutes() -> int:
    return settings.GAMSA_RECOMMENDED_CALL_MINUTES


def exceeded_minutes(incident: AbuseIncident) -> int:
    """How many minutes beyond the recommended call/visit time (0 when within or unknown)."""
    if incident.duration_minutes is None:
        return 0
    return max(0, incident.duration_minutes - recommended_minutes())


# --- helpers --------------------------------------------------------------------------------------------------


def _clean(text: str, label: str, *, required: bool = True) -> str:
    text = (text or "").strip()
    if required and not text:
        raise ProtectionError(f"{label}을(를) 입력하세요.")
    try:
        reject_rrn(text)
    except ValidationError as exc:
        raise ProtectionError(exc.messages[0]) from None
    return text


def _measures(values) -> list[str]:
    values = list(dict.fromkeys(values or []))
    unknown = [v for v in values if v not in Measure.values]
    if unknown:
        raise ProtectionError("영 제4조①의 조치 목록에 없는 항목이 있습니다.")
    order = {v: i for i, v in enumerate(Measure.values)}
    return sorted(values, key=order.__getitem__)


def measure_labels(values) -> list[str]:
    labels = dict(Measure.choices)
    return [labels.get(v, v) for v in values or []]


# --- 특이민원 -----------------------------------------------------------------------------------------------------


@transaction.atomic
def mark_abusive(
    actor: User, complainant: Complainant, *, handler: User, reason: str, now: dt.datetime | None = None
) -> Complainant:
    if not perms.can_manage(actor):
        raise ProtectionError("특이민원을 지정할 권한이 없습니다.")
    reason = _clean(reason, "지정 사유")
    if handler is None or not perms.can_be_dedicated_handler(handler):
        raise ProtectionError(
            "특이민원 전담자는 팀장 또는 과장급 이상(감사담당관·부서장)이어야 합니다. 다른 직원을 선택하세요."
        )
    complainant = Complainant.objects.select_for_update().get(pk=complainant.pk)
    was = complainant.is_abusive
    complainant.is_abusive = True
    complainant.abusive_since = complainant.abusive_since if was else (now or timezone.now())
    complainant.dedicated_handler = handler
    complainant.save(update_fields=["is_abusive", "abusive_since", "dedicated_handler"])
    record_event(
        actor,
        "complainant.handler_changed" if was else "complainant.marked_abusive",
        complainant,
        handler=handler.username,
        reason=reason,
    )
    return complainant


@transaction.atomic
def unmark_abusive(actor: User, complainant: Complainant, *, reason: str) -> Complainant:
    if not perms.can_manage(actor):
        raise ProtectionError("특이민원 지정을 해제할 권한이 없습니다.")
    reason = _clean(reason, "해제 사유")
    complainant = Complainant.objects.select_for_update().get(pk=complainant.pk)
    if not complainant.is_abusive:
        raise ProtectionError("특이민원으로 지정되지 않은 민원인입니다.")
    complainant.is_abusive = False
    complainant.abusive_since = None
    complainant.dedicated_handler = None
    complainant.save(update_fields=["is_abusive", "abusive_since", "dedicated_handler"])
    record_event(actor, "complainant.unmarked_abusive", complainant, reason=reason)
    return complainant


@transaction.atomic
def record_incident(
    actor: User,
    complainant: Complainant,
    *,
    occurred_at: dt.datetime,
    kind: str,
    description: str,
    measures=(),
    duration_minutes: int | None = None,
    staff_affected: User | None = None,
    grievance: Grievance | None = None,
) -> AbuseIncident:
    if not perms.can_manage(actor):
        raise ProtectionError("특이민원 발생 기록을 남길 권한이 없습니다.")
    if kind not in AbuseIncident.Kind.values:
        raise ProtectionError("유형을 선택하세요.")
    description = _clean(description, "경위")
    measures = _measures(measures)
    if duration_minutes is not None and duration_minutes < 0:
        raise ProtectionError("통화·면담 시간은 0분 이상이어야 합니다.")
    if occurred_at > timezone.now() + dt.timedelta(minutes=5):
        raise ProtectionError("발생일시는 미래일 수 없습니다.")
    if grievance is not None and grievance.complainant_id != complainant.pk:
        raise ProtectionError("연결한 민원은 이 민원인의 민원이 아닙니다.")
    if (
        Measure.END_CALL in measures
        and kind == AbuseIncident.Kind.LONG_CALL
        and not (duration_minutes and duration_minutes > recommended_minutes())
    ):
        raise ProtectionError(
            f"장시간 통화·면담을 이유로 종료하려면 권장 시간({recommended_minutes()}분)을 넘어야 합니다 (영 제4조①8호 나목)."
        )
    incident = AbuseIncident.objects.create(
        complainant=complainant,
        grievance=grievance,
        occurred_at=occurred_at,
        kind=kind,
        description=description,
        duration_minutes=duration_minutes,
        measures=measures,
        staff_affected=staff_affected,
        recorded_by=actor,
    )
    record_event(
        actor,
        "complainant.incident_recorded",
        complainant,
        kind=kind,
        occurred_at=occurred_at,
        duration_minutes=duration_minutes,
        exceeded_minutes=exceeded_minutes(incident),
        measures=measures,
        staff_affected=staff_affected.username if staff_affected else None,
        grievance=grievance.case_number if grievance else None,
    )
    return incident


# --- staff protection requests (법 제4조③④) -----------------------------------------------------------------------


@transaction.atomic
def request_protection(
    actor: User,
    *,
    details: str,
    measures=(),
    incident: AbuseIncident | None = None,
    now: dt.datetime | None = None,
) -> ProtectionRequest:
    if not perms.can_request(actor):
        raise ProtectionError("직원만 보호조치를 요청할 수 있습니다.")
    details = _clean(details, "요청 내용")
    measures = _measures(measures)
    if incident is not None and incident.staff_affected_id != actor.pk:
        raise ProtectionError("본인이 피해를 입은 발생 기록만 연결할 수 있습니다.")
    request = ProtectionRequest.objects.create(
        incident=incident,
        requested_by=actor,
        requested_at=now or timezone.now(),
        measures_requested=measures,
        details=details,
    )
    record_event(
        actor,
        "protection.requested",
        None,
        request=request.pk,
        measures=measures,
        incident=incident.pk if incident else None,
    )
    return request


@transaction.atomic
def decide_protection(
    actor: User, request: ProtectionRequest, *, grant: bool, response: str, now: dt.datetime | None = None
) -> ProtectionRequest:
    if not perms.can_decide(actor):
        raise ProtectionError("보호조치 요청은 민원관리팀장 또는 감사담당관이 처리합니다.")
    response = _clean(response, "조치 내용")
    request = ProtectionRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != ProtectionRequest.Status.REQUESTED:
        raise ProtectionError("이미 처리한 요청입니다.")
    request.status = ProtectionRequest.Status.GRANTED if grant else ProtectionRequest.Status.DECLINED
    request.response = response
    request.decided_by = actor
    request.decided_at = now or timezone.now()
    request.save(update_fields=["status", "response", "decided_by", "decided_at"])
    record_event(actor, "protection.decided", None, request=request.pk, status=request.status)
    return request


# --- outside experts ---------------------------------------------------------------------------------------------


@transaction.atomic
def record_consultation(
    actor: User,
    *,
    expert_kind: str,
    expert_name: str,
    consulted_on: dt.date,
    question: str,
    advice: str,
    fee: int = 0,
    grievance_number: str = "",
) -> ExpertConsultation:
    if not perms.can_manage(actor):
        raise ProtectionError("전문가 자문을 기록할 권한이 없습니다.")
    if expert_kind not in ExpertConsultation.Expert.values:
        raise ProtectionError("전문가 구분을 선택하세요.")
    expert_name = _clean(expert_name, "자문위원")
    question = _clean(question, "자문 요청 내용")
    advice = _clean(advice, "자문 결과")
    if fee is None or fee < 0:
        raise ProtectionError("자문료는 0원 이상이어야 합니다.")
    grievance = None
    grievance_number = (grievance_number or "").strip()
    if grievance_number:
        grievance = Grievance.objects.filter(case_number=grievance_number).first()
        if grievance is None:
            raise ProtectionError(f"접수번호 {grievance_number}인 고충민원이 없습니다.")
    consultation = ExpertConsultation.objects.create(
        grievance=grievance,
        expert_kind=expert_kind,
        expert_name=expert_name,
        consulted_on=consulted_on,
        question=question,
        advice=advice,
        fee=fee,
        recorded_by=actor,
    )
    record_event(
        actor,
        "consultation.recorded",
        grievance,
        consultation=consultation.pk,
        expert_kind=expert_kind,
        consulted_on=consulted_on,
        fee=fee,
    )
    return consultation


def consultations_in(year: int) -> QuerySet:
    return ExpertConsultation.objects.filter(consulted_on__year=year)


def abusive_complainants() -> QuerySet:
    return (
        Complainant.objects.filter(is_abusive=True)
        .select_related("dedicated_handler")
        .order_by("-abusive_since")
    )
