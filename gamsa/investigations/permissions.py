"""Who may open a sealed investigation case. Everyone else gets 404: other office staff, departments, the council
and the system administrator too (they run the system, not cases).

- the office head (감사담당관) and the investigation team leader (팀장 on the 조사팀 unit): every case;
- an investigator (조사관): only the cases they are assigned to (an active Assignment).
"""

from __future__ import annotations

from django.db.models import QuerySet

from gamsa.core import permissions as perms
from gamsa.core.models import Role, User

TEAM = "investigation"


def is_office_head(user: User) -> bool:
    return perms.has_role(user, Role.OFFICE_HEAD)


def is_investigation_lead(user: User) -> bool:
    """The investigation team leader: the team-leader role held on the 조사팀 unit."""
    return any(role == Role.TEAM_LEADER and team == TEAM for role, _, team in perms.memberships_of(user))


def is_investigator(user: User) -> bool:
    return any(role == Role.INVESTIGATOR and team == TEAM for role, _, team in perms.memberships_of(user))


def sees_every_case(user: User) -> bool:
    return is_office_head(user) or is_investigation_lead(user)


def can_use_desk(user: User) -> bool:
    """The case list, statistics and 징계시효 board (each shows only the cases the user may open)."""
    return sees_every_case(user) or is_investigator(user)


def visible_cases(user: User, queryset: QuerySet) -> QuerySet:
    if sees_every_case(user):
        return queryset
    if is_investigator(user):
        return queryset.filter(assignments__investigator=user, assignments__ended_on__isnull=True).distinct()
    return queryset.none()


def is_assigned(user: User, case) -> bool:
    if not user.is_authenticated or not is_investigator(user):
        return False
    return case.assignments.filter(investigator_id=user.pk, ended_on__isnull=True).exists()


def can_open(user: User, case) -> bool:
    return sees_every_case(user) or is_assigned(user, case)


def can_receive(user: User) -> bool:
    return sees_every_case(user)


def can_assign(user: User, case) -> bool:
    return sees_every_case(user)


def can_investigate(user: User, case) -> bool:
    """Statements, evidence, diary, notices, findings: the assigned investigators and the team leader."""
    return is_investigation_lead(user) or is_assigned(user, case)


def can_add_subjects(user: User, case) -> bool:
    """More subjects after receipt: whoever may open the case (the office head, the team leader, the assigned)."""
    return can_open(user, case)


def can_decide(user: User, case) -> bool:
    """조치, 징계 요구 and 종결 are decided by the team leader or the office head."""
    return sees_every_case(user)


def can_export(user: User) -> bool:
    return sees_every_case(user)


def case_key_holders(case) -> list[User]:
    """Who holds the case key (casefile.py): exactly those who may open the case — the office head, the
    investigation team leader and the investigators assigned now."""
    from django.db.models import Q

    active = Q(memberships__ended_on__isnull=True)
    candidates = (
        User.objects.filter(
            (active & Q(memberships__role=Role.OFFICE_HEAD))
            | (active & Q(memberships__role=Role.TEAM_LEADER, memberships__unit__office_team=TEAM))
            | Q(pk__in=case.assignments.filter(ended_on__isnull=True).values("investigator"))
        )
        .filter(is_active=True)
        .distinct()
        .order_by("pk")
    )
    return [user for user in candidates if can_open(user, case)]
