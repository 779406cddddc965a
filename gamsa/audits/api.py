"""Self-audit API (/api/v1/audits/...): plans, engagements, findings, dispositions and follow-up reports."""

import datetime as dt
import uuid

from django.http import HttpRequest, QueryDict
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from gamsa.audits import forms as f
from gamsa.audits import permissions as perms
from gamsa.audits.models import (
    AuditPlan,
    Disposition,
    DispositionKind,
    DispositionStatus,
    Engagement,
    EngagementStatus,
    EngagementType,
    Finding,
)
from gamsa.audits.services import AuditError
from gamsa.audits.services import findings as fsvc
from gamsa.audits.services import plans as svc
from gamsa.core.api import SIGNED_IN_AUTH, Error
from gamsa.core.enums import choices_literal
from gamsa.core.paging import BoundedPagination

router = Router(tags=["audits"], auth=SIGNED_IN_AUTH)


def _user(request: HttpRequest):
    return request.auth if hasattr(request.auth, "pk") else request.user


def _form_error(form) -> str:
    return "; ".join(f"{k}: {v[0]}" for k, v in form.errors.items())


# Choice fields as enums in the schema (responses and filters), from the model choices.
EngagementTypeValue = choices_literal(EngagementType)
EngagementStatusValue = choices_literal(EngagementStatus)
DispositionKindValue = choices_literal(DispositionKind)
DispositionStatusValue = choices_literal(DispositionStatus)


class PlanOut(Schema):
    year: int
    title: str
    policy: str
    adopted_on: dt.date | None
    engagements: int

    @staticmethod
    def resolve_engagements(obj):
        return obj.engagements.count()


class PlanIn(Schema):
    year: int = Field(ge=1990, le=2100, description="1990년부터 내년까지")
    title: str = Field(min_length=1, max_length=200)
    policy: str = ""
    adopted_on: dt.date | None = None


class EngagementOut(Schema):
    case_number: str
    plan_year: int | None
    title: str
    type: EngagementTypeValue
    type_label: str
    theme: str
    status: EngagementStatusValue
    status_label: str
    targets: list[str]
    start_date: dt.date
    end_date: dt.date
    headcount: int
    notified_on: dt.date | None
    result_due_at: dt.datetime | None
    result_notified_at: dt.datetime | None

    @staticmethod
    def resolve_plan_year(obj):
        return obj.plan.year if obj.plan_id else None

    @staticmethod
    def resolve_type_label(obj):
        return obj.get_type_display()

    @staticmethod
    def resolve_status_label(obj):
        return obj.get_status_display()

    @staticmethod
    def resolve_targets(obj):
        return [t.name for t in obj.targets.all()]


class EngagementIn(Schema):
    plan_year: int | None = None
    title: str
    type: str
    theme: str = ""
    purpose: str
    targets: list[str]  # unit codes
    scope: str
    start_date: dt.date
    end_date: dt.date
    headcount: int = 1
    out_of_plan_reason: str = ""


class DispositionOut(Schema):
    public_id: uuid.UUID
    finding_id: uuid.UUID
    engagement: str
    kind: DispositionKindValue
    kind_label: str
    target_unit: str
    demand: str
    amount_recover: int
    amount_reduce: int
    amount_recovered: int
    status: DispositionStatusValue
    notified_at: dt.datetime | None
    due_at: dt.datetime | None
    deadline_kind: str
    overdue: bool
    reminder_count: int

    @staticmethod
    def resolve_finding_id(obj):
        return obj.finding.public_id

    @staticmethod
    def resolve_engagement(obj):
        return obj.finding.engagement.case_number

    @staticmethod
    def resolve_kind_label(obj):
        return obj.get_kind_display()

    @staticmethod
    def resolve_target_unit(obj):
        return obj.target_unit.name

    @staticmethod
    def resolve_overdue(obj):
        return obj.is_open and obj.due_at is not None and obj.due_at < timezone.now()


class AuditFindingOut(Schema):
    public_id: uuid.UUID
    engagement: str
    seq: int
    title: str
    condition: str
    unit: str
    is_public: bool
    dispositions: list[DispositionOut]

    @staticmethod
    def resolve_engagement(obj):
        return obj.engagement.case_number

    @staticmethod
    def resolve_unit(obj):
        return obj.unit.name

    @staticmethod
    def resolve_dispositions(obj, context):
        return list(perms.visible_dispositions(context["request"].user, obj.dispositions.all()))


class AuditFindingIn(Schema):
    title: str
    condition: str
    unit: str  # unit code
    responsible_person: str = ""
    criteria: str = ""
    kind: str
    target_unit: str  # unit code
    demand: str
    amount_recover: int = 0
    amount_reduce: int = 0
    is_public: bool = True
    nondisclosure_reason: str = ""


class FollowUpOut(Schema):
    public_id: uuid.UUID
    text: str
    is_plan: bool
    recovered_amount: int
    submitted_at: dt.datetime
    verdict: str


class FollowUpIn(Schema):
    text: str
    is_plan: bool = False
    recovered_amount: int = 0


class ReexaminationOut(Schema):
    public_id: uuid.UUID
    filed_at: dt.datetime
    filing_due_at: dt.datetime
    decision_due_at: dt.datetime
    filed_late: bool
    grounds: str
    outcome: str


class ReexaminationIn(Schema):
    grounds: str


def _unit_pk(code: str) -> int | None:
    unit = f.target_units().filter(code=code).first()
    return unit.pk if unit else None


# --- plans -------------------------------------------------------------------------------------------------------


@router.get("/audits/plans", response=list[PlanOut], summary="연간 감사계획 목록")
def list_plans(request):
    if not perms.can_read_office(_user(request)):
        raise HttpError(404, "찾을 수 없습니다.")
    return AuditPlan.objects.prefetch_related("engagements")


@router.get("/audits/plans/{year}", response={200: PlanOut, 404: Error}, summary="연간 감사계획")
def get_plan(request, year: int):
    if not perms.can_read_office(_user(request)):
        raise HttpError(404, "찾을 수 없습니다.")
    return get_object_or_404(AuditPlan, year=year)


@router.post("/audits/plans", response={201: PlanOut, 400: Error, 403: Error}, summary="연간 감사계획 수립")
def create_plan(request, payload: PlanIn):
    user = _user(request)
    if not perms.can_manage(user):
        return Status(403, {"detail": "감사팀만 감사계획을 세울 수 있습니다."})
    try:
        plan = svc.create_plan(user, **payload.dict())
    except AuditError as exc:
        return Status(400, {"detail": str(exc)})
    return Status(201, plan)


# --- engagements -------------------------------------------------------------------------------------------------


# List filters as enums in the schema, from the model choices.
EngagementTypeFilter = EngagementTypeValue
EngagementStatusFilter = EngagementStatusValue
DispositionStatusFilter = DispositionStatusValue


@router.get("/audits/engagements", response=list[EngagementOut], summary="감사 목록")
@paginate(BoundedPagination)
def list_engagements(
    request,
    year: int | None = None,
    type: EngagementTypeFilter | None = None,
    status: EngagementStatusFilter | None = None,
):
    qs = perms.visible_engagements(_user(request), Engagement.objects.all())
    if year:
        qs = qs.filter(start_date__year=year)
    if type:
        qs = qs.filter(type=type)
    if status:
        qs = qs.filter(status=status)
    return qs.select_related("plan").prefetch_related("targets").order_by("-start_date", "case_number")


def _engagement(request, case_number: str) -> Engagement:
    qs = perms.visible_engagements(_user(request), Engagement.objects.filter(case_number=case_number))
    engagement = qs.first()
    if engagement is None:
        raise HttpError(404, "찾을 수 없습니다.")
    return engagement


@router.get("/audits/engagements/{case_number}", response={200: EngagementOut, 404: Error}, summary="감사")
def get_engagement(request, case_number: str):
    return _engagement(request, case_number)


@router.post(
    "/audits/engagements", response={201: EngagementOut, 400: Error, 403: Error}, summary="감사 계획"
)
def create_engagement(request, payload: EngagementIn):
    user = _user(request)
    if not perms.can_manage(user):
        return Status(403, {"detail": "감사팀만 감사를 계획할 수 있습니다."})
    data = payload.dict()
    plan = AuditPlan.objects.filter(year=data.pop("plan_year") or 0).first()
    codes = data.pop("targets")
    query = QueryDict(mutable=True)
    for key, value in data.items():
        query[key] = "" if value is None else str(value)
    query.setlist("targets", [str(_unit_pk(c) or "") for c in codes])
    form = f.EngagementForm(query)
    if not form.is_valid():
        return Status(400, {"detail": _form_error(form)})
    cleaned = dict(form.cleaned_data)
    targets = list(cleaned.pop("targets"))
    try:
        engagement = svc.create_engagement(user, plan=plan, targets=targets, **cleaned)
    except AuditError as exc:
        return Status(400, {"detail": str(exc)})
    return Status(201, engagement)


# --- findings and dispositions --------------------------------------------------------------------------------


@router.get("/audits/findings", response=list[AuditFindingOut], summary="지적사항 목록")
@paginate(BoundedPagination)
def list_findings(request, engagement: str | None = None):
    qs = perms.visible_findings(_user(request), Finding.objects.all())
    if engagement:
        qs = qs.filter(engagement__case_number=engagement)
    return (
        qs.select_related("engagement", "unit").prefetch_related("dispositions__target_unit").order_by("pk")
    )


@router.get("/audits/findings/{public_id}", response={200: AuditFindingOut, 404: Error}, summary="지적사항")
def get_finding(request, public_id: uuid.UUID):
    qs = perms.visible_findings(_user(request), Finding.objects.filter(public_id=public_id))
    finding = qs.first()
    if finding is None:
        raise HttpError(404, "찾을 수 없습니다.")
    return finding


@router.post(
    "/audits/engagements/{case_number}/findings",
    response={201: AuditFindingOut, 400: Error, 403: Error, 404: Error},
    summary="지적사항·처분요구 기록",
)
def create_finding(request, case_number: str, payload: AuditFindingIn):
    user = _user(request)
    engagement = _engagement(request, case_number)
    if not perms.can_manage(user):
        return Status(403, {"detail": "감사팀만 지적사항을 기록할 수 있습니다."})
    data = payload.dict()
    data["unit"], data["target_unit"] = _unit_pk(data["unit"]), _unit_pk(data["target_unit"])
    form = f.FindingForm(data)
    if not form.is_valid():
        return Status(400, {"detail": _form_error(form)})
    cleaned = dict(form.cleaned_data)
    disposition = {
        k: cleaned.pop(k) for k in ("kind", "target_unit", "demand", "amount_recover", "amount_reduce")
    }
    try:
        finding = fsvc.record_finding(user, engagement, disposition=disposition, **cleaned)
    except AuditError as exc:
        return Status(400, {"detail": str(exc)})
    return Status(201, finding)


@router.get("/audits/dispositions", response=list[DispositionOut], summary="처분요구 목록")
@paginate(BoundedPagination)
def list_dispositions(request, overdue: bool = False, status: DispositionStatusFilter | None = None):
    qs = perms.visible_dispositions(_user(request), Disposition.objects.all())
    if overdue:
        qs = qs.filter(status__in=("open", "returned"), due_at__lt=timezone.now())
    if status:
        qs = qs.filter(status=status)
    return qs.select_related("finding__engagement", "target_unit").order_by("due_at", "pk")


def _disposition(request, public_id) -> Disposition:
    qs = perms.visible_dispositions(_user(request), Disposition.objects.filter(public_id=public_id))
    d = qs.select_related("finding__engagement", "target_unit").first()
    if d is None:
        raise HttpError(404, "찾을 수 없습니다.")
    return d


@router.get(
    "/audits/dispositions/{public_id}", response={200: DispositionOut, 404: Error}, summary="처분요구"
)
def get_disposition(request, public_id: uuid.UUID):
    return _disposition(request, public_id)


@router.get(
    "/audits/dispositions/{public_id}/followups",
    response={200: list[FollowUpOut], 404: Error},
    summary="이행결과",
)
def list_followups(request, public_id: uuid.UUID):
    return list(_disposition(request, public_id).reports.all())


@router.post(
    "/audits/dispositions/{public_id}/followups",
    response={201: FollowUpOut, 400: Error, 403: Error, 404: Error},
    summary="이행결과 제출 (부서)",
)
def create_followup(request, public_id: uuid.UUID, payload: FollowUpIn):
    user = _user(request)
    d = _disposition(request, public_id)
    if not perms.can_report_followup(user, d):
        return Status(403, {"detail": "처분 대상 부서만 이행 중인 처분요구의 이행결과를 낼 수 있습니다."})
    try:
        report = fsvc.report_followup(user, d, **payload.dict())
    except AuditError as exc:
        return Status(400, {"detail": str(exc)})
    return Status(201, report)


@router.post(
    "/audits/dispositions/{public_id}/reexaminations",
    response={201: ReexaminationOut, 400: Error, 403: Error, 404: Error},
    summary="재심의 청구 (공공감사에 관한 법률 제25조; 변상명령은 제외)",
)
def file_reexamination(request, public_id: uuid.UUID, payload: ReexaminationIn):
    user = _user(request)
    d = _disposition(request, public_id)
    if not perms.can_file_reexamination(user, d):
        return Status(403, {"detail": "처분 대상 부서나 감사팀만 재심의를 청구할 수 있습니다."})
    refusal = fsvc.reexamination_refusal(d)
    if refusal:
        return Status(400, {"detail": refusal})
    form = f.ReexaminationForm(payload.dict(), disposition=d)
    if not form.is_valid():
        return Status(400, {"detail": _form_error(form)})
    try:
        item = fsvc.file_reexamination(user, d, **form.cleaned_data)
    except AuditError as exc:
        return Status(400, {"detail": str(exc)})
    return Status(201, item)


class YearlyOut(Schema):
    year: int
    engagements: dict[str, int]
    dispositions: dict[str, int]
    amount_recover: int
    amount_recovered: int


@router.get("/audits/stats/yearly", response=list[YearlyOut], summary="연도별 감사·처분 건수 (의회 보고용)")
def yearly_stats(request):
    from gamsa.audits.exporting import yearly_counts

    if not perms.can_read_office(_user(request)):
        raise HttpError(404, "찾을 수 없습니다.")
    return yearly_counts()
