"""Who may see and do what in the ethics app (공직윤리: 재산등록·고지거부·취업제한·공직자윤리위원회).

- the ethics officer (`ethics_officer`, 조사팀) and the investigation team leader: everything, reads and writes;
- the office head (감사담당관): reads everything, writes nothing (403);
- a committee member (`ethics_committee`, read-only): only the agenda items of the meetings they are convened to,
  and nothing else of the app (404);
- everyone else, the system administrator included: 404 (declarants' filings are personal data).
"""

from __future__ import annotations

from django.db.models import QuerySet

from gamsa.core import permissions as perms
from gamsa.core.models import Role, User

TEAM = "investigation"


def is_officer(user: User) -> bool:
    return perms.has_role(user, Role.ETHICS_OFFICER)


def is_investigation_lead(user: User) -> bool:
    return any(role == Role.TEAM_LEADER and team == TEAM for role, _, team in perms.memberships_of(user))


def is_office_head(user: User) -> bool:
    return perms.has_role(user, Role.OFFICE_HEAD)


def is_committee_member(user: User) -> bool:
    return perms.has_role(user, Role.ETHICS_COMMITTEE)


def can_manage(user: User) -> bool:
    """Writes: the roster, filings, reviews, 고지거부, 취업제한, members, meetings, decisions."""
    return is_officer(user) or is_investigation_lead(user)


def can_use_desk(user: User) -> bool:
    """Every page of the app (the committee's own item pages aside)."""
    return can_manage(user) or is_office_head(user)


def can_read_items(user: User) -> bool:
    """The list of agenda items: the desk sees every item, a member the items put to them."""
    return can_use_desk(user) or is_committee_member(user)


def member_ids(user: User) -> list[int]:
    from gamsa.ethics.committee.models import Member

    if not user.is_authenticated or not is_committee_member(user):
        return []
    cached = getattr(user, "_gamsa_ethics_members", None)
    if cached is None:
        cached = list(
            Member.objects.filter(user_id=user.pk, ended_on__isnull=True).values_list("pk", flat=True)
        )
        user._gamsa_ethics_members = cached
    return cached


def visible_items(user: User, queryset: QuerySet) -> QuerySet:
    if can_use_desk(user):
        return queryset
    ids = member_ids(user)
    if not ids:
        return queryset.none()
    return queryset.filter(meeting__members__in=ids).distinct()


def can_open_item(user: User, item) -> bool:
    if can_use_desk(user):
        return True
    ids = member_ids(user)
    return bool(ids) and item.meeting.members.filter(pk__in=ids).exists()


def can_download_document(user: User, attachment) -> bool:
    """A review's documents follow the review: the desk only (committee members read the item, not the file)."""
    return can_use_desk(user)
