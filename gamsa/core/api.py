"""Core's API: the public calendar, the caller, the organisation and the event log."""

import datetime as dt
import uuid

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.security import HttpBearer, django_auth

from gamsa.core import calendar as legal
from gamsa.core import permissions as perms
from gamsa.core.enums import choices_literal
from gamsa.core.models import DeadlineRule, Event, OrgUnit, UnitKind
from gamsa.core.paging import BoundedPagination
from gamsa.core.services import user_for_token

router = Router(tags=["core"])


UnitKindValue = choices_literal(UnitKind)  # enum in the schema, from the model choices


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


SIGNED_IN_AUTH = [TokenAuth(), django_auth]


class Error(Schema):
    detail: str


NOT_FOUND = "찾을 수 없습니다."
NOT_ALLOWED = "이 처리를 할 권한이 없습니다."


def fetched(fetch, *args, forbidden: str = NOT_ALLOWED, **kwargs):
    """Call an app's fetch-and-check helper (e.g. `finding_for(request, case_number, action)`) from an API
    operation: its refusals become JSON with a Korean reason, 404 for outsiders and unknown ids, 403 otherwise."""
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    try:
        return fetch(*args, **kwargs)
    except Http404 as exc:
        raise HttpError(404, NOT_FOUND) from exc
    except PermissionDenied as exc:
        raise HttpError(403, forbidden) from exc


class DeadlineOut(Schema):
    kind: str
    label: str
    received_at: dt.datetime
    counted_from: dt.datetime
    due_at: dt.datetime
    method: str = Field(description="hours | working_days | calendar_days | months | month_end")
    method_label: str
    amount: int
    unit: str
    basis: str
    confidence: str


class KindOut(Schema):
    kind: str
    label: str
    amount: int
    unit: str
    method: str
    basis: str
    confidence: str


class DayOut(Schema):
    date: dt.date
    working_day: bool
    reason: str | None
    next_working_day: dt.date


def _parse_moment(raw: str) -> dt.datetime | None:
    try:
        value = dt.datetime.fromisoformat(
            raw.strip().replace(" ", "+", 1) if "T" in raw and " " in raw else raw.strip()
        )
    except ValueError:
        return None
    return value if value.tzinfo is not None else None


@router.get("/calendar/deadline", response={200: DeadlineOut, 400: Error}, auth=None, summary="처리기한 계산")
def deadline(request, kind: str, received_at: str):
    """민원 종류와 접수 일시(ISO 8601, 시간대 포함)로 법정 처리기한을 계산합니다."""
    moment = _parse_moment(received_at)
    if moment is None:
        return Status(
            400,
            {
                "detail": "received_at은 시간대를 포함한 ISO 8601 일시여야 합니다 (예: 2026-09-23T10:00:00+09:00)."
            },
        )
    rule = DeadlineRule.objects.filter(kind=kind, active=True).first()
    if rule is None:
        known = ", ".join(DeadlineRule.objects.filter(active=True).values_list("kind", flat=True))
        return Status(400, {"detail": f"알 수 없는 민원 종류입니다: {kind}. 사용할 수 있는 종류: {known}"})
    try:
        result = legal.deadline_for(kind, moment)
    except legal.CalendarError as exc:
        return Status(400, {"detail": str(exc)})
    return Status(200, {**result.as_dict(), "label": rule.label})


class LimitationOut(Schema):
    ground: str = Field(description="general | property | sexual")
    years: int
    act_date: dt.date
    expires_on: dt.date = Field(description="이 날이 끝날 때 징계시효가 완성됩니다")
    basis: str


def _parse_day(raw: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(raw.strip()) if raw and len(raw.strip()) == 10 else None
    except ValueError:
        return None


@router.get(
    "/calendar/limitation", response={200: LimitationOut, 400: Error}, auth=None, summary="징계시효 계산"
)
def limitation(request, ground: str, act_date: str, investigation_ended_on: str | None = None):
    """징계 사유 구분(general 3년·property 5년·sexual 10년)과 행위일(YYYY-MM-DD)로 징계시효 만료일을 계산합니다
    (지방공무원법 제73조의2, 민법 제157조·제160조·제161조). 감사원 조사·수사로 징계 절차를 진행하지 못한 경우 조사 종료
    통보일(investigation_ended_on)을 주면 제73조의2②의 1개월 규칙을 적용합니다. 개인정보는 받지도 돌려주지도 않습니다."""
    act_day = _parse_day(act_date)
    if act_day is None:
        return Status(400, {"detail": "act_date는 YYYY-MM-DD 형식의 날짜여야 합니다 (예: 2023-03-10)."})
    ended_day = None
    if investigation_ended_on not in (None, ""):
        ended_day = _parse_day(investigation_ended_on)
        if ended_day is None:
            return Status(
                400,
                {"detail": "investigation_ended_on은 YYYY-MM-DD 형식의 날짜여야 합니다 (예: 2025-06-02)."},
            )
    if not (dt.date(1900, 1, 1) <= act_day <= dt.date(2200, 12, 31)):
        return Status(400, {"detail": "act_date는 1900년부터 2200년 사이의 날짜여야 합니다."})
    if ended_day is not None and ended_day > dt.date(2200, 12, 31):
        return Status(400, {"detail": "investigation_ended_on은 2200년 이전의 날짜여야 합니다."})
    try:
        result = legal.limitation(ground, act_day, ended_day)
    except legal.CalendarError as exc:
        return Status(400, {"detail": str(exc)})
    return Status(200, result.as_dict())


@router.get("/calendar/kinds", response=list[KindOut], auth=None, summary="처리기간 규칙 목록")
def kinds(request):
    return list(
        DeadlineRule.objects.filter(active=True).values(
            "kind", "label", "amount", "unit", "method", "basis", "confidence"
        )
    )


@router.get("/calendar/days/{day}", response={200: DayOut}, auth=None, summary="근무일 여부")
def day_info(request, day: dt.date):
    cal = legal.get_calendar()
    return {
        "date": day,
        "working_day": cal.is_working_day(day),
        "reason": cal.holiday_name(day),
        "next_working_day": cal.next_working_day(day),
    }


class MeOut(Schema):
    username: str
    name: str
    kind: str
    unit: str | None
    roles: list[str]


@router.get("/me", response=MeOut, auth=SIGNED_IN_AUTH, summary="나의 정보")
def me(request):
    user = request.auth if hasattr(request.auth, "pk") else request.user
    return {
        "username": user.username,
        "name": user.display_name,
        "kind": user.kind,
        "unit": user.unit.name if user.unit_id else None,
        "roles": sorted(perms.roles_of(user)),
    }


class UnitOut(Schema):
    id: uuid.UUID = Field(alias="public_id")
    code: str
    name: str
    kind: UnitKindValue
    path: str
    depth: int
    office_team: str


UnitKindFilter = UnitKindValue


@router.get("/org/units", response=list[UnitOut], auth=SIGNED_IN_AUTH, summary="조직 목록")
@paginate(BoundedPagination)
def units(request, kind: UnitKindFilter | None = None, **kwargs):
    user = request.auth if hasattr(request.auth, "pk") else request.user
    if not perms.can_see_office_pages(user):
        raise HttpError(404, "찾을 수 없습니다.")
    qs = OrgUnit.objects.filter(active=True).order_by("path")
    return qs.filter(kind=kind) if kind else qs


class EventOut(Schema):
    at: dt.datetime
    actor: str = Field(alias="actor_label")
    verb: str
    target_type: str
    target_id: str
    details: dict


@router.get("/events", response=list[EventOut], auth=SIGNED_IN_AUTH, summary="처리 기록")
@paginate(BoundedPagination)
def events(request, verb: str | None = None, target_id: str | None = None, **kwargs):
    user = request.auth if hasattr(request.auth, "pk") else request.user
    if not perms.can_view_event_log(user):
        raise HttpError(404, "찾을 수 없습니다.")
    qs = Event.objects.all()
    if verb:
        qs = qs.filter(verb=verb)
    if target_id:
        qs = qs.filter(target_id=target_id)
    return qs
