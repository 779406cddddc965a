"""Who may do what in core. Outsiders get 404 (`deny_outsider`), read-only users 403 (`deny_read_only`).

Roles are held on a membership of an organisational unit. Office roles are those held on the audit office or
one of its teams; department roles on any other unit.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.functional import LazyObject, empty

from gamsa.core.models import Attachment, Membership, Role, User, UserKind

OFFICE_ROLES = frozenset(
    {
        Role.OFFICE_HEAD,
        Role.TEAM_LEADER,
        Role.AUDITOR,
        Role.INVESTIGATOR,
        Role.COMPLAINT_OFFICER,
        Role.PATROL_OFFICER,
        Role.ETHICS_OFFICER,
    }
)
DEPARTMENT_ROLES = frozenset({Role.DEPT_LIAISON, Role.DEPT_HEAD})
# Roles that must pass TOTP 2FA: everyone who sees case files or runs the system. An ethics-committee member reads
# the declarants' filings put to the committee, so they pass it too.
TWO_FACTOR_ROLES = OFFICE_ROLES | DEPARTMENT_ROLES | {Role.SYSADMIN, Role.ETHICS_COMMITTEE}
TEAM_ROLE = {
    "audit": Role.AUDITOR,
    "investigation": Role.INVESTIGATOR,
    "complaints": Role.COMPLAINT_OFFICER,
    "patrol": Role.PATROL_OFFICER,
}


def concrete(user):
    """`request.user` itself rather than its lazy wrapper. Every attribute read through the wrapper costs a
    failed lookup and a proxy call; a page asks for roles dozens of times (the menu alone, once per entry)."""
    if isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        return user._wrapped
    return user


def memberships_of(user: User) -> tuple[tuple[str, int, str], ...]:
    """The user's active (role, unit id, office team) triples: one query per request, cached on the user."""
    user = concrete(user)
    if not user.is_authenticated or not user.is_active:
        return ()
    cached = getattr(user, "_gamsa_memberships", None)
    if cached is None:
        cached = tuple(
            Membership.objects.filter(user=user, ended_on__isnull=True).values_list(
                "role", "unit_id", "unit__office_team"
            )
        )
        user._gamsa_memberships = cached
    return cached


def roles_of(user: User) -> frozenset[str]:
    """The user's active roles (sysadmin for superusers), cached on the user beside its memberships: a page asks
    this dozens of times (the menu alone, once per entry)."""
    user = concrete(user)
    memberships = memberships_of(user)
    cached = getattr(user, "_gamsa_roles", None)
    if cached is None or cached[0] is not memberships:
        roles = frozenset(role for role, _, _ in memberships)
        if user.is_authenticated and user.is_superuser:
            roles |= {Role.SYSADMIN}
        cached = (memberships, roles)
        user._gamsa_roles = cached
    return cached[1]


def has_role(user: User, *roles: str) -> bool:
    return bool(roles_of(user) & set(roles))


def is_office_staff(user: User) -> bool:
    return has_role(user, *OFFICE_ROLES)


# Officials of the district using the system at work: the office, the departments and the system administrators.
STAFF_ROLES = OFFICE_ROLES | DEPARTMENT_ROLES | {Role.SYSADMIN}


def is_staff_member(user: User) -> bool:
    """Any official of the district using the system at work (office or department)."""
    return has_role(user, *STAFF_ROLES)


def users_holding(roles) -> QuerySet:
    """Active users who hold one of `roles` on an active membership, by name: the people a form offers when it
    asks for a staff member (the roles come from the concept's permissions module)."""
    holders = Membership.objects.filter(ended_on__isnull=True, role__in=list(roles)).values("user_id")
    return User.objects.filter(pk__in=holders, is_active=True).order_by("full_name")


def is_council_viewer(user: User) -> bool:
    return has_role(user, Role.COUNCIL_VIEWER)


def needs_two_factor(user: User) -> bool:
    return has_role(user, *TWO_FACTOR_ROLES)


def department_ids(user: User, *roles: str) -> list[int]:
    """The units on which `user` holds a department role (liaison or head unless `roles` are given)."""
    roles = roles or (Role.DEPT_LIAISON, Role.DEPT_HEAD)
    return [unit_id for role, unit_id, _ in memberships_of(user) if role in roles]


def office_team_roles(user: User, team: str) -> bool:
    """Whether the user works in the given office team (or heads the office). A system administrator runs the
    system but does not work cases: no case files, no complainants' data."""
    if has_role(user, Role.OFFICE_HEAD):
        return True
    return any(
        unit_team == team and role in (Role.TEAM_LEADER, TEAM_ROLE[team])
        for role, _, unit_team in memberships_of(user)
    )


def acting_user(request) -> User:
    """Who acts in a request: the session's user on a page, the token's user in an API call (`request.auth`).
    The apps' fetch-and-check helpers (e.g. `finding_for(request, case_number, action)`) take the request."""
    auth = getattr(request, "auth", None)
    return auth if hasattr(auth, "pk") else request.user


def deny_outsider(allowed: bool) -> None:
    if not allowed:
        raise Http404


def deny_read_only(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


# --- core's own pages and actions -------------------------------------------------------------------------------


def can_see_home(user: User) -> bool:
    return user.is_authenticated


def can_see_office_pages(user: User) -> bool:
    """Team pages, the organisation chart, the calendar admin page (read)."""
    return is_staff_member(user) or is_council_viewer(user)


def can_view_event_log(user: User) -> bool:
    return has_role(user, Role.OFFICE_HEAD, Role.TEAM_LEADER, Role.SYSADMIN)


def can_view_access_log(user: User) -> bool:
    return has_role(user, Role.OFFICE_HEAD, Role.SYSADMIN)


def can_export_logs(user: User) -> bool:
    return can_view_access_log(user)


def can_edit_calendar(user: User) -> bool:
    return has_role(user, Role.SYSADMIN)


def can_view_person(user: User, person: User) -> bool:
    """Contact details of a person: the person, administrators, and the office head for staff and volunteers."""
    if user.pk == person.pk or has_role(user, Role.SYSADMIN):
        return True
    return has_role(user, Role.OFFICE_HEAD, Role.TEAM_LEADER) and person.kind != UserKind.CITIZEN


def can_open_staff_records(user: User) -> bool:
    return has_role(user, Role.OFFICE_HEAD, Role.TEAM_LEADER, Role.SYSADMIN)


def can_issue_api_token(user: User) -> bool:
    return is_staff_member(user)


def can_upload(user: User) -> bool:
    return is_staff_member(user) or has_role(user, Role.VOLUNTEER)


# Apps register who may download the attachments they own: owner_type → callable(user, attachment) -> bool.
# The rule is the personal-data rule of the record the file belongs to: a citizen's photo or document is personal
# data as much as the name on the case.
_ATTACHMENT_RULES: dict[str, callable] = {}


def register_attachment_rule(owner_type: str, rule) -> None:
    _ATTACHMENT_RULES[owner_type] = rule


def can_download(user: User, attachment: Attachment) -> bool:
    """A file of a record follows that record's rule (its uploader included: a liaison whose case moved to another
    department no longer opens its files). A file of no registered record (one's own file box, a job's result)
    is its uploader's alone. The system administrator has no blanket access: they run the system, not cases."""
    if not user.is_authenticated:
        return False
    rule = _ATTACHMENT_RULES.get(attachment.owner_type) if attachment.owner_type else None
    if rule is not None:
        return bool(rule(user, attachment))
    return attachment.uploaded_by_id is not None and attachment.uploaded_by_id == user.pk
