"""How the reviews app plugs into core: navigation, the '내 업무' desk, demo data, verb labels (적극행정's in
gamsa/reviews/proactive/hooks.py), and the shipped reference data."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from gamsa.core import demo, nav, seeds, verbs, work
from gamsa.reviews import permissions as perms


def _department_only(user) -> bool:
    return perms.can_file(user) and not perms.is_audit_team(user)


nav.register("audit", "일상감사 처리대장", "reviews:pre_list", perms.can_see_reviews, order=40)
nav.register("audit", "계약심사 처리대장", "reviews:contract_list", perms.can_see_reviews, order=41)
nav.register("audit", "계약심사 절감액", "reviews:savings", perms.can_see_reviews, order=42)
nav.register("audit", "심사 대상 기준", "reviews:thresholds", perms.can_see_thresholds, order=43)
# Departments: one entry to file requests (their section of the menu is the audit office's services).
nav.register("audit", "감사 요청 (일상감사·계약심사)", "reviews:index", _department_only, order=5)

verbs.register(
    {
        "pre_review.filed": "일상감사 요청",
        "pre_review.assigned": "일상감사 담당 배정",
        "pre_review.opinion": "일상감사 의견 통보",
        "contract_review.filed": "계약심사 요청",
        "contract_review.assigned": "계약심사 담당 배정",
        "contract_review.reviewed": "계약심사 결과 기록",
        "review_threshold.versioned": "심사 대상 기준 변경",
    }
)


def review_work(user, now: dt.datetime):
    """Open requests for the audit team: mine or unassigned."""
    if not perms.is_audit_team(user):
        return []
    from django.db.models import Q

    from gamsa.reviews.models import OPEN_STATUSES, ContractReview, PreExecutionReview

    items = []
    mine = Q(reviewer=user) | Q(reviewer__isnull=True)
    for model, url_name, label in (
        (PreExecutionReview, "reviews:pre_detail", "일상감사"),
        (ContractReview, "reviews:contract_detail", "계약심사"),
    ):
        for r in model.objects.filter(mine, status__in=OPEN_STATUSES).order_by("due_at")[:30]:
            items.append(
                work.WorkItem(
                    title=r.title,
                    url=reverse(url_name, args=[r.case_number]),
                    kind_label=label,
                    due_at=r.due_at,
                    status_label=r.get_status_display() + ("" if r.reviewer_id else " · 미배정"),
                    assigned_to_me=r.reviewer_id == user.pk,
                    reference=r.case_number,
                )
            )
    return items


work.register_provider(review_work)


def _demo():
    from gamsa.reviews.demo import load_demo_reviews

    load_demo_reviews()


demo.DEMO_HOOKS.append(_demo)


# Shipped reference data comes back after a database flush (see gamsa/core/seeds.py).
seeds.register_reference_seed(
    "audit_reviews.ThresholdRule",
    seeds.migration_function("gamsa.reviews.migrations.0002_seed_yongsan_thresholds", "seed"),
)
seeds.register_reference_seed(
    "audit_reviews.AnswerPeriod",
    seeds.migration_function("gamsa.reviews.migrations.0004_answer_period", "seed_periods"),
)
