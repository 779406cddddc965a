"""Who may do what with 적극행정 (proactive administration). The audience is that of the reviews
(gamsa/reviews/permissions.py: the audit team, council viewers, departments for their own unit); on top of it:

- the audit team runs the selection committee's secretariat (rounds, members, scores, the selection, the quarterly
  면책 report) and answers 사전컨설팅 and 면책;
- the audit team and council viewers see scores and rankings; departments see only the selected list;
- a department head (or the audit team) nominates; departments file 사전컨설팅 and 면책 for their own unit.
Outsiders get 404, read-only users 403. The `*_for` helpers fetch an object together with its check.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from gamsa.audits.permissions import is_audit_team
from gamsa.core import permissions as core_perms
from gamsa.core.models import Role, User
from gamsa.core.permissions import acting_user, department_ids, is_council_viewer
from gamsa.reviews.permissions import can_file, can_review, can_see_reviews, can_view, visible

# The reviews' audience rules this concept shares as they are (a department sees and files for its own unit only).
__all__ = [
    "can_file",
    "can_file_exemption",
    "can_manage_selection",
    "can_nominate",
    "can_review",
    "can_see_proactive",
    "can_see_rounds",
    "can_view",
    "consulting_for",
    "exemption_for",
    "filing_units",
    "nominee_units",
    "selection_round_for",
    "visible",
]


def can_see_proactive(user: User) -> bool:
    return can_see_reviews(user)


def can_manage_selection(user: User) -> bool:
    """Rounds, committee members, scores and the selection: the audit team runs the committee's secretariat."""
    return is_audit_team(user)


def can_nominate(user: User) -> bool:
    return is_audit_team(user) or bool(department_ids(user, Role.DEPT_HEAD))


def nominee_units(user: User) -> list[int] | None:
    """The units a nominator may name (None: any unit, for the audit team)."""
    return None if is_audit_team(user) else department_ids(user)


def can_see_rounds(user: User) -> bool:
    """Scores and rankings: the audit team and council viewers (departments see only the selected list)."""
    return is_audit_team(user) or is_council_viewer(user)


def filing_units(user: User) -> list[int]:
    """The units a department files 사전컨설팅 and 면책 for."""
    return department_ids(user)


def can_file_exemption(user: User) -> bool:
    """A department for its own staff, or the audit team ex officio (직권)."""
    return can_file(user) or can_review(user)


# --- fetch and check --------------------------------------------------------------------------------------------


def selection_round_for(request, public_id, action: str = "view"):
    """The selection round `public_id`: "view" (scores, ranking) and "manage" (members, scores, the selection) for
    those who see rounds, 403 "manage" for the council viewer; "nominate" for those who see 적극행정, 403 unless
    they may nominate. 404 for everyone else and for an unknown round."""
    from gamsa.reviews.models import SelectionRound

    user = acting_user(request)
    rnd = get_object_or_404(SelectionRound, public_id=public_id)
    if action == "nominate":
        core_perms.deny_outsider(can_see_proactive(user))
        core_perms.deny_read_only(can_nominate(user))
        return rnd
    core_perms.deny_outsider(can_see_rounds(user))
    if action == "manage":
        core_perms.deny_read_only(can_manage_selection(user))
    elif action != "view":
        raise ValueError(action)
    return rnd


def consulting_for(request, case_number: str):
    """A 사전컨설팅 for those who see its unit's records (404 otherwise)."""
    from gamsa.reviews.models import PreConsulting

    consulting = get_object_or_404(
        PreConsulting.objects.select_related("unit", "advised_by"), case_number=case_number
    )
    core_perms.deny_outsider(can_view(acting_user(request), consulting))
    return consulting


def exemption_for(request, case_number: str):
    """A 면책 case for those who see its unit's records (404 otherwise)."""
    from gamsa.reviews.models import ExemptionCase

    case = get_object_or_404(
        ExemptionCase.objects.select_related("unit", "consulting"), case_number=case_number
    )
    core_perms.deny_outsider(can_view(acting_user(request), case))
    return case
