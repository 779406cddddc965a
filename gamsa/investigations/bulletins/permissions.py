"""Who may see and do what with misconduct-case bulletins (비위 사례 공유). Outsiders get 404, read-only users 403.

- the investigation team (`investigator` and the team leader on the 조사팀 unit): items, bulletins, card news,
  posting to the board, every trend report, reads and writes;
- the office head (감사담당관): reads everything, writes nothing but trend reports of the office (403 elsewhere);
- every other official of the district (staff account or a staff role): logs trend reports for their own
  department(s) and reads those; the bulletins themselves reach them as board posts (core.board's rules);
- volunteers, the council viewer, citizens: 404.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from gamsa.core import permissions as core_perms
from gamsa.core.board import permissions as board_perms
from gamsa.core.models import OrgUnit, UnitKind, User
from gamsa.investigations import permissions as inv

# The units a trend report can be about: a department stands for its teams (core.selectors.department_map).
TREND_UNIT_KINDS = (UnitKind.BUREAU, UnitKind.DEPARTMENT, UnitKind.DONG, UnitKind.FACILITY)


def is_team(user: User) -> bool:
    return inv.is_investigation_lead(user) or inv.is_investigator(user)


def can_manage(user: User) -> bool:
    """Items, bulletins, card news and posting: the investigation team."""
    return is_team(user)


def can_read(user: User) -> bool:
    """Item and bulletin pages, their read rates, the statistics and the API: the team and the office head."""
    return is_team(user) or inv.is_office_head(user)


def departments_of(user: User) -> set[int]:
    """The departments (teams rolled up) of the user's own unit and of their department roles."""
    user = core_perms.concrete(user)
    if not board_perms.is_reader(user):
        return set()
    cached = getattr(user, "_gamsa_trend_units", None)
    if cached is not None:
        return cached
    from gamsa.core.selectors import department_map

    units = set(core_perms.department_ids(user))
    if user.unit_id:
        units.add(user.unit_id)
    mapping = department_map()
    found = {mapping[u][0] for u in units if u in mapping}
    user._gamsa_trend_units = found
    return found


def can_log_trends(user: User) -> bool:
    return can_manage(user) or bool(departments_of(user))


def can_see_trends(user: User) -> bool:
    return can_read(user) or can_log_trends(user)


def department_units() -> QuerySet:
    """Every unit an item or a trend report can name (departments, dongs, bureaus, facilities; not teams)."""
    return OrgUnit.objects.filter(active=True, kind__in=TREND_UNIT_KINDS).order_by("path")


def trend_units(user: User) -> QuerySet:
    """The units the user may log a trend report for: any (the team), else their own departments."""
    units = department_units()
    if can_manage(user):
        return units
    return units.filter(pk__in=departments_of(user))


def may_log_for(user: User, unit: OrgUnit) -> bool:
    return trend_units(user).filter(pk=unit.pk).exists()


def visible_trends(user: User, queryset: QuerySet) -> QuerySet:
    if can_read(user):
        return queryset
    own = departments_of(user)
    return queryset.filter(unit_id__in=own) if own else queryset.none()


def can_download_card(user: User, attachment) -> bool:
    """An item's card-news files follow the item (staff get their own copies on the board post)."""
    return can_read(user)


# --- fetch-and-check helpers: may they see such records (404), does it exist (404), this one (404), action (403) ---

ACTIONS = {"view": can_read, "manage": can_manage}


def require(request, action: str) -> None:
    """Pages without an object: the item and bulletin desk ("view"/"manage"), trend reports ("trends"/"log")."""
    user = request.user
    if action in ("trends", "log"):
        core_perms.deny_outsider(can_see_trends(user))
        core_perms.deny_read_only(action == "trends" or can_log_trends(user))
        return
    core_perms.deny_outsider(can_read(user))
    core_perms.deny_read_only(ACTIONS[action](user))


def item_for(request, public_id, action: str = "view"):
    from gamsa.investigations.bulletins.models import MisconductItem

    require(request, action)
    item = MisconductItem.objects.filter(public_id=public_id).first()
    if item is None:
        raise Http404
    return item


def bulletin_for(request, public_id, action: str = "view"):
    from gamsa.investigations.bulletins.models import Bulletin

    require(request, action)
    bulletin = Bulletin.objects.filter(public_id=public_id).select_related("post").first()
    if bulletin is None:
        raise Http404
    return bulletin


def trend_for(request, public_id):
    from gamsa.investigations.bulletins.models import TrendReport

    require(request, "trends")
    report = TrendReport.objects.filter(public_id=public_id).select_related("unit", "reported_by").first()
    if report is None or not visible_trends(request.user, TrendReport.objects.filter(pk=report.pk)).exists():
        raise Http404
    return report
