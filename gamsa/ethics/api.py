"""/api/v1/ethics: the roster (등록의무자) and the reviews (재산등록 심사), for the ethics desk only (others 404).
Every answer names people, so every call writes an access-log row (API 조회) with how many it returned."""

import datetime as dt
import uuid

from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from gamsa.core.api import SIGNED_IN_AUTH
from gamsa.core.enums import choices_literal
from gamsa.core.models import AccessLog
from gamsa.core.paging import BoundedPagination
from gamsa.core.services import log_access
from gamsa.ethics import permissions as perms
from gamsa.ethics.registration.models import Declarant, DeclarantStatus
from gamsa.ethics.registration.review_models import OPEN_REVIEW_STATUSES, Review, ReviewStatus

router = Router(tags=["ethics"])

DeclarantFilter = choices_literal(DeclarantStatus, extra=("current", ""))
ReviewFilter = choices_literal(ReviewStatus, extra=("open", ""))


def _user(request):
    return request.auth if hasattr(request.auth, "pk") else request.user


def _desk(request):
    user = _user(request)
    if not perms.can_use_desk(user):
        raise HttpError(404, "찾을 수 없습니다.")
    return user


class LoggedPagination(BoundedPagination):
    """Ninja's bounded limit/offset pages, with one access-log row per page naming how many people it returned."""

    target_type = ""
    fields: list[str] = []

    def paginate_queryset(self, queryset, pagination, request, **params):
        page = super().paginate_queryset(queryset, pagination, request, **params)
        items = list(page[self.items_attribute])
        log_access(
            _user(request),
            None,
            self.fields,
            action=AccessLog.Action.API,
            request=request,
            count=len(items),
            target_type=self.target_type,
            target_id="list",
        )
        return {**page, self.items_attribute: items}


class DeclarantPages(LoggedPagination):
    target_type, fields = "ethics.declarant", ["성명", "소속", "직급"]


class ReviewPages(LoggedPagination):
    target_type, fields = "ethics.review", ["성명", "소속", "직급"]


class _LazyRows:
    """A queryset whose rows become dicts only for the page the paginator slices (no whole-table conversion)."""

    def __init__(self, queryset, convert):
        self.queryset, self.convert = queryset, convert

    def count(self) -> int:
        return self.queryset.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        return [self.convert(x) for x in self.queryset[index]]


class DeclarantRow(Schema):
    public_id: uuid.UUID
    name: str
    unit: str
    grade: str
    position: str
    basis: str
    is_public: bool
    status: str
    became_on: dt.date
    trigger: str
    left_on: dt.date | None


class FilingOut(Schema):
    public_id: uuid.UUID
    kind: str
    year: int
    trigger_on: dt.date
    due_on: dt.date
    extended_due_on: dt.date | None
    filed_on: dt.date | None
    review: str | None


class DeclarantOut(DeclarantRow):
    filings: list[FilingOut]


def _declarant_row(d: Declarant) -> dict:
    return {
        "public_id": d.public_id,
        "name": d.name,
        "unit": d.unit.name,
        "grade": d.grade,
        "position": d.position,
        "basis": d.basis,
        "is_public": d.is_public,
        "status": d.status,
        "became_on": d.became_on,
        "trigger": d.trigger,
        "left_on": d.left_on,
    }


@router.get("/ethics/declarants", response=list[DeclarantRow], auth=SIGNED_IN_AUTH, summary="등록의무자 명부")
@paginate(DeclarantPages)
def declarants(request, status: DeclarantFilter = "current", **kwargs):
    _desk(request)
    rows = Declarant.objects.select_related("unit").order_by("unit__path", "name", "id")
    if status == "current":
        rows = rows.filter(status__in=[DeclarantStatus.ACTIVE, DeclarantStatus.DEFERRED])
    elif status:
        rows = rows.filter(status=status)
    return _LazyRows(rows, _declarant_row)


@router.get(
    "/ethics/declarants/{public_id}", response=DeclarantOut, auth=SIGNED_IN_AUTH, summary="등록의무자"
)
def declarant(request, public_id: uuid.UUID):
    user = _desk(request)
    found = Declarant.objects.select_related("unit").filter(public_id=public_id).first()
    if found is None:
        raise HttpError(404, "찾을 수 없습니다.")
    log_access(
        user, found, ["성명", "소속", "직급", "신고 이력"], action=AccessLog.Action.API, request=request
    )
    filings = [
        {
            "public_id": x.public_id,
            "kind": x.kind,
            "year": x.year,
            "trigger_on": x.trigger_on,
            "due_on": x.due_on,
            "extended_due_on": x.extended_due_on,
            "filed_on": x.filed_on,
            "review": getattr(getattr(x, "review", None), "case_number", None),
        }
        for x in found.filings.select_related("review").order_by("trigger_on", "id")
    ]
    return {**_declarant_row(found), "filings": filings}


class ReviewRow(Schema):
    case_number: str
    year: int
    declarant: uuid.UUID
    name: str
    unit: str
    grade: str
    filing_kind: str
    filing_year: int
    started_on: dt.date
    status: str
    conclusion: str
    answer_due_on: dt.date | None


class RequestOut(Schema):
    kind: str
    issued_on: dt.date
    received_on: dt.date
    due_on: dt.date
    answered_on: dt.date | None


class AmountOut(Schema):
    item: str
    owner: str
    registered_amount: int
    verified_amount: int | None


class PropertyReviewOut(ReviewRow):
    opinion: str
    measures: list[str]
    fine_amount: int | None
    decided_on: dt.date | None
    closed_on: dt.date | None
    requests: list[RequestOut]
    amounts: list[AmountOut]


def _review_row(r: Review) -> dict:
    d = r.declarant
    return {
        "case_number": r.case_number,
        "year": r.year,
        "declarant": d.public_id,
        "name": d.name,
        "unit": d.unit.name,
        "grade": d.grade,
        "filing_kind": r.filing.kind,
        "filing_year": r.filing.year,
        "started_on": r.started_on,
        "status": r.status,
        "conclusion": r.conclusion,
        "answer_due_on": r.answer_due_on,
    }


@router.get("/ethics/reviews", response=list[ReviewRow], auth=SIGNED_IN_AUTH, summary="재산등록 심사 목록")
@paginate(ReviewPages)
def reviews(request, status: ReviewFilter = "open", year: int | None = None, **kwargs):
    _desk(request)
    rows = Review.objects.select_related("declarant__unit", "filing")
    if status == "open":
        rows = rows.filter(status__in=OPEN_REVIEW_STATUSES)
    elif status:
        rows = rows.filter(status=status)
    if year is not None:
        if not 2000 <= year <= 2100:
            raise HttpError(400, "year는 2000~2100 사이여야 합니다.")
        rows = rows.filter(year=year)
    return _LazyRows(rows.order_by("-started_on", "-id"), _review_row)


@router.get(
    "/ethics/reviews/{case_number}", response=PropertyReviewOut, auth=SIGNED_IN_AUTH, summary="재산등록 심사"
)
def review(request, case_number: str):
    user = _desk(request)
    found = (
        Review.objects.select_related("declarant__unit", "filing")
        .filter(case_number=case_number[:20])
        .first()
    )
    if found is None:
        raise HttpError(404, "찾을 수 없습니다.")
    log_access(
        user, found, ["성명", "소속", "직급", "심사 대상 금액"], action=AccessLog.Action.API, request=request
    )
    return {
        **_review_row(found),
        "opinion": found.opinion,
        "measures": found.measures,
        "fine_amount": found.fine_amount,
        "decided_on": found.decided_on,
        "closed_on": found.closed_on,
        "requests": list(found.requests.values("kind", "issued_on", "received_on", "due_on", "answered_on")),
        "amounts": list(found.amounts.values("item", "owner", "registered_amount", "verified_amount")),
    }
