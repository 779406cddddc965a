"""Who may do what with patrol rounds, findings, guardians, duplicates and the map.

Built on the app's shared rules in gamsa/patrols/permissions.py (who is on the patrol team, which units a
department answers for, who sees everything):
- the patrol team (순찰팀 officers, its leader, the office head) runs rounds, records, routes, verifies, closes or
  returns findings, decides duplicates, and manages guardians and their training;
- office leadership and council viewers read everything (403 on writes);
- a department's liaison and head see the findings routed to their units (not the unrouted guardian reports),
  answer them, and see their own records on the map;
- a local guardian (role volunteer with an active Guardian profile) reports and sees their own reports only.
Outsiders get 404 (core.permissions.deny_outsider).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from gamsa.core.models import Role, User
from gamsa.core.permissions import has_role
from gamsa.patrols.permissions import (
    department_unit_ids,
    is_patrol_team,
    sees_all,
    visible_complaints,
)

__all__ = ["is_patrol_team", "visible_complaints"]


def department_ids(user: User) -> list[int]:
    return sorted(department_unit_ids(user))


def is_reader(user: User) -> bool:
    """Sees every round and finding (the patrol team, office leadership, council viewers)."""
    return sees_all(user)


def guardian_of(user: User):
    """The user's active Guardian profile, or None."""
    if not user.is_authenticated or not has_role(user, Role.VOLUNTEER):
        return None
    cached = getattr(user, "_gamsa_guardian", False)
    if cached is False:
        from gamsa.patrols.models import Guardian

        cached = Guardian.objects.filter(user=user, ended_on__isnull=True).first()
        user._gamsa_guardian = cached
    return cached


def is_guardian(user: User) -> bool:
    return guardian_of(user) is not None


# --- rounds -----------------------------------------------------------------------------------------------------


def can_see_rounds(user: User) -> bool:
    return sees_all(user)


def can_manage_rounds(user: User) -> bool:
    return is_patrol_team(user)


# --- findings ---------------------------------------------------------------------------------------------------


def can_see_findings(user: User) -> bool:
    return sees_all(user) or bool(department_unit_ids(user))


def visible_findings(user: User, queryset: QuerySet) -> QuerySet:
    if sees_all(user):
        return queryset
    query = Q(pk__in=[])
    units = department_unit_ids(user)
    if units:
        query |= Q(unit_id__in=units) & ~Q(status="reported")
    if is_guardian(user):
        query |= Q(reported_by=user)
    return queryset.filter(query)


def can_view_finding(user: User, finding) -> bool:
    return visible_findings(user, type(finding).objects.filter(pk=finding.pk)).exists()


def can_download_finding_photos(user: User, finding) -> bool:
    """Finding photos may show people and car plates: whoever reads the finding, except the council viewer
    (read-only, without personal data)."""
    return not has_role(user, Role.COUNCIL_VIEWER) and can_view_finding(user, finding)


def can_record_findings(user: User) -> bool:
    """Record a finding on patrol, route, verify, close, return, dismiss."""
    return is_patrol_team(user)


def can_answer(user: User, finding) -> bool:
    """The department the finding was routed to answers it (liaison or head)."""
    return finding.unit_id is not None and finding.unit_id in department_unit_ids(user)


def can_decide_duplicates(user: User) -> bool:
    return is_patrol_team(user)


def can_see_reporter(user: User) -> bool:
    """Who reported a finding (a guardian is a private person): the patrol team only."""
    return is_patrol_team(user)


# --- guardians --------------------------------------------------------------------------------------------------


def can_report_as_guardian(user: User) -> bool:
    return is_guardian(user)


def can_manage_guardians(user: User) -> bool:
    return is_patrol_team(user)


def can_see_guardians(user: User) -> bool:
    return is_patrol_team(user)


# --- map --------------------------------------------------------------------------------------------------------


def can_see_map(user: User) -> bool:
    return sees_all(user) or bool(department_unit_ids(user))


def map_scope(user: User) -> tuple[bool, list[int]]:
    """(everything, unit ids): the office sees all records; a department only its own units."""
    if sees_all(user):
        return True, []
    return False, department_ids(user)
