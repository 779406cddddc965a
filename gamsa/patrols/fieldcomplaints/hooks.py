"""How field complaints plug into core: navigation, the '내 업무' desk, verb labels, demo data, the import."""

from __future__ import annotations

import datetime as dt

from django.db.models.signals import post_delete, post_save
from django.urls import reverse

from gamsa.core import demo, imports, nav, office, verbs, work
from gamsa.patrols.fieldcomplaints import permissions as perms
from gamsa.patrols.fieldcomplaints.pipeline import FieldComplaintImport
from gamsa.patrols.roles import department_unit_ids

FIELD_IMPORT = imports.register(FieldComplaintImport())

nav.register("patrol", "현장민원 현황판", "patrols:field_board", perms.can_see_field_complaints, order=10)
nav.register("patrol", "현장민원 목록", "patrols:field_list", perms.can_see_field_complaints, order=12)
nav.register("patrol", "응답소 가져오기", "patrols:field_import", perms.can_import_field_complaints, order=14)
nav.register("patrol", "항목·부서명 대응", "patrols:field_mappings", perms.can_map_names, order=16)
nav.register("patrol", "부서 평가", "patrols:field_evaluation", perms.can_see_evaluation, order=18)

verbs.register(
    {
        "fieldcomplaint.created": "현장민원 등록",
        "fieldcomplaint.imported": "응답소 현장민원 가져오기",
        "fieldcomplaint.status_changed": "현장민원 처리상태 변경",
        "fieldcomplaint.site_checked": "현장점검 기록",
        "fieldcomplaint.quality_reviewed": "처리 품질 평가",
        "fielditem.confirmed": "세부항목 확인(처리기한 지정)",
        "fielditem.mapped": "세부항목 대응",
        "fieldunitalias.mapped": "처리부서명 대응",
    }
)


def field_work(user, now):
    """Departments: their overdue and due-soon field complaints (at most 30)."""
    from gamsa.patrols.fieldcomplaints.selectors import DUE_SOON_HOURS
    from gamsa.patrols.models import OPEN_COMPLAINT_STATUSES, FieldComplaint

    units = department_unit_ids(user)
    if not units:
        return []
    import datetime as dt

    qs = FieldComplaint.objects.filter(
        unit_id__in=units,
        status__in=OPEN_COMPLAINT_STATUSES,
        due_at__lt=now + dt.timedelta(hours=DUE_SOON_HOURS),
    ).order_by("due_at")[:30]
    return [
        work.WorkItem(
            title=c.title,
            url=reverse("patrols:field_detail", args=[c.source_id]),
            kind_label="현장민원",
            due_at=c.due_at,
            status_label="기한 경과" if c.due_at < now else "기한 임박",
            assigned_to_me=True,
            reference=c.source_id,
        )
        for c in qs
    ]


work.register_provider(field_work)


def _demo():
    from gamsa.patrols.fieldcomplaints.demo import load_demo_field_complaints

    load_demo_field_complaints()


demo.DEMO_HOOKS.append(_demo)


def _invalidate_evaluation(sender, **kwargs):
    from gamsa.patrols.fieldcomplaints.evaluation import invalidate

    invalidate()


# Any saved or deleted field complaint drops the stored evaluation figures (bulk paths call invalidate() themselves).
post_save.connect(_invalidate_evaluation, sender="patrols.FieldComplaint", dispatch_uid="patrols.eval.save")
post_delete.connect(
    _invalidate_evaluation, sender="patrols.FieldComplaint", dispatch_uid="patrols.eval.delete"
)


def office_lines(now):
    """The head's glance at field complaints (현장민원): one aggregate query (core/office.py)."""
    from django.db.models import Count, F, Q

    from gamsa.patrols.models import OPEN_COMPLAINT_STATUSES, FieldComplaint

    open_q = Q(status__in=OPEN_COMPLAINT_STATUSES)
    month = office.month_start(now)
    done = Q(processed_at__gte=office.year_start(now))
    soon = open_q & Q(due_at__gte=now, due_at__lt=now + dt.timedelta(days=office.DUE_SOON_DAYS))
    n = FieldComplaint.objects.aggregate(
        open=Count("pk", filter=open_q),
        overdue=Count("pk", filter=open_q & Q(due_at__lt=now)),
        intake=Count("pk", filter=Q(received_at__gte=month)),
        done=Count("pk", filter=done),
        on_time=Count("pk", filter=done & Q(processed_at__lte=F("due_at"))),
        soon=Count("pk", filter=soon),
    )
    url = reverse("patrols:field_list")
    yield office.Line(
        team="patrol",
        label="현장민원",
        open=office.Figure(n["open"], f"{url}?state=open"),
        overdue=office.Figure(n["overdue"], f"{url}?state=overdue", alert=True),
        intake=office.Figure(n["intake"], f"{url}?received_from={month.date().isoformat()}"),
        on_time=office.Figure(
            office.rate(n["on_time"], n["done"]), reverse("patrols:field_evaluation"), suffix="%"
        ),
        due_soon=office.Figure(n["soon"], f"{url}?state=due_week&sort=due"),
    )


office.register(office_lines)
