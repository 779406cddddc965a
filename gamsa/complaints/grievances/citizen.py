"""What the complainant's pages read (/minwon/): the steps of their case with dates, whom to call, and "내 민원".

Nothing here shows a member of staff's own phone: the number given is the office phone of the handler's unit, else
of the handling department, else the complaint team's (core's organisation data, never `User.phone`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse

from gamsa.complaints.grievances import permissions as perms
from gamsa.complaints.grievances.models import OPEN_STATUSES, Grievance
from gamsa.complaints.grievances.status_lookup import office_phone
from gamsa.core.models import Event

# The events a complainant sees as steps of their case, in the words of 국민신문고's 처리 상황.
STEP_LABELS = {
    "grievance.received": "접수",
    "grievance.assigned": "부서 배정",
    "grievance.reassigned": "부서 재배정",
    "grievance.transferred": "이송",
    "grievance.processing": "처리 중",
    "grievance.supplement_requested": "보완 요청",
    "grievance.site_survey_started": "현장조사",
    "grievance.resumed": "처리 재개",
    "grievance.extended": "처리기간 연장",
    "grievance.answered": "답변",
    "grievance.rejected": "반려",
    "grievance.closed": "종결",
}


@dataclass(frozen=True)
class Step:
    label: str
    at: dt.datetime
    note: str = ""


def steps(grievance: Grievance) -> list[Step]:
    events = Event.objects.filter(
        target_type="complaints.grievance", target_id=grievance.case_number, verb__in=STEP_LABELS
    ).order_by("at", "id")
    found = []
    for e in events:
        note = ""
        if e.verb == "grievance.extended" and e.details.get("number"):
            note = f"{e.details['number']}차"
        elif e.verb == "grievance.transferred" and e.details.get("agency"):
            note = str(e.details["agency"])
        found.append(Step(STEP_LABELS[e.verb], e.at, note))
    if (
        not found or found[0].label != "접수"
    ):  # cases imported before the event log: the receipt is on the row
        found.insert(0, Step("접수", grievance.received_at))
    return found


@dataclass(frozen=True)
class Contact:
    department: str
    handler: str
    phone: str


def contact(grievance: Grievance) -> Contact:
    """Who handles the case and the office phone to call about it."""
    unit = grievance.department
    handler = grievance.handler
    phone = ""
    if handler is not None and handler.unit_id and handler.unit.phone:
        phone = handler.unit.phone
    elif unit is not None and unit.phone:
        phone = unit.phone
    else:
        phone = office_phone()
    department = unit.name if unit is not None else "감사담당관 민원관리팀 (처리부서 지정 전)"
    return Contact(department=department, handler=handler.display_name if handler else "", phone=phone)


# --- 내 민원 ----------------------------------------------------------------------------------------------------------

MINE_LIMIT = 200  # per kind: a person's own filings; more than this is an office, not a citizen


@dataclass(frozen=True)
class MyCase:
    kind: str
    case_number: str
    title: str
    status: str
    received_at: dt.datetime
    due_at: dt.datetime | None
    is_open: bool
    url: str


def my_cases(user) -> list[MyCase]:
    from gamsa.complaints.petitions.models import Petition

    people = perms.own_complainants(user)
    rows = [
        MyCase(
            "고충민원",
            g.case_number,
            g.title,
            g.get_status_display(),
            g.received_at,
            g.due_at,
            g.status in OPEN_STATUSES,
            reverse("complaints_public:status"),
        )
        for g in Grievance.objects.filter(complainant__in=people).order_by("-received_at")[:MINE_LIMIT]
    ]
    closed = {
        Petition.Status.DECIDED,
        Petition.Status.NOT_PROCESSED,
        Petition.Status.CLOSED_REPEAT,
        Petition.Status.WITHDRAWN,
    }
    rows += [
        MyCase(
            "청원",
            p.case_number,
            p.title,
            p.get_status_display(),
            p.received_at,
            p.due_at,
            p.status not in closed,
            "",
        )
        for p in Petition.objects.filter(petitioner__in=people).order_by("-received_at")[:MINE_LIMIT]
    ]
    return rows
