"""Notices that reach people: e-mail, SMS and 카카오 알림톡 (docs/adr/0022-notice-channels.md).

A case's service calls `schedule("receipt", grievance)` inside its transaction; after the commit the notice is
written for each recipient (the citizen's chosen channel, or staff by their preference) and sent in the background.
"""


def schedule(kind: str, obj, **extra) -> None:
    from gamsa.core.notices.services import schedule as _schedule

    _schedule(kind, obj, **extra)
