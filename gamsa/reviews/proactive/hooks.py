"""How 적극행정 plugs into core: navigation, the '내 업무' desk (the quarterly 면책 report while it is due), demo data,
verb labels."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from gamsa.core import demo, nav, verbs, work
from gamsa.reviews.proactive import permissions as perms

nav.register("audit", "적극행정", "reviews:proactive", perms.can_see_proactive, order=44)

verbs.register(
    {
        "proactive_round.opened": "적극행정 우수공무원 선정 시작",
        "proactive_round.member_added": "선정위원 추가",
        "proactive.nominated": "적극행정 우수공무원 추천",
        "proactive.scored": "선정위원 점수 입력",
        "proactive_round.decided": "적극행정 우수공무원 선정",
        "consulting.requested": "사전컨설팅 요청",
        "consulting.advised": "사전컨설팅 의견 회신",
        "consulting.declined": "사전컨설팅 반려",
        "exemption.filed": "면책 신청",
        "exemption.decided": "면책 결정",
        "exemption.quarterly_reported": "분기 면책 결정 보고",
    }
)


def proactive_work(user, now: dt.datetime):
    """The audit team: last quarter's 면책 report to the Board of Audit while it is not yet recorded."""
    if not perms.can_manage_selection(user):
        return []
    from gamsa.core.calendar import SEOUL
    from gamsa.reviews.proactive.models import QuarterlyExemptionReport
    from gamsa.reviews.proactive.services import previous_quarter, report_due

    year, quarter = previous_quarter(now.astimezone(SEOUL).date())
    if QuarterlyExemptionReport.objects.filter(year=year, quarter=quarter).exists():
        return []
    return [
        work.WorkItem(
            title=f"{year}년 {quarter}분기 적극행정 면책 결정 감사원 보고",
            url=reverse("reviews:quarterly_report") + f"?year={year}&quarter={quarter}",
            kind_label="면책 분기 보고",
            due_at=report_due(year, quarter),
            status_label="미보고 (시행령 제13조의4)",
            assigned_to_me=True,
            reference=f"{year}-Q{quarter}",
        )
    ]


work.register_provider(proactive_work)


def _demo():
    from gamsa.reviews.proactive.demo import load_demo_proactive

    load_demo_proactive()


demo.DEMO_HOOKS.append(_demo)
