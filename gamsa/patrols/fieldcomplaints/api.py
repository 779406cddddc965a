"""Field-complaint API: list with filters, detail, board counts (/api/v1/fieldcomplaints)."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from gamsa.core import paging
from gamsa.core.api import SIGNED_IN_AUTH, Error, fetched
from gamsa.core.enums import choices_literal
from gamsa.core.permissions import acting_user
from gamsa.core.services import log_access
from gamsa.patrols.fieldcomplaints import permissions as perms
from gamsa.patrols.fieldcomplaints import selectors
from gamsa.patrols.models import ComplaintStatus, Source

router = Router(tags=["fieldcomplaints"], auth=SIGNED_IN_AUTH)


# Choice fields as enums in the schema (responses and filters), from the model choices.
SourceValue = choices_literal(Source)
ComplaintStatusValue = choices_literal(ComplaintStatus)


class FieldComplaintOut(Schema):
    source_id: str
    public_id: str
    source: SourceValue
    received_at: dt.datetime
    category: str
    item: str
    item_code: str
    title: str
    address: str
    latitude: Decimal | None
    longitude: Decimal | None
    department: str | None
    unit_name: str
    status: ComplaintStatusValue
    status_label: str
    due_at: dt.datetime
    processed_at: dt.datetime | None
    overdue: bool

    @staticmethod
    def resolve_public_id(obj):
        return str(obj.public_id)

    @staticmethod
    def resolve_category(obj):
        return obj.item.category.name

    @staticmethod
    def resolve_item(obj):
        return obj.item.name

    @staticmethod
    def resolve_item_code(obj):
        return obj.item.code

    @staticmethod
    def resolve_department(obj):
        return obj.unit.name if obj.unit_id else None

    @staticmethod
    def resolve_status_label(obj):
        return obj.get_status_display()

    @staticmethod
    def resolve_overdue(obj):
        return obj.is_open and obj.due_at < timezone.now()


class ReporterOut(Schema):
    name: str
    phone: str
    email: str


class FieldComplaintDetailOut(FieldComplaintOut):
    body: str
    result: str
    site_checks: int
    reporter: ReporterOut | None = None

    @staticmethod
    def resolve_site_checks(obj):
        return obj.site_checks.count()


class FieldFilters(Schema):
    state: choices_literal(selectors.STATE_FILTERS) | None = None
    status: ComplaintStatusValue | None = None
    unit: int | None = None
    item: int | None = None
    category: int | None = None
    source: SourceValue | None = None
    q: str | None = None
    received_from: dt.date | None = None
    received_to: dt.date | None = None


class CappedPagination(paging.CappedPagination):
    cap = selectors.CappedPaginator.cap


@router.get("/fieldcomplaints", response=list[FieldComplaintOut], url_name="fieldcomplaints")
@paginate(CappedPagination)
def list_complaints(request, filters: Query[FieldFilters]):
    """Field complaints the caller may see, newest first. `state`: open, due_soon, overdue, closed."""
    user = acting_user(request)
    if not perms.can_see_field_complaints(user):
        raise HttpError(404, "찾을 수 없습니다.")
    return selectors.complaint_list(user, filters.model_dump(exclude_none=True))


@router.get("/fieldcomplaints/board", response={200: dict, 404: Error}, url_name="fieldcomplaints_board")
def board_counts(request, soon_hours: int = selectors.DUE_SOON_HOURS):
    """Open, due-soon and overdue counts per department and 동 (the monitoring board)."""
    user = acting_user(request)
    if not perms.can_see_field_complaints(user):
        return Status(404, {"detail": "찾을 수 없습니다."})
    return Status(200, selectors.board(user, soon_hours=max(1, min(soon_hours, 72))).as_dict())


@router.get(
    "/fieldcomplaints/{source_id}",
    response={200: FieldComplaintDetailOut, 404: Error},
    url_name="fieldcomplaint",
)
def complaint_detail(request, source_id: str):
    """One complaint. The reporter's contact only for those who need it (patrol team, the answering department);
    each such read is access-logged."""
    user = acting_user(request)
    complaint = fetched(perms.complaint_for, request, source_id)
    complaint.reporter = None
    if perms.can_view_reporter(user, complaint) and (complaint.reporter_name or complaint.reporter_phone):
        complaint.reporter = {
            "name": complaint.reporter_name,
            "phone": complaint.reporter_phone,
            "email": complaint.reporter_email,
        }
        log_access(
            user,
            complaint,
            ["reporter_name", "reporter_phone", "reporter_email"],
            request=request,
            reason="API 현장민원 상세",
        )
    return Status(200, complaint)
