"""How grievances feed the shared notices (gamsa.core.notices): the values their templates use, the
complainant's contact, who manages a case's notices, and which open grievances are overdue."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from gamsa.complaints.grievances import permissions as perms
from gamsa.complaints.grievances import remedies
from gamsa.core.calendar import SEOUL, format_moment
from gamsa.core.notices import targets


def _grievance(target_id: str):
    from gamsa.complaints.grievances.models import Grievance

    return (
        Grievance.objects.select_related("complainant", "department", "handler")
        .filter(case_number=target_id)
        .first()
    )


def resolve(target_id: str, kind: str, extra: dict):
    g = _grievance(target_id)
    if g is None:
        return None
    person = g.complainant
    values = {
        "기관명": targets.office_name(),
        "접수번호": g.case_number,
        "제목": g.title,
        "성명": person.name,
        "접수일시": format_moment(g.received_at),
        "처리기한": format_moment(g.due_at),
        "담당부서": g.department.name if g.department_id else "감사담당관",
        "담당자": g.handler.display_name if g.handler_id else "",
        "조회주소": targets.public_url(reverse("complaints_public:status")),
    }
    if kind == "extension":
        ext = g.extensions.order_by("-number").first()
        if ext is not None:
            values["종전처리기한"] = format_moment(ext.previous_due_at)
            values["연장사유"] = f"{ext.get_reason_display()} — {ext.reason_detail}"
    elif kind == "answer":
        answer = g.answers.order_by("-answered_at", "-id").first()
        if answer is not None:
            values["처리결과"] = answer.get_outcome_display()
            values["답변내용"] = answer.text
            values["답변일시"] = format_moment(answer.answered_at)
            values["불복안내"] = remedies.notice_text(answer)
    elif kind == "overdue":
        as_of = dt.datetime.fromisoformat(extra["as_of"]) if extra.get("as_of") else dt.datetime.now(tz=SEOUL)
        late = as_of.astimezone(SEOUL).date() - g.due_at.astimezone(SEOUL).date()
        values["지난일수"] = str(max(late.days, 0))
        values["조회주소"] = targets.public_url(reverse("complaints:detail", args=[g.case_number]))
    for key, name in (
        ("agency", "이송기관"),
        ("reason", "이송사유"),
        ("text", "통지내용"),
        ("supplement", "보완내용"),
    ):
        if extra.get(key):
            values[name] = str(extra[key])
    staff = [g.handler] if g.handler_id else []
    # The status PIN of a receipt filed online: only in the filing's memory (services.intake), never read back.
    secrets = {"확인번호": str(extra["pin"])} if kind == "receipt" and extra.get("pin") else {}
    return targets.Target(
        type="complaints.grievance",
        id=g.case_number,
        obj=g,
        values=values,
        citizen=targets.Contact(phone=person.phone, email=person.email),
        staff=staff,
        secrets=secrets,
    )


def _can_view(user, target_id: str) -> bool:
    g = _grievance(target_id)
    return g is not None and perms.can_view(user, g)


def _can_manage(user, target_id: str) -> bool:
    g = _grievance(target_id)
    return g is not None and (perms.can_manage(user) or perms.can_answer(user, g))


def overdue(now: dt.datetime):
    """Open grievances past their deadline: their handler, else the department's liaisons."""
    from gamsa.complaints.grievances.models import OPEN_STATUSES, PAUSED_STATUSES, Grievance
    from gamsa.core.models import Membership, Role

    open_now = [s for s in OPEN_STATUSES if s not in PAUSED_STATUSES]
    qs = Grievance.objects.filter(status__in=open_now, due_at__lt=now).select_related("handler")
    for g in qs.order_by("due_at").iterator(chunk_size=500):
        if g.handler_id:
            yield g, [g.handler]
        elif g.department_id:
            people = [
                m.user
                for m in Membership.objects.filter(
                    unit_id=g.department_id, role=Role.DEPT_LIAISON, ended_on__isnull=True
                ).select_related("user")
            ]
            if people:
                yield g, people


targets.register("complaints.grievance", resolve, can_view=_can_view, can_manage=_can_manage)
targets.register_overdue(overdue)
