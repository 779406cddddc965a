"""Who may see and act on approvals. Outsiders 404, participants who may not act now 403 (core helpers).

- Only the current step's person, or the acting person (직무대리자) of that person while they are absent, acts.
- The drafter withdraws (회수), revises and resubmits, or cancels.
- Participants of the line and the readers the document's app names (`DocumentKind.can_view`) see an approval.
- The delegation rules, ranks and absences: the office head and the system administrator edit; staff read.
- A staff member registers and removes their own absence, with an acting person from their own 처리과.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gamsa.core import calendar as legal
from gamsa.core.models import Role, User
from gamsa.core.permissions import has_role, is_council_viewer, is_staff_member


def _today() -> dt.date:
    return timezone.now().astimezone(legal.SEOUL).date()


def can_use_inbox(user: User) -> bool:
    return user.is_authenticated and is_staff_member(user)


def is_participant(user: User, approval) -> bool:
    if not user.is_authenticated:
        return False
    if approval.drafter_id == user.pk:
        return True
    if approval.steps.filter(assignee=user).exists() or approval.steps.filter(acted_by=user).exists():
        return True
    return can_act(user, approval)


def can_view(user: User, approval) -> bool:
    if not user.is_authenticated:
        return False
    if is_participant(user, approval):
        return True
    from gamsa.core.approvals import kinds

    rule = kinds.get(approval.kind).can_view
    document = approval.document
    return bool(rule and document is not None and rule(user, document))


def can_act(user: User, approval) -> bool:
    """The current step's person, or their acting person today."""
    from gamsa.core.approvals.lines import absence_of
    from gamsa.core.approvals.models import OPEN_APPROVAL_STATUSES, StepState

    if not user.is_authenticated or approval.status not in OPEN_APPROVAL_STATUSES:
        return False
    step = approval.steps.filter(round=approval.round, state=StepState.CURRENT).order_by("order").first()
    if step is None:
        return False
    if step.assignee_id == user.pk:
        return True
    absence = absence_of(step.assignee_id, _today())
    return absence is not None and absence.acting_id == user.pk


def can_redraft(user: User, approval) -> bool:
    return user.is_authenticated and approval.drafter_id == user.pk


def can_read_rules(user: User) -> bool:
    return user.is_authenticated and (is_staff_member(user) or is_council_viewer(user))


def can_edit_rules(user: User) -> bool:
    return user.is_authenticated and has_role(user, Role.OFFICE_HEAD, Role.SYSADMIN)


def can_edit_absences(user: User, person: User | None = None) -> bool:
    """The office head and the administrator register anyone's absence; a staff member only their own."""
    if can_edit_rules(user):
        return True
    return person is not None and person.pk == user.pk and can_use_inbox(user)
