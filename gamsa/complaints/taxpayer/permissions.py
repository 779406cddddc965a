"""Who may do what with the taxpayer advocate's cases (납세자보호관): the complaint team (and the office head)
manages and sees the taxpayer's personal data; council viewers read (403 on writes); everyone else gets 404.

Views load a case only through `case_for`; pages without one start with `require`.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from gamsa.complaints.roles import is_complaint_team
from gamsa.core.models import User
from gamsa.core.permissions import deny_outsider, deny_read_only, is_council_viewer


def can_view(user: User) -> bool:
    return is_complaint_team(user) or is_council_viewer(user)


def can_manage(user: User) -> bool:
    return is_complaint_team(user)


def can_see_personal_data(user: User) -> bool:
    return can_manage(user)


def require(request, action: str = "view") -> None:
    deny_outsider(can_view(request.user))
    if action == "manage":
        deny_read_only(can_manage(request.user))
    elif action != "view":
        raise ValueError(f"unknown action: {action}")


def case_for(request, case_number: str, action: str = "view"):
    from gamsa.complaints.taxpayer.models import TaxpayerCase

    deny_outsider(can_view(request.user))
    case = get_object_or_404(
        TaxpayerCase.objects.select_related("taxpayer", "handled_by"), case_number=case_number
    )
    require(request, action)
    return case
