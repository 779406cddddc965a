"""Reviews API (/api/v1/reviews/...): pre-execution and contract reviews (list, create, detail) and the
threshold check."""

import datetime as dt

from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from gamsa.core.api import SIGNED_IN_AUTH, Error, fetched
from gamsa.core.calendar import now as calendar_now
from gamsa.core.enums import choices_literal
from gamsa.core.models import OrgUnit
from gamsa.core.paging import BoundedPagination
from gamsa.core.permissions import acting_user
from gamsa.reviews import permissions as perms
from gamsa.reviews import selectors
from gamsa.reviews.models import (
    CATEGORIES_FOR,
    Category,
    ReviewKind,
)
from gamsa.reviews.models import Status as ReviewStatus
from gamsa.reviews.services import requests as svc
from gamsa.reviews.services.thresholds import ThresholdError, decide

router = Router(tags=["reviews"], auth=SIGNED_IN_AUTH)


# Choice fields as enums in the schema (responses and filters), from the model choices.
ReviewStatusValue = choices_literal(ReviewStatus)
CategoryValue = choices_literal(Category)


class ReviewOut(Schema):
    case_number: str
    title: str
    unit: str
    category: CategoryValue
    category_label: str
    status: ReviewStatusValue
    status_label: str
    required: bool
    decision_reason: str
    filed_at: dt.datetime
    due_at: dt.datetime
    completed_at: dt.datetime | None
    reviewer: str | None = None

    @staticmethod
    def resolve_unit(obj):
        return obj.unit.name

    @staticmethod
    def resolve_category_label(obj):
        return obj.get_category_display()

    @staticmethod
    def resolve_status_label(obj):
        return obj.get_status_display()

    @staticmethod
    def resolve_reviewer(obj):
        return obj.reviewer.display_name if obj.reviewer_id else None


class PreOut(ReviewOut):
    field: str
    estimated_price: int | None
    estimated_amount: int | None
    opinion: str
    opinion_text: str


class ContractOut(ReviewOut):
    review_kind: str
    designed_amount: int
    reviewed_amount: int | None
    savings: int | None


class PreIn(Schema):
    unit: str | None = None  # unit code; defaults to the filer's only unit
    title: str
    field: str
    category: str
    estimated_price: int | None = None
    estimated_amount: int | None = None
    description: str = ""


class ContractIn(Schema):
    unit: str | None = None
    review_kind: str = ReviewKind.CONTRACT
    title: str
    category: str
    designed_amount: int
    description: str = ""


class LedgerFilter(Schema):
    year: int | None = None
    status: ReviewStatusValue | None = None
    category: CategoryValue | None = None
    required: str | None = None
    q: str | None = None


def _filing_unit(user, code: str | None) -> OrgUnit:
    units = perms.filing_units(user)
    if not units:
        raise HttpError(403, "부서 담당자·부서장만 요청할 수 있습니다.")
    qs = OrgUnit.objects.filter(pk__in=units)
    if code:
        qs = qs.filter(code=code)
    unit = qs.first()
    if unit is None or (not code and len(units) > 1):
        raise HttpError(400, "요청부서(unit) 코드를 정확히 보내세요.")
    return unit


def _list(request, base, filters):
    user = acting_user(request)
    if not perms.can_see_reviews(user):
        raise HttpError(404, "찾을 수 없습니다.")
    rows = selectors.filter_ledger(base, filters.dict(exclude_none=True))
    return perms.visible(user, rows).order_by("-filed_at", "-id")


def _detail(request, kind, case_number):
    return fetched(perms.review_for, request, kind, case_number)


@router.get("/reviews/pre-execution", response=list[PreOut])
@paginate(BoundedPagination)
def list_pre(request, filters: Query[LedgerFilter]):
    return _list(request, selectors.pre_ledger(), filters)


@router.post("/reviews/pre-execution", response={201: PreOut, 400: Error, 403: Error})
def create_pre(request, payload: PreIn):
    user = acting_user(request)
    unit = _filing_unit(user, payload.unit)
    if payload.field not in {"major_project", "contract", "safety", "spending"}:
        return Status(400, {"detail": "분야(field) 값이 올바르지 않습니다."})
    try:
        review = svc.file_pre_execution(user, unit, **payload.dict(exclude={"unit"}))
    except (svc.ReviewError, ValueError) as exc:
        return Status(400, {"detail": str(exc)})
    return Status(201, review)


@router.get("/reviews/pre-execution/{case_number}", response=PreOut)
def get_pre(request, case_number: str):
    return _detail(request, "pre", case_number)


@router.get("/reviews/contracts", response=list[ContractOut])
@paginate(BoundedPagination)
def list_contracts(request, filters: Query[LedgerFilter]):
    return _list(request, selectors.contract_ledger(), filters)


@router.post("/reviews/contracts", response={201: ContractOut, 400: Error, 403: Error})
def create_contract(request, payload: ContractIn):
    user = acting_user(request)
    unit = _filing_unit(user, payload.unit)
    try:
        review = svc.file_contract_review(user, unit, **payload.dict(exclude={"unit"}))
    except (svc.ReviewError, ValueError) as exc:
        return Status(400, {"detail": str(exc)})
    return Status(201, review)


@router.get("/reviews/contracts/{case_number}", response=ContractOut)
def get_contract(request, case_number: str):
    return _detail(request, "contract", case_number)


@router.get("/reviews/thresholds/check", response={200: dict, 400: Error})
def check_threshold(
    request,
    kind: CategoryValue,
    amount: int,
    date: dt.date | None = None,
    review: choices_literal(ReviewKind) = ReviewKind.PRE_EXECUTION.value,
):
    """Whether a request of category `kind` and `amount` (won, in the rule's basis) must be reviewed on `date`.
    `review` is pre_execution (default), contract or completion."""
    if not perms.can_see_thresholds(acting_user(request)):
        raise HttpError(404, "찾을 수 없습니다.")
    if review not in ReviewKind.values or kind not in CATEGORIES_FOR[ReviewKind(review)]:
        return Status(400, {"detail": "심사 종류(review)나 유형(kind) 값이 올바르지 않습니다."})
    on = date or calendar_now().date()
    try:
        decision = decide(review, kind, on=on, estimated_price=amount, estimated_amount=amount)
    except ThresholdError as exc:
        return Status(400, {"detail": str(exc)})
    return Status(200, {"review": review, "kind": kind, "date": on.isoformat(), **decision.as_dict()})
