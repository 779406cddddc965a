"""Who may do what with findings (적출사항). Built on the app's "who is who" (gamsa/patrols/roles.py) and on
`guardian_of` (gamsa/patrols/guardians/permissions.py), the only definition of a guardian:

- the patrol team (순찰팀 officers, its leader, the office head) records, routes, verifies, closes, returns and
  dismisses findings;
- office leadership and council viewers read every finding (403 on writes);
- a department's liaison and head see the findings routed to their units (not the unrouted guardian reports) and
  answer them;
- a local guardian sees their own reports only.
Outsiders get 404. `finding_for` fetches a finding together with its check.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from gamsa.core import permissions as core_perms
from gamsa.core.models import Role, User
from gamsa.core.permissions import acting_user, has_role
from gamsa.patrols.guardians.permissions import is_guardian
from gamsa.patrols.roles import department_unit_ids, is_patrol_team, sees_all


def is_reader(user: User) -> bool:
    """Sees every finding (the patrol team, office leadership, council viewers)."""
    return sees_all(user)


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


def can_see_reporter(user: User) -> bool:
    """Who reported a finding (a guardian is a private person): the patrol team only."""
    return is_patrol_team(user)


# --- fetch and check --------------------------------------------------------------------------------------------

FINDING_ACTIONS = {
    "view": None,
    "answer": can_answer,  # the department's answer
    "record": lambda user, finding: can_record_findings(user),  # route, close, return, dismiss
}


def finding_for(request, case_number: str, action: str = "view"):
    """The finding `case_number` if the user may `action` it: 404 when they may not see it (or it does not exist),
    403 when they see it but may not do `action`."""
    from gamsa.patrols.models import Finding

    rule = FINDING_ACTIONS[action]
    user = acting_user(request)
    finding = get_object_or_404(
        Finding.objects.select_related("category", "unit", "round", "item", "reported_by", "duplicate_of"),
        case_number=case_number,
    )
    core_perms.deny_outsider(can_view_finding(user, finding))
    if rule is not None:
        core_perms.deny_read_only(rule(user, finding))
    return finding
