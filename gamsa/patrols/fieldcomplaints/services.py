"""Every write on field complaints (현장민원): intake, status, site checks, quality reviews, admin mappings.

Each function runs in one transaction and writes one Event. Errors the user can fix raise `FieldComplaintError`
with a Korean message. Access is checked by the callers (views, API) with gamsa/patrols/fieldcomplaints/permissions.py.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from gamsa.core.calendar import get_calendar
from gamsa.core.models import OrgUnit, User
from gamsa.core.services import next_case_number, record_event
from gamsa.patrols.clock import complaint_due_at
from gamsa.patrols.fieldcomplaints import evaluation
from gamsa.patrols.models import (
    OPEN_COMPLAINT_STATUSES,
    ComplaintStatus,
    DeadlineBasis,
    FieldComplaint,
    FieldItem,
    QualityReview,
    SiteCheck,
    Source,
    UnitAlias,
)

# Korea, roughly (mainland, Jeju, Ulleung, Dokdo): coordinates outside are rejected.
LAT_RANGE = (Decimal("33"), Decimal("39"))
LNG_RANGE = (Decimal("124"), Decimal("132"))
SOURCE_PREFIX = {Source.OPEN311: "O311-", Source.STAFF: "FC-"}


class FieldComplaintError(ValueError):
    """A Korean message the user can act on."""


def check_coordinates(latitude, longitude) -> tuple[Decimal | None, Decimal | None]:
    """Both or neither; inside Korea. Returns them as 6-place decimals."""
    if latitude in (None, "") and longitude in (None, ""):
        return None, None
    if latitude in (None, "") or longitude in (None, ""):
        raise FieldComplaintError("위도와 경도는 함께 입력하세요.")
    try:
        lat = Decimal(str(latitude)).quantize(Decimal("0.000001"))
        lng = Decimal(str(longitude)).quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError) as exc:
        raise FieldComplaintError("위도·경도를 숫자로 입력하세요.") from exc
    if not (LAT_RANGE[0] <= lat <= LAT_RANGE[1] and LNG_RANGE[0] <= lng <= LNG_RANGE[1]):
        raise FieldComplaintError("좌표가 국내 범위(위도 33–39, 경도 124–132)를 벗어났습니다.")
    return lat, lng


@transaction.atomic
def create_complaint(
    actor: User | None,
    *,
    item: FieldItem,
    received_at: dt.datetime,
    title: str,
    body: str,
    address: str,
    latitude,
    longitude,
    unit: OrgUnit | None = None,
    source: str,
    reporter_name: str = "",
    reporter_phone: str = "",
    reporter_email: str = "",
    device_id: str = "",
    source_id: str = "",
) -> FieldComplaint:
    """Register one field complaint (Open311 post, staff entry, or a single portal case).

    `source_id` defaults to a new number of the source ("O311-2026-000001" for Open311, "FC-2026-000001" for
    staff entries); the portal's own 접수번호 must be given for 응답소 cases. The deadline comes from the item's
    own period (`complaint_due_at`); the department defaults to the item's default department.
    """
    if source not in Source.values:
        raise FieldComplaintError("알 수 없는 접수 경로입니다.")
    title = (title or "").strip()
    if not title:
        raise FieldComplaintError("제목을 입력하세요.")
    if timezone.is_naive(received_at):
        received_at = timezone.make_aware(received_at)
    lat, lng = check_coordinates(latitude, longitude)
    item = item.effective
    if not source_id:
        if source == Source.EUNGDAPSO:
            raise FieldComplaintError("응답소 민원은 접수번호가 필요합니다.")
        year = timezone.localtime(received_at).year
        source_id, _ = next_case_number(f"patrols.fieldcomplaint.{source}", year, SOURCE_PREFIX[source])
    elif FieldComplaint.objects.filter(source_id=source_id).exists():
        raise FieldComplaintError(f"이미 등록된 접수번호입니다: {source_id}")
    unit = unit or item.default_unit
    complaint = FieldComplaint.objects.create(
        source_id=source_id,
        source=source,
        received_at=received_at,
        item=item,
        title=title[:300],
        body=body or "",
        address=(address or "")[:300],
        latitude=lat,
        longitude=lng,
        unit=unit,
        unit_name=unit.name if unit else "",
        status=ComplaintStatus.RECEIVED,
        due_at=complaint_due_at(item, received_at),
        reporter_name=(reporter_name or "").strip()[:100],
        reporter_phone=(reporter_phone or "").strip()[:40],
        reporter_email=(reporter_email or "").strip(),
        device_id=(device_id or "")[:100],
    )
    # No personal data in the event: only where it came from and what it is about.
    record_event(actor, "fieldcomplaint.created", complaint, source=source, item=item.code)
    schedule_duplicate_scan([complaint.pk])
    return complaint


def schedule_duplicate_scan(ids: list[int]) -> None:
    """New complaints owe a near-duplicate scan: marked pending in the caller's transaction (so a crash after the
    commit leaves them owed to the next scan) and scanned once it commits."""
    from gamsa.patrols.duplicates import scan

    if ids:
        scan.mark_pending(ids)
        transaction.on_commit(lambda: scan.scan_pending(only=ids))


# --- processing --------------------------------------------------------------------------------------------------


@transaction.atomic
def update_status(
    actor: User | None,
    complaint: FieldComplaint,
    *,
    status: str,
    result: str = "",
    processed_at: dt.datetime | None = None,
) -> FieldComplaint:
    """The department's processing: status, result text and processed time (closing sets it to now)."""
    if status not in ComplaintStatus.values:
        raise FieldComplaintError("알 수 없는 처리상태입니다.")
    complaint = FieldComplaint.objects.select_for_update().get(pk=complaint.pk)
    before = complaint.status
    complaint.status = status
    if result:
        complaint.result = result
    if status in OPEN_COMPLAINT_STATUSES:
        complaint.processed_at = None
    else:
        complaint.processed_at = processed_at or complaint.processed_at or timezone.now()
    complaint.save(update_fields=["status", "result", "processed_at", "updated_at"])
    record_event(actor, "fieldcomplaint.status_changed", complaint, before=before, after=status)
    return complaint


@transaction.atomic
def record_site_check(
    actor: User,
    complaint: FieldComplaint,
    *,
    result: str,
    note: str = "",
    checked_at: dt.datetime | None = None,
) -> SiteCheck:
    if result not in SiteCheck.Result.values:
        raise FieldComplaintError("점검 결과를 선택하세요.")
    check = SiteCheck.objects.create(
        complaint=complaint,
        checked_at=checked_at or timezone.now(),
        checked_by=actor,
        result=result,
        note=note or "",
    )
    record_event(actor, "fieldcomplaint.site_checked", complaint, result=result)
    return check


@transaction.atomic
def record_quality_review(
    actor: User, complaint: FieldComplaint, *, score: int, has_photo: bool = False, note: str = ""
) -> QualityReview:
    if score is None or not 0 <= int(score) <= 100:
        raise FieldComplaintError("점수는 0–100 사이로 입력하세요.")
    if complaint.is_open:
        raise FieldComplaintError("처리가 끝난 민원만 품질 평가할 수 있습니다.")
    review = QualityReview.objects.create(
        complaint=complaint,
        reviewed_at=timezone.now(),
        reviewer=actor,
        score=int(score),
        has_photo=has_photo,
        note=(note or "")[:500],
    )
    record_event(actor, "fieldcomplaint.quality_reviewed", complaint, score=int(score), has_photo=has_photo)
    return review


def sample_for_review(year: int, per_unit: int = 5, seed: int | None = None) -> list[FieldComplaint]:
    """A random sample of closed complaints per department of `year` that have no review yet (read only)."""
    import random

    rng = random.Random(seed if seed is not None else year)
    by_unit: dict[int, list[int]] = {}
    rows = (
        FieldComplaint.objects.filter(
            received_at__year=year, unit__isnull=False, quality_reviews__isnull=True
        )
        .exclude(status__in=OPEN_COMPLAINT_STATUSES)
        .values_list("unit_id", "pk")
    )
    for unit_id, pk in rows:
        by_unit.setdefault(unit_id, []).append(pk)
    picked: list[int] = []
    for pks in by_unit.values():
        picked.extend(rng.sample(pks, min(per_unit, len(pks))))
    return list(FieldComplaint.objects.filter(pk__in=picked).select_related("unit", "item"))


# --- administrator mappings ----------------------------------------------------------------------------------------


def _redue(qs, item: FieldItem | None = None) -> int:
    """Recompute due_at of the given complaints (moving them to `item` if given), in batches."""
    changed = 0
    batch: list[FieldComplaint] = []
    fields = ["due_at", "item"] if item is not None else ["due_at"]
    calendar = get_calendar()
    for complaint in qs.select_related("item", "item__alias_of").iterator(chunk_size=2000):
        if item is not None:
            complaint.item = item
        due = complaint_due_at(complaint.item, complaint.received_at, calendar)
        if due != complaint.due_at or item is not None:
            complaint.due_at = due
            batch.append(complaint)
        if len(batch) >= 2000:
            FieldComplaint.objects.bulk_update(batch, fields)
            changed += len(batch)
            batch = []
    if batch:
        FieldComplaint.objects.bulk_update(batch, fields)
        changed += len(batch)
    evaluation.invalidate()  # bulk updates send no save signals
    return changed


@transaction.atomic
def confirm_item(
    actor: User, item: FieldItem, *, deadline_hours: int, deadline_basis: str = DeadlineBasis.CLOCK_HOURS
) -> FieldItem:
    """An administrator confirms a provisional item with its deadline; its complaints get the new due time."""
    if not deadline_hours or int(deadline_hours) <= 0:
        raise FieldComplaintError("처리기한(시간)을 1 이상으로 입력하세요.")
    if deadline_basis not in DeadlineBasis.values:
        raise FieldComplaintError("기한 계산 방식을 선택하세요.")
    item.deadline_hours = int(deadline_hours)
    item.deadline_basis = deadline_basis
    item.provisional = False
    item.alias_of = None
    item.save(update_fields=["deadline_hours", "deadline_basis", "provisional", "alias_of"])
    changed = _redue(item.complaints.all())
    record_event(actor, "fielditem.confirmed", item, deadline_hours=item.deadline_hours, redue=changed)
    return item


@transaction.atomic
def map_item(actor: User, item: FieldItem, *, target: FieldItem) -> int:
    """Map a provisional item onto an existing one: its complaints move there (and get that deadline)."""
    target = target.effective
    if target.pk == item.pk:
        raise FieldComplaintError("같은 항목으로는 대응할 수 없습니다.")
    if target.provisional:
        raise FieldComplaintError("확인된 항목으로만 대응할 수 있습니다.")
    ids = list(FieldComplaint.objects.filter(item=item).values_list("pk", flat=True))
    moved = _redue(FieldComplaint.objects.filter(item=item), item=target)
    schedule_duplicate_scan(ids)  # now compared with the target's complaints, in its window
    item.alias_of = target
    item.provisional = False
    item.active = False
    item.open311 = False
    item.save(update_fields=["alias_of", "provisional", "active", "open311"])
    record_event(actor, "fielditem.mapped", item, mapped_to=target.code, moved=moved)
    return moved


@transaction.atomic
def map_unit_alias(actor: User, alias: UnitAlias, *, unit: OrgUnit) -> int:
    """Map a department name as the portal writes it onto our unit; complaints with that name move there."""
    alias.unit = unit
    alias.save(update_fields=["unit"])
    moved = FieldComplaint.objects.filter(unit_name=alias.name).update(unit=unit, updated_at=timezone.now())
    evaluation.invalidate()
    record_event(actor, "fieldunitalias.mapped", alias, unit=unit.code, moved=moved)
    return moved


@transaction.atomic
def add_evaluation_rule(actor: User | None, *, min_count: int, effective_from: dt.date, note: str = ""):
    """A new version of the evaluation's minimum count, in force from `effective_from` (versions are never edited:
    the evaluation of a past year keeps the rule it was decided under)."""
    from gamsa.patrols.models import EvaluationRule

    if min_count < 0:
        raise FieldComplaintError("최소 건수는 0 이상이어야 합니다.")
    if EvaluationRule.objects.filter(effective_from=effective_from).exists():
        raise FieldComplaintError("그 시행일의 기준이 이미 있습니다. 다른 시행일로 새 기준을 등록하세요.")
    rule = EvaluationRule.objects.create(
        min_count=min_count,
        effective_from=effective_from,
        note=note[:300],
        created_by=actor if actor and actor.pk else None,
    )
    record_event(actor, "evaluation_rule.added", rule, min_count=min_count, effective_from=effective_from)
    return rule
