"""Reads the pages share: the inbox lists (결재함) and the desk panels."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from gamsa.core import calendar as legal
from gamsa.core.approvals import kinds
from gamsa.core.approvals.lines import absent_for
from gamsa.core.approvals.models import (
    DRAFTER_STATUSES,
    OPEN_APPROVAL_STATUSES,
    Approval,
    ApprovalStatus,
    Step,
    StepState,
)


def _today() -> dt.date:
    return timezone.now().astimezone(legal.SEOUL).date()


def _base() -> QuerySet:
    return Approval.objects.select_related("drafter", "unit")


def waiting_for(user) -> QuerySet:
    """결재할 문서: the current step is mine, or that of someone I act for today (대결)."""
    people = [user.pk, *absent_for(user, _today())]
    ids = Step.objects.filter(
        assignee_id__in=people, state=StepState.CURRENT, approval__status__in=OPEN_APPROVAL_STATUSES
    ).values("approval_id")
    return _base().filter(pk__in=ids).order_by("submitted_at", "id")


def returned_to(user) -> QuerySet:
    """반려된 문서 (and those I withdrew): back on my desk to revise and resubmit or cancel."""
    return _base().filter(drafter=user, status__in=DRAFTER_STATUSES).order_by("-updated_at", "-id")


def post_review_for(user) -> QuerySet:
    """후결: what my acting person signed while I was away, not yet acknowledged."""
    return (
        Step.objects.filter(assignee=user, post_review_needed=True, post_reviewed_at__isnull=True)
        .select_related("approval", "acted_by")
        .order_by("acted_at", "id")
    )


def drafted_by(user) -> QuerySet:
    return _base().filter(drafter=user).order_by("-submitted_at", "-id")


def signed_by(user) -> QuerySet:
    """결재한 문서: steps I (or my acting person for me) took."""
    ids = Step.objects.filter(Q(acted_by=user) | Q(assignee=user)).exclude(role="draft").exclude(action="")
    return _base().filter(pk__in=ids.values("approval_id")).order_by("-updated_at", "-id")


def history(approval: Approval) -> list[Step]:
    return list(approval.steps.select_related("assignee", "acted_by", "unit").order_by("round", "order"))


def status_label(approval: Approval) -> str:
    label = approval.get_status_display()
    if approval.status == ApprovalStatus.APPROVED and approval.number:
        label += f" ({approval.number})"
    return label


def kind_label(approval: Approval) -> str:
    return kinds.label(approval.kind)
