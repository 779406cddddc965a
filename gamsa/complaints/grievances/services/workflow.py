"""The grievance workflow's shared pieces: the error users see, the allowed status moves, row locking."""

from __future__ import annotations

from gamsa.complaints.grievances.models import Grievance, Status


class GrievanceError(ValueError):
    """A refused action; the message is Korean and safe to show."""


# Which status may move to which (the status itself is set only here).
TRANSITIONS: dict[str, set[str]] = {
    Status.RECEIVED: {
        Status.ASSIGNED,
        Status.TRANSFERRED,
        Status.WITHDRAWN,
        Status.REJECTED,
        Status.CLOSED_INTERNALLY,
    },
    Status.ASSIGNED: {
        Status.ASSIGNED,
        Status.IN_PROGRESS,
        Status.TRANSFERRED,
        Status.SUPPLEMENT,
        Status.SITE_SURVEY,
        Status.ANSWERED,
        Status.WITHDRAWN,
        Status.REJECTED,
        Status.CLOSED_INTERNALLY,
    },
    Status.IN_PROGRESS: {
        Status.ASSIGNED,
        Status.TRANSFERRED,
        Status.SUPPLEMENT,
        Status.SITE_SURVEY,
        Status.ANSWERED,
        Status.WITHDRAWN,
        Status.REJECTED,
        Status.CLOSED_INTERNALLY,
    },
    Status.SUPPLEMENT: {Status.IN_PROGRESS, Status.WITHDRAWN, Status.CLOSED_INTERNALLY},
    Status.SITE_SURVEY: {Status.IN_PROGRESS, Status.WITHDRAWN},
    Status.ANSWERED: {Status.CLOSED},
}

SITE_SURVEY_MAX_DAYS = 14  # 영 제17조④
SITE_SURVEY_EXTENSION_MAX_DAYS = 7  # 영 제17조④ 단서, once


def move_status(grievance: Grievance, new_status: str) -> str:
    old = grievance.status
    if new_status not in TRANSITIONS.get(old, set()):
        raise GrievanceError(
            f"'{Status(old).label}' 상태에서는 '{Status(new_status).label}'(으)로 바꿀 수 없습니다."
        )
    grievance.status = new_status
    return old


def lock(grievance: Grievance) -> Grievance:
    return Grievance.objects.select_for_update().get(pk=grievance.pk)
