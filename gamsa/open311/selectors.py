"""Reads of the Open311 server: services, service definitions, and service requests (field complaints plus the
guardian reports filed through Open311). Never returns reporters' personal data."""

from __future__ import annotations

import datetime as dt
import functools
import heapq
import itertools
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Case, DateTimeField, Exists, F, Max, OuterRef, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from gamsa.core.logfilters import mask
from gamsa.open311.formats import Open311Error, w3c
from gamsa.open311.models import LIST_DATATYPES, ServiceAttribute
from gamsa.open311.services import open311_items, parse_iso, service_notice
from gamsa.patrols.clock import finding_due_moment
from gamsa.patrols.models import (
    CLOSED_COMPLAINT_STATUSES,
    OPEN_COMPLAINT_STATUSES,
    OPEN_FINDING_STATUSES,
    ComplaintStatus,
    FieldComplaint,
    FieldItem,
    Finding,
    FindingStatus,
)

DEFAULT_JURISDICTION = "ydp.seoul.kr"
DEFAULT_WINDOW_DAYS = 90
MAX_RESULTS = 1000
SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"


def jurisdiction() -> str:
    """GAMSA_OPEN311_JURISDICTION if set, else the district's (Agency) jurisdiction id, else the default."""
    configured = getattr(settings, "GAMSA_OPEN311_JURISDICTION", "")
    if configured:
        return configured
    from gamsa.core.models import Agency

    agency = Agency.objects.order_by("pk").values_list("open311_jurisdiction_id", flat=True).first()
    return agency or DEFAULT_JURISDICTION


def check_jurisdiction(value: str | None) -> None:
    """An empty jurisdiction_id is the same as none (single-jurisdiction endpoint); a different one is 404."""
    value = (value or "").strip()
    if value and value != jurisdiction():
        raise Open311Error(404, [(404, f"없는 jurisdiction_id입니다: {value} (jurisdiction not found)")])


# --- personal data in free text --------------------------------------------------------------------------------------


def mask_personal(text: str) -> str:
    """Free text as the public may see it: resident numbers, phone numbers and e-mail addresses masked."""
    return mask(text, "***")[:4000]


# --- services -----------------------------------------------------------------------------------------------------


def service_list() -> list[dict]:
    items = (
        open311_items()
        .select_related("category")
        .annotate(has_attributes=Exists(ServiceAttribute.objects.filter(item=OuterRef("pk"))))
        .order_by("category__sort_order", "sort_order", "name")
    )
    return [
        {
            "service_code": item.code,
            "service_name": item.name,
            "description": item.description or service_notice(item),
            "metadata": item.has_attributes,
            "type": "realtime",
            "keywords": item.keywords,
            "group": item.category.name,
        }
        for item in items
    ]


def get_item(code: str) -> FieldItem:
    item = open311_items().filter(code=code).first()
    if item is None:
        raise Open311Error(404, [(404, f"없는 서비스 코드입니다: {code} (service_code not found)")])
    return item


def service_definition(item: FieldItem) -> dict:
    attributes = []
    for attribute in item.open311_attributes.order_by("order"):
        row = {
            "variable": attribute.variable,
            "code": attribute.code,
            "datatype": attribute.datatype,
            "required": attribute.required,
            "datatype_description": attribute.datatype_description,
            "order": attribute.order,
            "description": attribute.description,
        }
        if attribute.datatype in LIST_DATATYPES:
            row["values"] = [{"key": str(v.get("key")), "name": v.get("name", "")} for v in attribute.values]
        attributes.append(row)
    return {"service_code": item.code, "attributes": attributes}


def changeset() -> dt.datetime:
    """When the service definitions last changed (clients re-cache when it moves)."""
    latest = ServiceAttribute.objects.aggregate(m=Max("updated_at"))["m"]
    return latest or dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


# --- service requests ---------------------------------------------------------------------------------------------

COMPLAINT_FIELDS = (
    "source_id",
    "status",
    "title",
    "body",
    "item__code",
    "item__name",
    "item__deadline_hours",
    "item__deadline_basis",
    "unit__name",
    "unit_name",
    "received_at",
    "updated",
    "due_at",
    "address",
    "latitude",
    "longitude",
    "source",
)
FINDING_FIELDS = (
    "case_number",
    "status",
    "title",
    "description",
    "item__code",
    "item__name",
    "item__deadline_hours",
    "item__deadline_basis",
    "unit__name",
    "reported_at",
    "closed_at",
    "updated_at",
    "due_date",
    "address",
    "latitude",
    "longitude",
)
CLOSED_FINDING_STATUSES = [s for s in FindingStatus.values if s not in OPEN_FINDING_STATUSES]
COMPLAINT_LABELS = dict(ComplaintStatus.choices)
FINDING_LABELS = dict(FindingStatus.choices)


@dataclass
class RequestQuery:
    ids: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    page: int = 1
    page_size: int = MAX_RESULTS
    extensions: bool = False


def _comma(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def parse_query(params) -> RequestQuery:
    """The GET parameters, checked. Every problem is one 400 error; empty parameters are absent ones."""
    problems: list[str] = []
    query = RequestQuery(
        ids=_comma(params.get("service_request_id")),
        codes=_comma(params.get("service_code")),
        statuses=[s.lower() for s in _comma(params.get("status"))],
        extensions=(params.get("extensions") or "").strip().lower() == "true",
    )
    bad = [s for s in query.statuses if s not in ("open", "closed")]
    if bad:
        problems.append(f"status는 open 또는 closed입니다: {', '.join(bad)}")
    for name in ("start_date", "end_date"):
        raw = (params.get(name) or "").strip()
        if raw:
            moment = parse_iso(raw)
            if moment is None:
                problems.append(f"{name}은 W3C 날짜 형식(예: 2026-11-26T00:00:00+09:00)으로 보내세요.")
            setattr(query, "start" if name == "start_date" else "end", moment)
    for name, limit in (("page", 10**6), ("page_size", MAX_RESULTS)):
        raw = (params.get(name) or "").strip()
        if raw:
            if not raw.isdigit() or not 1 <= int(raw) <= limit:
                problems.append(f"{name}은 1부터 {limit:,}까지의 정수입니다.")
            else:
                setattr(query, name, int(raw))
    if not query.ids and not problems:
        window = dt.timedelta(days=DEFAULT_WINDOW_DAYS)
        if query.start and query.end:
            if query.end < query.start:
                problems.append("end_date가 start_date보다 앞섭니다.")
            elif query.end - query.start > window:
                problems.append(f"start_date와 end_date 사이는 {DEFAULT_WINDOW_DAYS}일을 넘을 수 없습니다.")
        elif query.start:
            query.end = query.start + window
        elif query.end:
            query.start = query.end - window
        else:
            query.end = timezone.now()
            query.start = query.end - window
    if problems:
        raise Open311Error(400, [(400, p) for p in problems])
    return query


# The close time for closed complaints, else the last change: one column, computed by the database.
COMPLAINT_UPDATED = Case(
    When(status__in=OPEN_COMPLAINT_STATUSES, then=F("updated_at")),
    default=Coalesce(F("processed_at"), F("updated_at")),
    output_field=DateTimeField(),
)


def complaint_rows(qs):
    return qs.annotate(updated=COMPLAINT_UPDATED).values(*COMPLAINT_FIELDS)


def _complaints(query: RequestQuery):
    qs = FieldComplaint.objects.all()
    if query.ids:
        return qs.filter(source_id__in=query.ids)
    if query.codes:
        qs = qs.filter(item__code__in=query.codes)
    if query.statuses == ["open"]:
        qs = qs.filter(status__in=OPEN_COMPLAINT_STATUSES)
    elif query.statuses == ["closed"]:
        qs = qs.filter(status__in=CLOSED_COMPLAINT_STATUSES)
    return qs.filter(received_at__gte=query.start, received_at__lte=query.end)


def _findings(query: RequestQuery):
    # Only guardian reports filed through Open311, once the patrol team has looked at them.
    qs = Finding.objects.filter(source=Finding.Source.OPEN311).exclude(status=FindingStatus.REPORTED)
    if query.ids:
        return qs.filter(case_number__in=query.ids)
    if query.codes:
        qs = qs.filter(item__code__in=query.codes)
    if query.statuses == ["open"]:
        qs = qs.filter(status__in=OPEN_FINDING_STATUSES)
    elif query.statuses == ["closed"]:
        qs = qs.filter(status__in=CLOSED_FINDING_STATUSES)
    return qs.filter(reported_at__gte=query.start, reported_at__lte=query.end)


@functools.lru_cache(maxsize=256)
def _notice_for(hours: int, basis: str) -> str:
    return service_notice(FieldItem(deadline_hours=hours, deadline_basis=basis))


def _notice(row: dict) -> str | None:
    if row["item__code"] is None:
        return None
    return _notice_for(row["item__deadline_hours"], row["item__deadline_basis"])


def _float(value) -> float | None:
    return None if value is None else float(value)


def _complaint_row(row: dict, extensions: bool) -> dict:
    closed = row["status"] not in OPEN_COMPLAINT_STATUSES
    label = COMPLAINT_LABELS.get(row["status"], row["status"])
    out = {
        "service_request_id": row["source_id"],
        "status": "closed" if closed else "open",
        "status_notes": label,
        "service_name": row["item__name"],
        "service_code": row["item__code"],
        "description": mask_personal(row["body"] or row["title"]),
        "agency_responsible": row["unit__name"] or row["unit_name"] or None,
        "service_notice": _notice(row),
        "requested_datetime": w3c(row["received_at"]),
        "updated_datetime": w3c(row["updated"]),
        "expected_datetime": w3c(row["due_at"]),
    }
    return _with_place(out, row, label, extensions, row["source"])


def _with_place(out: dict, row: dict, label: str, extensions: bool, channel: str) -> dict:
    """The place fields every request ends with, then (when asked) the extension attributes."""
    out.update(
        address=row["address"] or None,
        address_id=None,
        zipcode=None,
        lat=_float(row["latitude"]),
        long=_float(row["longitude"]),
        media_url=None,
    )
    if extensions:
        out["extended_attributes"] = {
            "title": mask_personal(row["title"]),
            "status_ko": label,
            "detailed_status": row["status"],
            "channel": channel,
        }
    return out


def _finding_row(row: dict, extensions: bool) -> dict:
    closed = row["status"] not in OPEN_FINDING_STATUSES
    label = FINDING_LABELS.get(row["status"], row["status"])
    out = {
        "service_request_id": row["case_number"],
        "status": "closed" if closed else "open",
        "status_notes": label,
        "service_name": row["item__name"],
        "service_code": row["item__code"],
        "description": mask_personal(row["description"] or row["title"]),
        "agency_responsible": row["unit__name"],
        "service_notice": None,  # a finding's deadline is its due date, not the item's period
        "requested_datetime": w3c(row["reported_at"]),
        "updated_datetime": w3c((row["closed_at"] or row["updated_at"]) if closed else row["updated_at"]),
        "expected_datetime": w3c(finding_due_moment(row["due_date"])) if row["due_date"] else None,
    }
    return _with_place(out, row, label, extensions, "guardian")


def find_requests(query: RequestQuery) -> list[dict]:
    """Newest first, at most one page (default: the last 90 days, first 1,000)."""
    stop = query.page * query.page_size
    complaints = complaint_rows(_complaints(query).order_by("-received_at", "-pk"))[:stop]
    findings = _findings(query).order_by("-reported_at", "-pk").values(*FINDING_FIELDS)[:stop]
    rows = heapq.merge(
        ((r["received_at"], True, r) for r in complaints),
        ((r["reported_at"], False, r) for r in findings),
        key=lambda entry: entry[0],
        reverse=True,
    )
    page = itertools.islice(rows, (query.page - 1) * query.page_size, stop)
    return [
        _complaint_row(r, query.extensions) if is_complaint else _finding_row(r, query.extensions)
        for _, is_complaint, r in page
    ]


def get_request(request_id: str, extensions: bool = False) -> dict:
    row = complaint_rows(FieldComplaint.objects.filter(source_id=request_id)).first()
    if row is not None:
        return _complaint_row(row, extensions)
    row = (
        Finding.objects.filter(source=Finding.Source.OPEN311, case_number=request_id)
        .exclude(status=FindingStatus.REPORTED)
        .values(*FINDING_FIELDS)
        .first()
    )
    if row is None:
        raise Open311Error(404, [(404, f"없는 민원 번호입니다: {request_id} (service request not found)")])
    return _finding_row(row, extensions)


def token_lookup(token: str) -> dict:
    finding = (
        Finding.objects.filter(open311_token=token).exclude(open311_token="").only("case_number", "status")
    )
    finding = finding.first()
    if finding is None:
        raise Open311Error(404, [(404, "없는 토큰입니다. (token not found)")])
    ready = finding.status != FindingStatus.REPORTED
    return {"service_request_id": finding.case_number if ready else None, "token": token}
