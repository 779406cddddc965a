"""Who may do what with grievances. Outsiders get 404, read-only users 403 (core.permissions helpers).

- The complaint team (민원관리팀), its leader and the office head see and manage every grievance.
- A department's liaison and head see only their department's grievances (plus re-filed ones they once
  held); both answer and extend (the answer and an internal closure then go through 결재).
- Other office staff, council viewers and system administrators read the desk (403 on writes); citizens see their
  own grievance only through the receipt number and PIN (status_lookup).
- The quarterly inspection is the complaint team's.

Views load a grievance only through `grievance_for`, which checks before it returns; pages without a grievance
start with `require`.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from gamsa.complaints.roles import is_complaint_team, is_office_reader
from gamsa.core.models import Role, User
from gamsa.core.permissions import acting_user, deny_outsider, deny_read_only, department_ids, has_role


def visible_grievances(user: User, queryset: QuerySet) -> QuerySet:
    """The grievances `user` may see at all."""
    if is_office_reader(user):
        return queryset
    units = department_ids(user)
    if units:
        return queryset.filter(Q(department_id__in=units) | Q(reopened_from__department_id__in=units))
    return queryset.none()


def can_see_desk(user: User) -> bool:
    return is_office_reader(user) or bool(department_ids(user))


def can_view(user: User, grievance) -> bool:
    return visible_grievances(user, type(grievance).objects.filter(pk=grievance.pk)).exists()


def can_manage(user: User) -> bool:
    """Intake, assignment, transfer, extensions on behalf of the office, repeat reviews."""
    return is_complaint_team(user)


def is_department_of(user: User, grievance, *roles: str) -> bool:
    return grievance.department_id is not None and grievance.department_id in department_ids(user, *roles)


def can_answer(user: User, grievance) -> bool:
    return is_complaint_team(user) or is_department_of(user, grievance)


def can_extend(user: User, grievance) -> bool:
    return is_complaint_team(user) or is_department_of(user, grievance)


def can_acknowledge(user: User, grievance) -> bool:
    """Who clears a new assignment by opening or confirming it: its handler; without one, the department's staff."""
    if grievance.handler_id is not None:
        return grievance.handler_id == user.pk
    return is_department_of(user, grievance)


def new_assignments(user: User, queryset: QuerySet) -> QuerySet:
    """The grievances newly assigned to `user` or, without a handler, to their department, not yet seen."""
    mine = Q(handler=user)
    units = department_ids(user)
    if units:
        mine |= Q(handler__isnull=True, department_id__in=units)
    return queryset.filter(mine, status="assigned", acknowledged_at__isnull=True)


def handler_candidates(department) -> QuerySet:
    """Whom a grievance of `department` may be assigned to: its active staff (their unit, or a current role there)."""
    if department is None:
        return User.objects.none()
    staff = User.objects.filter(kind="staff", is_active=True)
    members = Q(unit=department) | Q(memberships__unit=department, memberships__ended_on__isnull=True)
    return staff.filter(pk__in=staff.filter(members).values("pk")).order_by("grade", "full_name", "pk")


def can_see_personal_data(user: User, grievance) -> bool:
    """Name, phone, address of the complainant: those who handle the case."""
    return is_complaint_team(user) or is_department_of(user, grievance) or has_role(user, Role.OFFICE_HEAD)


def can_inspect(user: User) -> bool:
    """The quarterly inspection of the departments (처리실태 점검)."""
    return is_complaint_team(user)


# What a user may do with a grievance they can see: the rule of each action (views, the API and approvals use these).
RULES = {
    "view": lambda user, grievance: True,
    "manage": lambda user, grievance: can_manage(user),
    "answer": can_answer,
    "extend": can_extend,
    "acknowledge": can_acknowledge,
}


def may(user: User, grievance, action: str) -> bool:
    """Whether `user`, who can see `grievance`, may do `action` (a key of RULES) with it."""
    return RULES[action](user, grievance)


def require(request, action: str = "view") -> None:
    """Pages without a grievance: the desk (view), intake (manage), the inspection (inspect)."""
    user = acting_user(request)
    deny_outsider(can_see_desk(user))
    if action == "manage":
        deny_read_only(can_manage(user))
    elif action == "inspect":
        deny_read_only(can_inspect(user))
    elif action != "view":
        raise ValueError(f"unknown action: {action}")


def visible_grievance(user: User, case_number: str, *, queryset: QuerySet | None = None):
    """Another grievance named in a form (a candidate, an agenda item): the grievance if it exists and `user` may
    see it, else None, so that the form answers "not found" alike for both."""
    from gamsa.complaints.grievances.models import Grievance

    queryset = Grievance.objects.all() if queryset is None else queryset
    return visible_grievances(user, queryset).filter(case_number=(case_number or "").strip()).first()


def grievance_for(request, case_number: str, action: str = "view", *, queryset: QuerySet | None = None):
    """The grievance `case_number` for `action`, or the refusal: 404 when it does not exist or the user may not see
    it, 403 when they see it but may not do `action` (a key of RULES)."""
    from gamsa.complaints.grievances.models import Grievance

    if action not in RULES:
        raise ValueError(f"unknown action: {action}")
    user = acting_user(request)
    grievance = get_object_or_404(
        Grievance.objects.all() if queryset is None else queryset, case_number=case_number
    )
    deny_outsider(can_view(user, grievance))
    deny_read_only(may(user, grievance, action))
    return grievance


# --- the complainant's own pages (/minwon/) ------------------------------------------------------------------------
# A complainant is not a user of the desk: they prove who they are with the receipt number, the PIN and the last
# digits of their phone (status_lookup). A right answer is remembered in their session for STATUS_SESSION_MINUTES as
# the case number alone (never the PIN); the survey and the printable answer take the case from there, never from
# the request, so that no one can act on a case they have not unlocked.

STATUS_SESSION_KEY = "grievance_status"
STATUS_SESSION_MINUTES = 30


def remember_lookup(request, grievance) -> None:
    import time

    request.session[STATUS_SESSION_KEY] = {"case": grievance.case_number, "at": int(time.time())}


def forget_lookup(request) -> None:
    request.session.pop(STATUS_SESSION_KEY, None)


def looked_up_grievance(request):
    """The grievance this browser unlocked with its PIN in the last STATUS_SESSION_MINUTES, or None."""
    import time

    from gamsa.complaints.grievances.models import Grievance

    held = request.session.get(STATUS_SESSION_KEY)
    if not isinstance(held, dict) or not isinstance(held.get("at"), int):
        return None
    if time.time() - held["at"] > STATUS_SESSION_MINUTES * 60:
        forget_lookup(request)
        return None
    return (
        Grievance.objects.select_related("department", "handler__unit", "complainant")
        .filter(case_number=str(held.get("case", "")), pin_hash__gt="")
        .first()
    )


def complainant_grievance_for(request):
    """The status session's grievance for the complainant's own actions (the survey, the printed answer): 404 when
    this browser has not unlocked one."""
    from django.http import Http404

    grievance = looked_up_grievance(request)
    if grievance is None:
        raise Http404("처리 상황 조회를 먼저 하세요.")
    return grievance


def own_complainants(user: User):
    """The complainant records of a signed-in person ("내 민원"): only those filed while signed in as them."""
    from gamsa.complaints.grievances.models import Complainant

    if user is None or not user.is_authenticated:
        return Complainant.objects.none()
    return Complainant.objects.filter(user=user)


def can_see_own_cases(user: User) -> bool:
    """ "내 민원": anyone signed in sees what they filed while signed in (and only that)."""
    return user.is_authenticated


def offers_own_cases(user: User) -> bool:
    """The menu offers "내 민원" to citizens' accounts (staff reach it by its address if they ever filed as one)."""
    from gamsa.core.models import UserKind

    return user.is_authenticated and user.kind == UserKind.CITIZEN


def require_own_cases(request) -> None:
    deny_outsider(can_see_own_cases(acting_user(request)))
