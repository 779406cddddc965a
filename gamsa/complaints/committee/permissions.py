"""Who may do what with the 민원조정위원회: the complaint team manages; other office staff, council viewers and
system administrators read (403 on writes); department staff and citizens get 404.

Views load a meeting only through `meeting_for` and an agenda item through `agenda_item_for`; pages without one
start with `require`.
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


def require(request, action: str = "view") -> None:
    """404 for those who may not read the committee's records; 403 for readers when `action` is "manage"."""
    deny_outsider(can_read(request.user))
    if action == "manage":
        deny_read_only(can_manage(request.user))
    elif action != "view":
        raise ValueError(f"unknown action: {action}")


def meeting_for(request, held_on: str, action: str = "view"):
    """The meeting of the day `held_on` (YYYY-MM-DD)."""
    from gamsa.complaints.committee.models import CommitteeMeeting

    deny_outsider(can_read(request.user))
    try:
        day = dt.date.fromisoformat(held_on)
    except ValueError:
        raise Http404 from None
    meeting = get_object_or_404(CommitteeMeeting, held_on=day)
    require(request, action)
    return meeting


def agenda_item_for(request, held_on: str, case_number: str, action: str = "view"):
    """The agenda item of grievance `case_number` at the meeting of `held_on`."""
    from gamsa.complaints.committee.models import AgendaItem

    meeting = meeting_for(request, held_on)
    item = get_object_or_404(AgendaItem, meeting=meeting, grievance__case_number=case_number)
    require(request, action)
    return item
