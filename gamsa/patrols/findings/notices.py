"""How patrol findings feed the shared notices (gamsa.core.notices): a finding routed to a department tells its
liaisons; overdue findings remind them daily."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from gamsa.core.calendar import SEOUL
from gamsa.core.notices import targets
from gamsa.patrols.findings import permissions as perms


def _finding(target_id: str):
    from gamsa.patrols.models import Finding

    return Finding.objects.select_related("unit").filter(case_number=target_id).first()


def liaisons(unit_id: int | None) -> list:
    """The department's liaisons (its head when it has none): who acts on a finding."""
    from gamsa.core.models import Membership, Role

    if unit_id is None:
        return []
    rows = Membership.objects.filter(unit_id=unit_id, ended_on__isnull=True).select_related("user")
    people = [m.user for m in rows if m.role == Role.DEPT_LIAISON]
    return people or [m.user for m in rows if m.role == Role.DEPT_HEAD]


def _date(day: dt.date | None) -> str:
    return f"{day.year}. {day.month}. {day.day}." if day else "-"


def resolve(target_id: str, kind: str, extra: dict):
    f = _finding(target_id)
    if f is None:
        return None
    values = {
        "기관명": targets.office_name(),
        "접수번호": f.case_number,
        "제목": f.title,
        "장소": f.address or "-",
        "요청조치": f.requested_action or "-",
        "조치기한": _date(f.due_date),
        "처리기한": _date(f.due_date),
        "처리부서": f.unit.name if f.unit_id else "-",
        "조회주소": targets.public_url(reverse("patrols:finding_detail", args=[f.case_number])),
    }
    if kind == "overdue" and f.due_date:
        values["지난일수"] = str(max((dt.datetime.now(tz=SEOUL).date() - f.due_date).days, 0))
    return targets.Target(
        type="patrols.finding",
        id=f.case_number,
        obj=f,
        values=values,
        citizen=None,
        staff=liaisons(f.unit_id),
    )


def _can_view(user, target_id: str) -> bool:
    f = _finding(target_id)
    return f is not None and perms.can_view_finding(user, f)


def _can_manage(user, target_id: str) -> bool:
    return perms.can_record_findings(user) and _finding(target_id) is not None


def overdue(now: dt.datetime):
    from gamsa.patrols.models import Finding, FindingStatus

    today = now.astimezone(SEOUL).date()
    qs = Finding.objects.filter(
        status__in=[FindingStatus.ROUTED, FindingStatus.RETURNED], due_date__lt=today, unit__isnull=False
    )
    for f in qs.order_by("due_date").iterator(chunk_size=500):
        people = liaisons(f.unit_id)
        if people:
            yield f, people


targets.register("patrols.finding", resolve, can_view=_can_view, can_manage=_can_manage)
targets.register_overdue(overdue)
