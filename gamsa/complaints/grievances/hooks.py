"""How the grievance desk plugs into core: navigation, the '내 업무' desk, attachment access, notices, the demo."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from gamsa.complaints.grievances import notice_targets  # noqa: F401  (grievances in the shared notices)
from gamsa.complaints.grievances import permissions as perms
from gamsa.complaints.roles import is_complaint_team
from gamsa.core import demo, nav, office, seeds, verbs, work
from gamsa.core import permissions as core_perms
from gamsa.core.permissions import department_ids

nav.register("complaints", "고충민원 목록", "complaints:list", perms.can_see_desk, order=10)
nav.register("complaints", "기한 지남 현황", "complaints:overdue", perms.can_see_desk, order=20)
nav.register("complaints", "민원 접수", "complaints:create", perms.can_manage, order=30)
nav.register("complaints", "처리실태 점검", "complaints_inspection:inspection", perms.can_inspect, order=36)
nav.register("home", "내 민원", "complaints_public:mine", perms.offers_own_cases, order=5)


def grievance_work(user, now):
    from gamsa.complaints.grievances.models import OPEN_STATUSES, Grievance

    if not perms.can_see_desk(user):
        return []
    qs = perms.visible_grievances(user, Grievance.objects.filter(status__in=OPEN_STATUSES))
    if is_complaint_team(user):
        qs = qs.filter(handler=user) | qs.filter(due_at__lt=now) | qs.filter(status="received")
    elif not department_ids(user):
        return []
    from gamsa.complaints.grievances.services import progress_notice_due
    from gamsa.core.calendar import get_calendar

    calendar = get_calendar()
    items = []
    new_ids = set(perms.new_assignments(user, qs).values_list("pk", flat=True)[:50])
    rows = {g.pk: g for g in qs.order_by("due_at")[:50]}
    missing = new_ids - rows.keys()  # new ones beyond the 50 nearest deadlines are listed all the same
    if missing:
        rows.update({g.pk: g for g in Grievance.objects.filter(pk__in=missing)})
    for g in sorted(rows.values(), key=lambda g: g.due_at):
        notice = progress_notice_due(g, now, calendar)
        items.append(
            work.WorkItem(
                title=g.title,
                url=reverse("complaints:detail", args=[g.case_number]),
                kind_label="고충민원",
                due_at=g.due_at,
                status_label=g.get_status_display() + (" · 중간 통지 필요(영 제23조)" if notice else ""),
                assigned_to_me=g.handler_id == user.pk or g.status == "received",
                reference=g.case_number,
                new=g.pk in new_ids,
                acknowledge_url=reverse("complaints:act", args=[g.case_number, "acknowledge"])
                if g.pk in new_ids
                else "",
            )
        )
    return items


work.register_provider(grievance_work)


def new_grievances(user) -> int:
    """The menu's count: grievances newly assigned to the user or their department and not yet opened there."""
    from gamsa.complaints.grievances.models import Grievance

    if not perms.can_see_desk(user):
        return 0
    return perms.new_assignments(user, Grievance.objects.all()).count()


work.register_new_counter(new_grievances)


def office_lines(now):
    """The head's glance at grievances: one aggregate query (core/office.py)."""
    from django.db.models import Count, F, Q

    from gamsa.complaints.grievances.models import OPEN_STATUSES, Grievance

    open_q = Q(status__in=OPEN_STATUSES)
    answered = Q(answered_at__gte=office.year_start(now))
    n = Grievance.objects.aggregate(
        open=Count("pk", filter=open_q),
        overdue=Count("pk", filter=open_q & Q(due_at__lt=now)),
        intake=Count("pk", filter=Q(received_at__gte=office.month_start(now))),
        done=Count("pk", filter=answered),
        on_time=Count("pk", filter=answered & Q(answered_at__lte=F("due_at"))),
        soon=Count(
            "pk", filter=open_q & Q(due_at__gte=now, due_at__lt=now + dt.timedelta(days=office.DUE_SOON_DAYS))
        ),
    )
    url = reverse("complaints:list")
    yield office.Line(
        team="complaints",
        label="고충민원",
        open=office.Figure(n["open"], f"{url}?status=open"),
        overdue=office.Figure(n["overdue"], f"{url}?due=overdue", alert=True),
        intake=office.Figure(n["intake"], f"{url}?received=month"),
        on_time=office.Figure(
            office.rate(n["on_time"], n["done"]), reverse("complaints:overdue"), suffix="%"
        ),
        due_soon=office.Figure(n["soon"], f"{url}?due=next7&sort=due"),
    )


office.register(office_lines)
verbs.register({"grievance.assignment_acknowledged": "새 배정 확인"})


def _attachment_rule(user, attachment):
    from gamsa.complaints.grievances.models import Grievance

    grievance = Grievance.objects.filter(case_number=attachment.owner_id).first()
    # The complainant's photo or document is personal data: those who may see the complainant's name and phone.
    return grievance is not None and perms.can_see_personal_data(user, grievance)


core_perms.register_attachment_rule("complaints.grievance", _attachment_rule)


def _demo():
    from gamsa.complaints.grievances.demo import load_demo_grievances
    from gamsa.complaints.grievances.satisfaction import load_demo_surveys

    load_demo_grievances()
    load_demo_surveys()


demo.DEMO_HOOKS.append(_demo)


# Shipped reference data comes back after a database flush (see gamsa/core/seeds.py).
seeds.register_reference_seed(
    "complaints.Category",
    seeds.migration_function("gamsa.complaints.migrations.0002_search_index_and_categories", "categories"),
)
