"""Who is who in the integrity programme, and who may do what. Outsiders get 404, read-only users 403.

- The programme staff run it: the audit team (감사팀: its leader and auditors) and the office head. They keep every
  record, see the rates and the survey's aggregates, produce letters and publish card news.
- Readers see the figures without personal data (403 on writes): the council viewer.
- Every district official (a staff account) signs the pledge, sees their own training record, and answers the
  risk self-assessment when invited (managers).
- A department head (부서장 role) sees who in their unit has not signed the pledge, and the unit's training.
- The system administrator edits the reference data in /admin/ (courses, areas, criteria, retention) and works no
  records here: no recipients, no participant lists.
Concept packages add their per-object rules (pledges, letters, survey) on top of these.
"""

from __future__ import annotations

from gamsa.core import permissions as core_perms
from gamsa.core.models import Role, User, UserKind

TEAM = "audit"


def is_programme_staff(user: User) -> bool:
    return core_perms.office_team_roles(user, TEAM)


def is_reader(user: User) -> bool:
    """Sees the programme's figures (no personal data)."""
    return is_programme_staff(user) or core_perms.is_council_viewer(user)


def is_district_staff(user: User) -> bool:
    """An official of the district: signs the pledge, takes training, reads the board."""
    user = core_perms.concrete(user)
    return bool(user.is_authenticated and user.is_active and user.kind == UserKind.STAFF)


def head_unit_ids(user: User) -> list[int]:
    """The units on which the user is department head (부서장)."""
    return core_perms.department_ids(user, Role.DEPT_HEAD)


def is_department_head(user: User) -> bool:
    return bool(head_unit_ids(user))


def can_use_office(user: User) -> bool:
    """The programme's pages (dashboard, rates, lists): staff and readers."""
    return is_reader(user)


def can_edit(user: User) -> bool:
    return is_programme_staff(user)


def can_download_record_file(user: User, attachment) -> bool:
    """Files of the programme's records (minutes, card news drafts): the programme staff."""
    return is_programme_staff(user)
