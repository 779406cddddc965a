"""Findings API (/api/v1/findings): list, detail, create, route, answer, close, return."""

import base64
import binascii
import datetime as dt
from decimal import Decimal

from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from gamsa.core.api import NOT_FOUND, SIGNED_IN_AUTH, Error, fetched
from gamsa.core.enums import choices_literal
from gamsa.core.filecheck import FileRejected
from gamsa.core.models import OrgUnit
from gamsa.core.paging import BoundedPagination
from gamsa.core.permissions import acting_user
from gamsa.patrols.findings import permissions as perms
from gamsa.patrols.findings import services as svc
from gamsa.patrols.guardians.permissions import is_guardian
from gamsa.patrols.models import (
    OPEN_FINDING_STATUSES,
    FieldItem,
    Finding,
    FindingCategory,
    FindingStatus,
    PatrolRound,
)

router = Router(tags=["patrols"], auth=SIGNED_IN_AUTH)

# Choice fields as enums in the schema (responses and filters), from the model choices ("" = all, "open" = every
# open status).
FindingSourceValue = choices_literal(Finding.Source)
FindingStatusValue = choices_literal(FindingStatus)
FindingStatusFilter = choices_literal(FindingStatus, extra=("", "open"))
FindingSourceFilter = choices_literal(Finding.Source, extra=("",))


class PatrolFindingOut(Schema):
    case_number: str
    source: FindingSourceValue
    title: str
    category: str
    status: FindingStatusValue
    status_label: str
    unit: str | None = None
    unit_id: int | None = None
    address: str
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    due_date: dt.date | None = None
    reported_at: dt.datetime
    round: str | None = None
    overdue: bool = False

    @staticmethod
    def resolve_category(obj):
        return obj.category.name

    @staticmethod
    def resolve_status_label(obj):
        return obj.get_status_display()

    @staticmethod
    def resolve_unit(obj):
        return obj.unit.name if obj.unit_id else None

    @staticmethod
    def resolve_round(obj):
        return obj.round.number if obj.round_id else None

    @staticmethod
    def resolve_overdue(obj):
        return bool(obj.is_open and obj.due_date and obj.due_date < timezone.localdate())


class FindingDetail(PatrolFindingOut):
    description: str
    requested_action: str
    answer: str
    answered_at: dt.datetime | None = None
    closing_note: str
    closed_at: dt.datetime | None = None
    photos: list[dict] = []
    duplicate_of: str | None = None

    @staticmethod
    def resolve_photos(obj, context):
        if not perms.can_download_finding_photos(acting_user(context["request"]), obj):
            return []  # the council viewer: photos may show people and car plates
        return [
            {"stage": p.stage, "attachment": str(p.attachment.public_id)}
            for p in obj.photos.select_related("attachment")
        ]

    @staticmethod
    def resolve_duplicate_of(obj):
        return obj.duplicate_of.case_number if obj.duplicate_of_id else None


class PhotoIn(Schema):
    name: str = "photo.jpg"
    data_base64: str


class FindingIn(Schema):
    category: str
    title: str
    description: str = ""
    address: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    unit: int | None = None
    round: str | None = None
    item: str | None = None
    requested_action: str = ""
    due_date: dt.date | None = None
    photos: list[PhotoIn] = []


class RouteIn(Schema):
    unit: int
    due_date: dt.date | None = None
    requested_action: str | None = None


class AnswerIn(Schema):
    answer: str
    photos: list[PhotoIn] = []


class NoteIn(Schema):
    note: str = ""
    due_date: dt.date | None = None


def _photos(items: list[PhotoIn]) -> list[tuple[bytes, str]]:
    out = []
    for photo in items:
        try:
            out.append((base64.b64decode(photo.data_base64, validate=True), photo.name))
        except (binascii.Error, ValueError) as exc:
            raise HttpError(400, "사진을 읽을 수 없습니다(base64).") from exc
    return out


# --- findings ---------------------------------------------------------------------------------------------------


@router.get("/findings", response=list[PatrolFindingOut], summary="적출사항 목록")
@paginate(BoundedPagination)
def list_findings(
    request,
    status: FindingStatusFilter = "",
    unit: int | None = None,
    category: str = "",
    source: FindingSourceFilter = "",
    **kwargs,
):
    user = acting_user(request)
    if not (perms.can_see_findings(user) or is_guardian(user)):
        raise HttpError(404, NOT_FOUND)
    qs = perms.visible_findings(user, Finding.objects.select_related("category", "unit", "round"))
    if status == "open":
        qs = qs.filter(status__in=OPEN_FINDING_STATUSES)
    elif status:
        qs = qs.filter(status=status)
    if unit:
        qs = qs.filter(unit_id=unit)
    if category:
        qs = qs.filter(category__name=category)
    if source:
        qs = qs.filter(source=source)
    return qs.order_by("-reported_at", "-id")


@router.get("/findings/{case_number}", response=FindingDetail, summary="적출사항 상세")
def finding_detail(request, case_number: str):
    return fetched(perms.finding_for, request, case_number)


@router.post("/findings", response={201: FindingDetail, 400: Error, 403: Error}, summary="적출사항 등록")
def create_finding(request, payload: FindingIn):
    user = acting_user(request)
    if not perms.can_see_findings(user):
        raise HttpError(404, NOT_FOUND)
    if not perms.can_record_findings(user):
        return Status(403, {"detail": "순찰팀만 적출사항을 등록할 수 있습니다."})
    category = FindingCategory.objects.filter(name=payload.category, active=True).first()
    if category is None:
        return Status(400, {"detail": f"알 수 없는 분야입니다: {payload.category}"})
    if not payload.title.strip():
        return Status(400, {"detail": "제목을 적어 주세요."})
    if (payload.latitude is None) != (payload.longitude is None):
        return Status(400, {"detail": "위도와 경도를 함께 보내 주세요."})
    if payload.latitude is not None and not (
        33 <= payload.latitude <= 39 and 124 <= payload.longitude <= 132
    ):
        return Status(400, {"detail": "좌표가 우리나라 범위를 벗어났습니다."})
    unit = OrgUnit.objects.filter(pk=payload.unit).first() if payload.unit else None
    if payload.unit and unit is None:
        return Status(400, {"detail": "처리부서를 찾을 수 없습니다."})
    patrol_round = PatrolRound.objects.filter(number=payload.round).first() if payload.round else None
    item = FieldItem.objects.filter(code=payload.item).first() if payload.item else None
    try:
        finding = svc.create_finding(
            user,
            source=Finding.Source.PATROL,
            category=category,
            title=payload.title,
            description=payload.description,
            address=payload.address,
            latitude=payload.latitude,
            longitude=payload.longitude,
            unit=unit,
            round=patrol_round,
            item=item,
            requested_action=payload.requested_action,
            due_date=payload.due_date,
            photos=_photos(payload.photos),
        )
    except FileRejected as exc:
        return Status(400, {"detail": str(exc)})
    return Status(201, finding)


def _transition(request, case_number: str, action: str, run):
    """One transition: the finding with the check of `action` (404 outsiders, 403 not theirs to do), then `run`."""
    user = acting_user(request)
    finding = fetched(perms.finding_for, request, case_number, action)
    try:
        run(user, finding)
    except (svc.FindingStateError, FileRejected) as exc:
        return Status(400, {"detail": str(exc)})
    return Status(200, Finding.objects.get(pk=finding.pk))


@router.post(
    "/findings/{case_number}/route",
    response={200: FindingDetail, 400: Error, 403: Error},
    summary="부서 통보",
)
def route_finding(request, case_number: str, payload: RouteIn):
    unit = OrgUnit.objects.filter(pk=payload.unit).first()

    def run(user, finding):
        if unit is None:
            raise svc.FindingStateError("처리부서를 찾을 수 없습니다.")
        svc.route_finding(
            user, finding, unit=unit, due_date=payload.due_date, requested_action=payload.requested_action
        )

    return _transition(request, case_number, "record", run)


@router.post(
    "/findings/{case_number}/answer",
    response={200: FindingDetail, 400: Error, 403: Error},
    summary="부서 조치 결과 등록",
)
def answer_finding(request, case_number: str, payload: AnswerIn):
    photos = _photos(payload.photos)
    return _transition(
        request,
        case_number,
        "answer",
        lambda user, finding: svc.answer_finding(user, finding, answer=payload.answer, photos=photos),
    )


@router.post(
    "/findings/{case_number}/close",
    response={200: FindingDetail, 400: Error, 403: Error},
    summary="확인 종결",
)
def close_finding(request, case_number: str, payload: NoteIn):
    return _transition(
        request,
        case_number,
        "record",
        lambda user, finding: svc.close_finding(user, finding, note=payload.note),
    )


@router.post(
    "/findings/{case_number}/return",
    response={200: FindingDetail, 400: Error, 403: Error},
    summary="보완 요구",
)
def return_finding(request, case_number: str, payload: NoteIn):
    return _transition(
        request,
        case_number,
        "record",
        lambda user, finding: svc.return_finding(user, finding, note=payload.note, due_date=payload.due_date),
    )
