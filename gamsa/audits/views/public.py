"""Published audit results for everyone (법 제26조), with personal data masked."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render

from gamsa.audits.models import Engagement, EngagementStatus
from gamsa.audits.redaction import redact, redacted_finding
from gamsa.core.sorting import sort_queryset

PUBLIC_STATUSES = (EngagementStatus.PUBLISHED, EngagementStatus.CLOSED)
PUBLIC_SORTS = {
    "published": "published_on",
    "title": "title",
    "type": "type",
    "period": ("start_date", "end_date"),
    "status": "status",
}


def published():
    """Published results, the newest first (the public list and the front door)."""
    return Engagement.objects.filter(status__in=PUBLIC_STATUSES).order_by("-published_on", "-pk")


def public_list(request):
    engagements, _ = sort_queryset(request, published(), PUBLIC_SORTS, default="-published")
    return render(request, "audits/public_list.html", {"engagements": engagements[:200]})


def public_detail(request, case_number: str):
    engagement = get_object_or_404(Engagement, case_number=case_number, status__in=PUBLIC_STATUSES)
    findings = engagement.findings.select_related("unit").prefetch_related("dispositions")
    shown = [redacted_finding(x) for x in findings if x.is_public]
    hidden = [x.nondisclosure_reason for x in findings if not x.is_public]
    names = [n for x in findings for n in x.responsible_person.split(",") if n.strip()]
    return render(
        request,
        "audits/public_detail.html",
        {
            "e": engagement,
            "summary": redact(engagement.public_summary, [n.strip() for n in names]),
            "findings": shown,
            "hidden": hidden,
            "targets": engagement.targets.all(),
        },
    )
