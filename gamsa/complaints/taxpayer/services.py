"""납세자보호관 (지방세기본법 제77조, 영 제51조의2): 권리보호요청, 지방세 고충민원 and 세무상담.

Processing periods come from the district's 조례, stored as core DeadlineRules (`taxpayer_protection`,
`taxpayer_grievance`); consultations have no legal clock. Closing records the measures taken.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from gamsa.complaints.grievances.services import GrievanceError, find_or_create_complainant
from gamsa.complaints.taxpayer import permissions as perms
from gamsa.complaints.taxpayer.models import TaxpayerCase
from gamsa.core import calendar as legal
from gamsa.core.models import User
from gamsa.core.services import next_case_number, record_event
from gamsa.core.validators import reject_rrn

Kind = TaxpayerCase.Kind
DEADLINE_KIND = {Kind.PROTECTION: "taxpayer_protection", Kind.GRIEVANCE: "taxpayer_grievance"}


class TaxpayerError(ValueError):
    """A refused action; the message is Korean and safe to show."""


def _clean(text: str, label: str, *, required: bool = True) -> str:
    text = (text or "").strip()
    if required and not text:
        raise TaxpayerError(f"{label}을(를) 입력하세요.")
    try:
        reject_rrn(text)
    except ValidationError as exc:
        raise TaxpayerError(exc.messages[0]) from None
    return text


@transaction.atomic
def receive_case(
    actor: User,
    *,
    kind: str,
    taxpayer: dict,
    summary: str,
    tax_item: str = "",
    received_at: dt.datetime | None = None,
) -> TaxpayerCase:
    if not perms.can_manage(actor):
        raise TaxpayerError("납세자보호관 사건을 접수할 권한이 없습니다.")
    if kind not in Kind.values:
        raise TaxpayerError("구분을 선택하세요.")
    summary = _clean(summary, "요청 내용")
    tax_item = _clean(tax_item, "세목", required=False)
    try:
        person = find_or_create_complainant(
            **{k: taxpayer.get(k, "") for k in ("name", "phone", "email", "address")}
        )
    except GrievanceError as exc:
        raise TaxpayerError(str(exc).replace("민원인", "납세자")) from None
    received_at = received_at or timezone.now()
    due_at, basis = None, "세무상담은 처리기간이 없습니다."
    if kind in DEADLINE_KIND:
        try:
            deadline = legal.deadline_for(DEADLINE_KIND[kind], received_at)
        except legal.CalendarError as exc:
            raise TaxpayerError(str(exc)) from None
        due_at, basis = deadline.due_at, deadline.basis
    number, _ = next_case_number("taxpayer", timezone.localtime(received_at).year, prefix="TX-")
    case = TaxpayerCase.objects.create(
        case_number=number,
        kind=kind,
        taxpayer=person,
        tax_item=tax_item,
        summary=summary,
        received_at=received_at,
        due_at=due_at,
        handled_by=actor,
    )
    record_event(
        actor,
        "taxpayer.received",
        case,
        kind=kind,
        tax_item=tax_item,
        due_at=due_at,
        basis=basis,
        taxpayer=person,
    )
    return case


@transaction.atomic
def close_case(
    actor: User, case: TaxpayerCase, *, measure: str, closed_at: dt.datetime | None = None
) -> TaxpayerCase:
    if not perms.can_manage(actor):
        raise TaxpayerError("납세자보호관 사건을 처리할 권한이 없습니다.")
    case = TaxpayerCase.objects.select_for_update().get(pk=case.pk)
    if case.status != TaxpayerCase.Status.OPEN:
        raise TaxpayerError("이미 처리를 완료한 사건입니다.")
    measure = _clean(measure, "조치 내용")
    closed_at = closed_at or timezone.now()
    if closed_at < case.received_at:
        raise TaxpayerError("처리 완료일은 접수일시보다 앞설 수 없습니다.")
    case.status = TaxpayerCase.Status.DONE
    case.measure = measure
    case.closed_at = closed_at
    case.save(update_fields=["status", "measure", "closed_at"])
    record_event(
        actor,
        "taxpayer.closed",
        case,
        closed_at=closed_at,
        late=bool(case.due_at and closed_at > case.due_at),
    )
    return case


def yearly_counts(year: int) -> dict[str, int]:
    """Cases received in `year` by kind (the office's yearly figures, e.g. 세무상담 5건)."""
    rows = TaxpayerCase.objects.filter(received_at__year=year).values("kind").annotate(n=Count("id"))
    counts = {kind: 0 for kind in Kind.values}
    counts.update({row["kind"]: row["n"] for row in rows})
    return counts
