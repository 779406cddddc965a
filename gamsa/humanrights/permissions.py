"""Who may do what in the human-rights programme (인권, run by the 조사팀). One place for every view and service.

- the rights team: the office head, the 조사팀's leader and investigators. They run the plan, education,
  the committee, the resident rights monitors (구민인권지킴이단), impact assessments and the contest, and they
  alone see personal data (participant lists, monitors' and members' contacts, contest entrants);
- readers: the office's other team leaders and the council viewer read the programme's records without personal
  data (403 on every write);
- a department (its liaison or head) sees the impact assessments of its own drafts, submits drafts and answers a
  revision recommendation from its desk (other departments' drafts are 404); the team may record an answer that
  came on paper;
- a resident rights monitor (role volunteer with an active Monitor profile, programme `rights_monitor`) files
  activities and campaign reports from a phone and sees only their own and their team's.
Everyone else gets 404 (core.permissions.deny_outsider), the system administrator included: they run the system.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from gamsa.core import permissions as core_perms
from gamsa.core.models import Role, User

TEAM = "investigation"


def is_rights_team(user: User) -> bool:
    if core_perms.has_role(user, Role.OFFICE_HEAD):
        return True
    return any(
        team == TEAM and role in (Role.TEAM_LEADER, Role.INVESTIGATOR)
        for role, _, team in core_perms.memberships_of(user)
    )


def is_reader(user: User) -> bool:
    """Reads the programme's records (no personal data): the team, the office's team leaders, the council."""
    return is_rights_team(user) or core_perms.has_role(user, Role.TEAM_LEADER, Role.COUNCIL_VIEWER)


def can_manage(user: User) -> bool:
    return is_rights_team(user)


def can_see_personal_data(user: User) -> bool:
    return is_rights_team(user)


def department_units(user: User) -> list[int]:
    """Units on which the user answers for a department (liaison or head), never the audit office's own teams."""
    return sorted(set(core_perms.department_ids(user)))


# --- impact assessments of draft ordinances ------------------------------------------------------------------


def can_see_assessments(user: User) -> bool:
    return is_reader(user) or bool(department_units(user))


def visible_drafts(user: User, queryset: QuerySet) -> QuerySet:
    if is_reader(user):
        return queryset
    units = department_units(user)
    if units:
        return queryset.filter(department_id__in=units)
    return queryset.none()


def can_open_draft(user: User, draft) -> bool:
    return is_reader(user) or draft.department_id in department_units(user)


def can_submit_draft(user: User) -> bool:
    """The drafting department sends its draft; the team may register one it received on paper."""
    return is_rights_team(user) or bool(department_units(user))


def can_assess(user: User, draft) -> bool:
    return is_rights_team(user)


def can_respond(user: User, draft) -> bool:
    """The drafting department's liaison or head answers the recommendation from their desk; the team may record
    an answer the department sent on paper (공문)."""
    return draft.department_id in department_units(user) or is_rights_team(user)


def can_download_draft_file(user: User, attachment) -> bool:
    from gamsa.humanrights.models import Draft

    draft = Draft.objects.filter(case_number=attachment.owner_id).first()
    return draft is not None and can_open_draft(user, draft)


# --- resident rights monitors (구민인권지킴이단) ----------------------------------------------------------------


def monitor_of(user: User):
    """The user's active Monitor profile, or None (cached on the user for the request)."""
    user = core_perms.concrete(user)
    if not user.is_authenticated or not core_perms.has_role(user, Role.VOLUNTEER):
        return None
    cached = getattr(user, "_gamsa_rights_monitor", False)
    if cached is False:
        from gamsa.humanrights.models import Monitor

        cached = (
            Monitor.objects.filter(
                user=user, ended_on__isnull=True, user__volunteer_programme="rights_monitor"
            )
            .select_related("cohort")
            .first()
        )
        user._gamsa_rights_monitor = cached
    return cached


def is_monitor(user: User) -> bool:
    return monitor_of(user) is not None


def can_file_activity(user: User) -> bool:
    return is_monitor(user)


def visible_activities(user: User, queryset: QuerySet) -> QuerySet:
    """The team sees every activity; a monitor their own and their team's (same cohort and 조)."""
    if is_rights_team(user):
        return queryset
    me = monitor_of(user)
    if me is None:
        return queryset.none()
    own = Q(monitor=me)
    if me.team:
        own |= Q(monitor__cohort_id=me.cohort_id, monitor__team=me.team)
    return queryset.filter(own)


def can_open_activity(user: User, activity) -> bool:
    return visible_activities(user, type(activity).objects.filter(pk=activity.pk)).exists()


def can_check_activity(user: User, activity) -> bool:
    return is_rights_team(user)


def can_download_activity_photo(user: User, attachment) -> bool:
    from gamsa.humanrights.models import Activity

    activity = Activity.objects.filter(public_id=attachment.owner_id).first()
    return activity is not None and can_open_activity(user, activity)


__all__ = [
    "can_assess",
    "can_check_activity",
    "can_download_activity_photo",
    "can_download_draft_file",
    "can_file_activity",
    "can_manage",
    "can_open_activity",
    "can_open_draft",
    "can_respond",
    "can_see_assessments",
    "can_see_personal_data",
    "can_submit_draft",
    "department_units",
    "is_monitor",
    "is_reader",
    "is_rights_team",
    "monitor_of",
    "visible_activities",
    "visible_drafts",
]
