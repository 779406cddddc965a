"""Patrol rounds API (/api/v1/patrol-rounds): list, detail, create."""

import datetime as dt

from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from gamsa.core.api import NOT_FOUND, SIGNED_IN_AUTH, Error, fetched
from gamsa.core.enums import choices_literal
from gamsa.core.models import OrgUnit
from gamsa.core.paging import BoundedPagination
from gamsa.core.permissions import acting_user
from gamsa.patrols.models import PatrolRound, RoundKind
from gamsa.patrols.rounds import permissions as perms
from gamsa.patrols.rounds import services as round_svc

router = Router(tags=["patrols"], auth=SIGNED_IN_AUTH)

# Choice fields as enums in the schema (responses and filters), from the model choices ("" = all).
RoundKindValue = choices_literal(RoundKind)
RoundKindFilter = choices_literal(RoundKind, extra=("",))


class RoundOut(Schema):
    number: str
    kind: RoundKindValue
    kind_label: str
    theme: str
    date: dt.date
    area: str | None = None
    residents: int
    police: int
    participants_note: str
    staff_count: int = 0
    finding_count: int = 0

    @staticmethod
    def resolve_kind_label(obj):
        return obj.get_kind_display()

    @staticmethod
    def resolve_area(obj):
        return obj.area.name if obj.area_id else None

    @staticmethod
    def resolve_staff_count(obj):
        return obj.staff.count()

    @staticmethod
    def resolve_finding_count(obj):
        return obj.findings.count()


class RoundDetail(RoundOut):
    route: list = []
    note: str
    start_time: dt.time | None = None
    end_time: dt.time | None = None


class RoundIn(Schema):
    kind: str
    date: dt.date
    theme: str = ""
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    area: int | None = None
    residents: int = 0
    police: int = 0
    participants_note: str = ""
    route: list[list[float]] = []
    note: str = ""


@router.get("/patrol-rounds", response=list[RoundOut], summary="순찰 목록")
@paginate(BoundedPagination)
def list_rounds(request, kind: RoundKindFilter = "", year: int | None = None, **kwargs):
    if not perms.can_see_rounds(acting_user(request)):
        raise HttpError(404, NOT_FOUND)
    qs = PatrolRound.objects.select_related("area")
    if kind:
        qs = qs.filter(kind=kind)
    if year:
        qs = qs.filter(date__year=year)
    return qs.order_by("-date", "-number")


@router.get("/patrol-rounds/{number}", response=RoundDetail, summary="순찰 상세")
def round_detail(request, number: str):
    return fetched(perms.round_for, request, number)


@router.post("/patrol-rounds", response={201: RoundDetail, 400: Error, 403: Error}, summary="순찰 등록")
def create_round(request, payload: RoundIn):
    user = acting_user(request)
    if not perms.can_see_rounds(user):
        raise HttpError(404, NOT_FOUND)
    if not perms.can_manage_rounds(user):
        return Status(403, {"detail": "순찰팀만 순찰을 등록할 수 있습니다."})
    data = payload.dict()
    data["area"] = OrgUnit.objects.filter(pk=payload.area).first() if payload.area else None
    try:
        patrol_round = round_svc.create_round(user, staff=[user], **data)
    except round_svc.RoundError as exc:
        return Status(400, {"detail": str(exc)})
    return Status(201, patrol_round)
