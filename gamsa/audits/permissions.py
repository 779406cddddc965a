"""Who may do what with self-audits. Outsiders get 404, read-only users 403 (core.permissions helpers).

- The audit team (감사팀: its leader and auditors) and the office head plan, audit, record findings, verify
  follow-up, send reminders and decide 재심의.
- Other office staff and council viewers may read plans, engagements and findings (403 on writes).
- A department's liaison and head see only the dispositions addressed to their own unit, report follow-up
  with evidence and file 재심의 (404 for other units' dispositions).
- A citizen auditor sees only their own assignments and the engagements they are members of, and files
  inspection reports for their own assignments.
- Published results are public (no login) with personal data masked.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from gamsa.core.models import Role, User
from gamsa.core.permissions import (
    department_ids,
    has_role,
    is_council_viewer,
    is_office_staff,
    office_team_roles,
)

TEAM = "audit"


def is_audit_team(user: User) -> bool:
    return office_team_roles(user, TEAM)


def can_read_office(user: User) -> bool:
    """Plans, engagements, findings and the follow-up board (read)."""
    return is_audit_team(user) or is_office_staff(user) or is_council_viewer(user)


def can_manage(user: User) -> bool:
    return is_audit_team(user)


def is_department_user(user: User) -> bool:
    return bool(department_ids(user))


def visible_dispositions(user: User, queryset: QuerySet) -> QuerySet:
    if can_read_office(user):
        return queryset
    units = department_ids(user)
    if units:
        return queryset.filter(target_unit_id__in=units).exclude(status="draft")
    return queryset.none()


def can_view_disposition(user: User, disposition) -> bool:
    return visible_dispositions(user, type(disposition).objects.filter(pk=disposition.pk)).exists()


def can_download_followup_evidence(user: User, disposition) -> bool:
    """Follow-up evidence files may show people, car plates and documents with personal data: whoever reads the
    disposition, except the council viewer (read-only, without personal data)."""
    return not is_council_viewer(user) and can_view_disposition(user, disposition)


def can_report_followup(user: User, disposition) -> bool:
    return disposition.target_unit_id in department_ids(user) and disposition.is_open


def can_verify(user: User) -> bool:
    return is_audit_team(user)


def can_file_reexamination(user: User, disposition) -> bool:
    return disposition.target_unit_id in department_ids(user) or is_audit_team(user)


def can_see_own_unit_screen(user: User) -> bool:
    return is_department_user(user)


def visible_findings(user: User, queryset: QuerySet) -> QuerySet:
    if can_read_office(user):
        return queryset
    units = department_ids(user)
    if units:
        return queryset.filter(
            Q(unit_id__in=units) | Q(dispositions__target_unit_id__in=units),
            engagement__result_notified_at__isnull=False,
        ).distinct()
    return queryset.none()


# --- citizen auditors ---------------------------------------------------------------------------------------


def is_citizen_auditor(user: User) -> bool:
    return has_role(user, Role.CITIZEN_AUDITOR)


def visible_assignments(user: User, queryset: QuerySet) -> QuerySet:
    if can_read_office(user):
        return queryset
    if is_citizen_auditor(user):
        return queryset.filter(auditor__user=user)
    return queryset.none()


def can_download_inspection_photos(user: User, assignment) -> bool:
    """Site-inspection photos (people, car plates): whoever sees the assignment, except the council viewer."""
    if is_council_viewer(user):
        return False
    return visible_assignments(user, type(assignment).objects.filter(pk=assignment.pk)).exists()


def visible_engagements(user: User, queryset: QuerySet) -> QuerySet:
    if can_read_office(user):
        return queryset
    if is_citizen_auditor(user):
        return queryset.filter(Q(members__user=user) | Q(citizen_assignments__auditor__user=user)).distinct()
    return queryset.none()


def can_file_inspection(user: User, assignment) -> bool:
    return is_citizen_auditor(user) and assignment.auditor.user_id == user.pk


def can_see_citizen_desk(user: User) -> bool:
    return is_citizen_auditor(user)
