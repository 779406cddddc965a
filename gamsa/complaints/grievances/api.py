"""Grievance API: list, create, detail, transitions and similar complaints (/api/v1/grievances)."""

import datetime as dt

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from gamsa.complaints.grievances import permissions as perms
from gamsa.complaints.grievances import selectors
from gamsa.complaints.grievances import services as svc
from gamsa.complaints.grievances.forms import FilterForm, GrievanceForm
from gamsa.complaints.grievances.models import Channel, Grievance, Kind
from gamsa.complaints.grievances.models import Status as GrievanceStatus
from gamsa.complaints.grievances.similarity import similar_grievances
from gamsa.complaints.grievances.views.actions import ACTIONS
from gamsa.core import paging
from gamsa.core.api import SIGNED_IN_AUTH, Error
from gamsa.core.enums import choices_literal
from gamsa.core.models import AccessLog
from gamsa.core.services import log_access

router = Router(tags=["grievances"], auth=SIGNED_IN_AUTH)


# Choice fields as enums in the schema (responses and filters), from the model choices.
GrievanceStatusValue = choices_literal(GrievanceStatus)
ChannelValue = choices_literal(Channel)
KindValue = choices_literal(Kind)


class CappedPagination(paging.CappedPagination):
    """`count` stops at 1,001 (as on the desk's list page); a common keyword's page walks the received_at index."""

    walk_when_capped = True


def _user(request: HttpRequest):
    return perms.acting_user(request)


class GrievanceOut(Schema):
    case_number: str
    title: str
    status: GrievanceStatusValue
    status_label: str
    channel: ChannelValue
    kind: KindValue
    department: str | None = None
    received_at: dt.datetime
    due_at: dt.datetime
    answered_at: dt.datetime | None
    extension_count: int
    overdue: bool = False

    @staticmethod
    def resolve_overdue(obj):
        return obj.is_open and obj.due_at < timezone.now()

    @staticmethod
    def resolve_status_label(obj):
        return obj.get_status_display()

    @staticmethod
    def resolve_department(obj):
        return obj.department.name if obj.department_id else None


class ComplainantOut(Schema):
    name: str
    phone: str
    email: str
    address: str


class AnswerOut(Schema):
    outcome: str
    method: str
    text: str
    reasons: str
    remedies: str
    answered_at: dt.datetime


class GrievanceDetail(GrievanceOut):
    body: str
    place_address: str
    original_due_at: dt.datetime
    clock_method: str
    complainant: ComplainantOut | None = None
    answers: list[AnswerOut] = []
    repeat: dict = {}

    @staticmethod
    def resolve_complainant(obj):
        return obj.complainant if getattr(obj, "show_personal", False) else None

    @staticmethod
    def resolve_answers(obj):
        return list(obj.answers.all())

    @staticmethod
    def resolve_repeat(obj):
        return svc.repeat_evidence(obj)


class GrievanceIn(Schema):
    channel: str
    kind: str = "grievance"
    title: str
    body: str
    name: str
    phone: str = ""
    email: str = ""
    address: str = ""
    place_address: str = ""
    received_at: dt.datetime | None = None
    households: int = 1
    signatories: int = 1
    source_ref: str = ""


class TransitionIn(Schema):
    action: str = Field(description=", ".join(ACTIONS))
    data: dict = {}


class SimilarComplainantOut(Schema):
    name: str
    phone: str


class SimilarOut(Schema):
    case_number: str
    kind: str = Field(
        description="repeat: 같은 민원인의 같은 민원(법 제23조, 확인하면 반복 횟수에 들어감); "
        "duplicate: 같은 사안, 다른 민원인(중복민원: 공동 처리·다수인 판단용, 반복 횟수에 들어가지 않음)"
    )
    same_complainant: bool = Field(description="같은 민원인이면 true (kind가 repeat)")
    score: float = Field(description="0–1, 높을수록 같은 사안일 가능성이 큼. 목록은 이 값의 내림차순")
    same_place: bool
    place: str = Field(description="같은 장소로 본 장소 키 (예: 당산로 123)")
    matter: str = Field(description="후보 민원 본문에서 읽은 사안 (예: 도로 파손(포트홀)); 없으면 빈 문자열")
    title: str
    status: str
    received_at: dt.datetime
    reasons: list[str] = Field(description="판단 근거(개인정보 없음)")
    complainant: SimilarComplainantOut | None = Field(
        None,
        description="후보 민원의 민원인 성명·연락처: 그 민원의 개인정보를 볼 권한이 있을 때만(접근기록에 남음)",
    )


def _visible(request, case_number: str) -> Grievance:
    """The grievance through its rule (permissions.grievance_for); unknown and not visible answer alike."""
    try:
        return perms.grievance_for(
            request, case_number, queryset=Grievance.objects.select_related("complainant", "department")
        )
    except Http404:
        raise HttpError(404, "찾을 수 없습니다.") from None


def _detail(request, g: Grievance) -> Grievance:
    """The grievance for GrievanceDetail; the complainant only for those who handle it, and then logged."""
    user = _user(request)
    g.show_personal = perms.can_see_personal_data(user, g)
    if g.show_personal:
        log_access(
            user, g, ["성명", "연락처", "이메일", "주소"], action=AccessLog.Action.API, request=request
        )
    return g


# The list's filters as enums in the schema, from the model choices and the desk's filter form ("" = all).
StatusFilter = choices_literal(GrievanceStatus, extra=("", "open"))
ChannelFilter = choices_literal(Channel, extra=("",))
KindFilter = choices_literal(Kind, extra=("",))
DueFilter = choices_literal(value for value, _label in FilterForm.base_fields["due"].choices)


@router.get(
    "/grievances",
    response=list[GrievanceOut],
    summary="고충민원 목록",
    description="count는 1,000을 넘으면 1,001로 표시됩니다(검색어·조건을 좁히세요).",
)
@paginate(CappedPagination)
def list_grievances(
    request,
    status: StatusFilter = "",
    channel: ChannelFilter = "",
    kind: KindFilter = "",
    department: int | None = None,
    due: DueFilter = "",
    q: str = "",
    **kwargs,
):
    user = _user(request)
    if not perms.can_see_desk(user):
        raise HttpError(404, "찾을 수 없습니다.")
    form = FilterForm(
        {
            "status": status,
            "channel": channel,
            "kind": kind,
            "department": department or "",
            "due": due,
            "q": q,
        }
    )
    if not form.is_valid():
        raise HttpError(
            400, "검색 조건이 올바르지 않습니다: " + "; ".join(f"{k}: {v[0]}" for k, v in form.errors.items())
        )
    qs = selectors.filtered(
        perms.visible_grievances(user, selectors.list_queryset()), form.cleaned_data, timezone.now()
    )
    return qs.order_by("-received_at", "-id")


@router.post("/grievances", response={201: GrievanceDetail, 400: Error, 403: Error}, summary="고충민원 접수")
def create_grievance(request, payload: GrievanceIn):
    user = _user(request)
    if not perms.can_manage(user):
        return Status(403, {"detail": "민원관리팀만 접수할 수 있습니다."})
    form = GrievanceForm(payload.dict() | {"received_at": payload.received_at or ""})
    if not form.is_valid():
        return Status(400, {"detail": "; ".join(f"{k}: {v[0]}" for k, v in form.errors.items())})
    data = form.cleaned_data
    try:
        receipt = svc.receive_grievance(
            user,
            channel=data["channel"],
            kind=data["kind"],
            title=data["title"],
            body=data["body"],
            complainant={k: data[k] for k in ("name", "phone", "email", "address")},
            received_at=data["received_at"],
            place_address=data["place_address"],
            households=data["households"],
            signatories=data["signatories"],
            source_ref=data["source_ref"],
        )
    except svc.GrievanceError as exc:
        return Status(400, {"detail": str(exc)})
    return Status(201, _detail(request, receipt.grievance))


@router.get("/grievances/{case_number}", response=GrievanceDetail, summary="고충민원 상세")
def grievance_detail(request, case_number: str):
    return _detail(request, _visible(request, case_number))


@router.post(
    "/grievances/{case_number}/transitions",
    response={200: GrievanceDetail, 400: Error, 403: Error},
    summary="처리 단계 진행",
)
def transition(request, case_number: str, payload: TransitionIn):
    user = _user(request)
    g = _visible(request, case_number)
    if payload.action not in ACTIONS:
        return Status(
            400, {"detail": f"알 수 없는 처리입니다: {payload.action}. 가능한 처리: {', '.join(ACTIONS)}"}
        )
    form_class, rule, run = ACTIONS[payload.action]
    if not perms.may(user, g, rule):
        return Status(403, {"detail": "이 처리를 할 권한이 없습니다."})
    form = form_class(payload.data) if form_class else None
    if form is not None and not form.is_valid():
        return Status(400, {"detail": "; ".join(f"{k}: {v[0]}" for k, v in form.errors.items())})
    try:
        result = run(user, g, form.cleaned_data if form else {})
    except svc.GrievanceError as exc:
        return Status(400, {"detail": str(exc)})
    if isinstance(result, tuple):  # refile made a new case
        g = result[1]
    return Status(200, _detail(request, Grievance.objects.get(pk=g.pk)))


@router.get(
    "/grievances/{case_number}/similar",
    response=list[SimilarOut],
    summary="같은 사안의 다른 민원 (반복민원·중복민원)",
    description="같은 민원인의 같은 민원(kind=repeat, same_complainant=true)과 다른 민원인의 같은 사안"
    "(kind=duplicate, same_complainant=false)을 점수가 높은 순으로 돌려줍니다. 볼 수 있는 민원만 나오고, "
    "후보 민원인의 성명·연락처는 그 민원의 개인정보를 볼 권한이 있을 때만 나오며 접근기록에 남습니다.",
)
def similar(request, case_number: str, limit: int = 10):
    from gamsa.text.matters import MATTER_LABELS

    user = _user(request)
    g = _visible(request, case_number)
    found = similar_grievances(
        g, limit=min(max(limit, 1), 50), visible=lambda qs: perms.visible_grievances(user, qs)
    )
    out = []
    for c in found:
        other = c.grievance
        personal = perms.can_see_personal_data(user, other)
        if personal:
            log_access(
                user,
                other,
                ["성명", "연락처"],
                action=AccessLog.Action.API,
                request=request,
                reason=f"{g.case_number}의 같은 사안 후보",
            )
        out.append(
            {
                "case_number": other.case_number,
                "kind": c.kind,
                "same_complainant": c.same_complainant,
                "score": c.score,
                "same_place": c.same_place,
                "place": c.place,
                "matter": MATTER_LABELS.get(c.matter, ""),
                "title": other.title,
                "status": other.status,
                "received_at": other.received_at,
                "reasons": c.reasons,
                "complainant": {"name": other.complainant.name, "phone": other.complainant.phone}
                if personal
                else None,
            }
        )
    return out
