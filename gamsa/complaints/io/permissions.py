"""Who may import and export grievances.

- Import (names and phones of many people at once): the complaint team (and the office head); other desk users get
  403, everyone else 404. A check's result is its uploader's alone (404 for anybody else).
- Export of the list: everyone who sees the desk, of the grievances they may see. Complainants' names, phones and
  addresses only for the complaint team and the office head, who ask for them ("export_personal"; the page offers
  the choice to nobody else, and a request asking for them from anybody else is refused with 403, nothing
  exported); such an export is logged.

Views load an import job only through `import_job_for`; pages without one start with `require`.
"""

from __future__ import annotations

from gamsa.complaints.grievances import permissions as grievance_perms
from gamsa.complaints.roles import is_complaint_team
from gamsa.core.models import User
from gamsa.core.permissions import deny_outsider, deny_read_only


def can_import(user: User) -> bool:
    return is_complaint_team(user)


def can_export(user: User) -> bool:
    return grievance_perms.can_see_desk(user)


def may_export_personal(user: User) -> bool:
    """Names and phones of every listed complainant in an export: the complaint team and the office head only."""
    return is_complaint_team(user)


def require(request, action: str = "export") -> None:
    deny_outsider(can_export(request.user))
    if action == "import":
        deny_read_only(can_import(request.user))
    elif action == "export_personal":
        deny_read_only(may_export_personal(request.user))
    elif action != "export":
        raise ValueError(f"unknown action: {action}")


def import_job_for(request, public_id, action: str = "view"):
    """The user's own import check or run ("view"; "confirm" needs the right to import)."""
    from gamsa.complaints.io.pipeline import GRIEVANCE_IMPORT
    from gamsa.core import imports

    require(request, "import" if action == "confirm" else "export")
    job = imports.job_of(GRIEVANCE_IMPORT, request.user, public_id)
    deny_outsider(job is not None)
    return job
