"""Who may do what with petitions (청원) and the 청원심의회.

The complaint team (and the office head) manages; other office staff, council viewers and system administrators
read (403 on writes); department staff and citizens get 404 (citizens file through the public form). Petitioners'
personal data is shown to the complaint team only, and every display is logged.

Views load a petition only through `petition_for` and a board meeting through `board_meeting_for`; pages without
one start with `require`.
"""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from django.shortcuts import get_object_or_404

from gamsa.complaints.roles import is_complaint_team, is_office_reader
from gamsa.core.models import User
from gamsa.core.permissions import deny_outsider, deny_read_only


def can_read(user: User) -> bool:
    return is_office_reader(user)


def can_manage(user: User) -> bool:
    return is_complaint_team(user)


def can_see_personal_data(user: User) -> bool:
    return can_manage(user)


def require(request, action: str = "view") -> None:
    """404 for those who may not read petitions; 403 for readers when `action` is "manage"."""
    deny_outsider(can_read(request.user))
    if action == "manage":
        deny_read_only(can_manage(request.user))
    elif action != "view":
        raise ValueError(f"unknown action: {action}")


def petition_for(request, case_number: str, action: str = "view"):
    from gamsa.complaints.petitions.models import Petition

    deny_outsider(can_read(request.user))
    petition = get_object_or_404(
        Petition.objects.select_related("petitioner", "repeat_of"), case_number=case_number
    )
    require(request, action)
    return petition


def board_meeting_for(request, held_on: str, action: str = "view"):
    """The 청원심의회 meeting of the day `held_on` (YYYY-MM-DD)."""
    from gamsa.complaints.petitions.models import BoardMeeting

    deny_outsider(can_read(request.user))
    try:
        day = dt.date.fromisoformat(held_on)
    except ValueError:
        raise Http404 from None
    meeting = get_object_or_404(BoardMeeting, held_on=day)
    require(request, action)
    return meeting
