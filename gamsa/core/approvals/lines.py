"""Building a line (결재선) from the delegation rules, the ranks of people and their absences. Reads only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from gamsa.core.approvals.models import RANK_ORDER, Absence, DelegationRule, Position, Rank, StepRole
from gamsa.core.models import Membership, OrgUnit, Role, UnitKind, User, UserKind


class LineError(ValueError):
    """The line cannot be built (no signer of the needed rank); the message is for the user."""


PROCESSING_KINDS = (UnitKind.DEPARTMENT, UnitKind.DONG, UnitKind.FACILITY)


@dataclass(frozen=True)
class LineEntry:
    role: str
    user: User
    rank: str
    title: str
    unit: OrgUnit


# --- rules ----------------------------------------------------------------------------------------------------


def rules_in_force(kind: str, on: dt.date) -> list[DelegationRule]:
    """The version of the kind's rules in force on `on`: the rows with the latest effective date on or before it."""
    latest = (
        DelegationRule.objects.filter(kind=kind, effective_from__lte=on)
        .order_by("-effective_from")
        .values_list("effective_from", flat=True)
        .first()
    )
    if latest is None:
        return []
    return list(DelegationRule.objects.filter(kind=kind, effective_from=latest))


def matching_rule(
    kind: str, on: dt.date, *, amount: int | None = None, grade: str = ""
) -> DelegationRule | None:
    """The rule that applies: a row for the document's grade wins over a row for every grade; the amount must fall
    in the row's range (a row with a range never matches a document without an amount)."""
    best = None
    for rule in rules_in_force(kind, on):
        if rule.grade and rule.grade != grade:
            continue
        if rule.amount_min is not None or rule.amount_max is not None:
            if amount is None:
                continue
            if rule.amount_min is not None and amount < rule.amount_min:
                continue
            if rule.amount_max is not None and amount >= rule.amount_max:
                continue
        score = (bool(rule.grade), rule.amount_min is not None or rule.amount_max is not None)
        if best is None or score > best[0]:
            best = (score, rule)
    return best[1] if best else None


# --- people -----------------------------------------------------------------------------------------------------


def processing_unit(unit: OrgUnit | None) -> OrgUnit | None:
    """The 처리과 of a unit: the unit itself or its nearest department, dong or facility above it."""
    while unit is not None and unit.kind not in PROCESSING_KINDS:
        unit = unit.parent
    return unit


def position_of(user: User) -> Position | None:
    return Position.objects.filter(user=user, active=True).select_related("unit").first()


def rank_of(user: User) -> tuple[str, str]:
    """(rank, 직위) of a person: their Position row, else derived from their roles and title."""
    pos = position_of(user)
    if pos is not None:
        return pos.rank, pos.title
    roles = set(Membership.objects.filter(user=user, ended_on__isnull=True).values_list("role", flat=True))
    title = user.position or ""
    if roles & {Role.OFFICE_HEAD, Role.DEPT_HEAD}:
        return Rank.DEPT_HEAD, title or "과장"
    if Role.TEAM_LEADER in roles or title.endswith("팀장"):
        return Rank.TEAM_LEAD, title or "팀장"
    return Rank.STAFF, title or "담당"


def _home_unit(user: User) -> OrgUnit | None:
    pos = position_of(user)
    return pos.unit if pos is not None else user.unit


def holders(rank: str, scope: OrgUnit) -> list[tuple[User, str, OrgUnit]]:
    """People of `rank` working in `scope` (its subtree): explicit positions first, then derived ranks."""
    found: dict[int, tuple[User, str, OrgUnit]] = {}
    for pos in Position.objects.filter(
        rank=rank, active=True, unit__path__startswith=scope.path, user__is_active=True
    ).select_related("user", "unit"):
        found.setdefault(pos.user_id, (pos.user, pos.title, pos.unit))
    if rank in (Rank.TEAM_LEAD, Rank.DEPT_HEAD):
        explicit = set(Position.objects.filter(active=True).values_list("user_id", flat=True))
        staff = (
            User.objects.filter(is_active=True, kind=UserKind.STAFF)
            .filter(Q(unit__path__startswith=scope.path) | Q(memberships__unit__path__startswith=scope.path))
            .exclude(pk__in=explicit)
            .select_related("unit")
            .distinct()
        )
        for user in staff:
            user_rank, title = rank_of(user)
            if user_rank == rank:
                found.setdefault(user.pk, (user, title, user.unit or scope))
    return list(found.values())


def _closest(candidates, drafter_unit: OrgUnit | None):
    """Of several holders, the one whose unit is nearest above the drafter's (their own team first)."""
    if not candidates:
        return None
    path = drafter_unit.path if drafter_unit else ""

    def key(c):
        unit = c[2]
        return (0 if path.startswith(unit.path) else 1, -unit.depth, c[0].pk)

    return sorted(candidates, key=key)[0]


def holder_for(rank: str, drafter: User, department: OrgUnit) -> tuple[User, str, OrgUnit] | None:
    drafter_unit = _home_unit(drafter)
    if rank in (Rank.TEAM_LEAD, Rank.DEPT_HEAD):
        scope = department
    elif rank == Rank.BUREAU_HEAD:
        scope = department.parent or department
    else:
        scope = (
            OrgUnit.objects.filter(agency=department.agency, depth=0).order_by("sort_order").first()
            or department
        )
    candidates = [c for c in holders(rank, scope) if c[0].pk != drafter.pk]
    return _closest(candidates, drafter_unit)


# --- the line ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    entries: list[LineEntry]
    signer_rank: str
    rule: DelegationRule | None
    department: OrgUnit


def build_line(
    kind: str,
    default_rank: str,
    drafter: User,
    *,
    on: dt.date,
    amount: int | None = None,
    grade: str = "",
    cooperators: list[User] | tuple = (),
) -> Line:
    """기안 (the drafter) → 검토 (each rank between) → 협조 (other units) → 결재 (the rank the rules name)."""
    department = processing_unit(_home_unit(drafter))
    if department is None:
        raise LineError("기안자의 소속 부서가 없어 결재선을 만들 수 없습니다. 소속을 먼저 지정하세요.")
    rule = matching_rule(kind, on, amount=amount, grade=grade)
    signer_rank = rule.signer_rank if rule else default_rank
    drafter_rank, drafter_title = rank_of(drafter)
    if RANK_ORDER[signer_rank] <= RANK_ORDER[drafter_rank]:
        # The drafter holds the authority: the next rank above signs (nobody signs their own draft).
        above = [r for r in Rank.values if RANK_ORDER[r] > RANK_ORDER[drafter_rank]]
        if not above:
            raise LineError("기안자보다 높은 결재권자가 없습니다.")
        signer_rank = above[0]
    entries = [
        LineEntry(StepRole.DRAFT, drafter, drafter_rank, drafter_title, _home_unit(drafter) or department)
    ]
    between = [r for r in Rank.values if RANK_ORDER[drafter_rank] < RANK_ORDER[r] < RANK_ORDER[signer_rank]]
    for rank in between:
        found = holder_for(rank, drafter, department)
        if found:
            entries.append(LineEntry(StepRole.REVIEW, found[0], rank, found[1], found[2]))
    seen = {e.user.pk for e in entries}
    for person in cooperators:
        if person.pk in seen:
            continue
        seen.add(person.pk)
        rank, title = rank_of(person)
        entries.append(LineEntry(StepRole.COOPERATE, person, rank, title, _home_unit(person) or department))
    signer = holder_for(signer_rank, drafter, department)
    if signer is None:
        raise LineError(
            f"이 문서의 결재권자({Rank(signer_rank).label})를 찾을 수 없습니다. "
            "결재 직위 화면에서 결재권자를 지정하거나 위임전결규정을 확인하세요."
        )
    if signer[0].pk in seen:
        entries = [e for e in entries if e.user.pk != signer[0].pk]
    entries.append(LineEntry(StepRole.SIGN, signer[0], signer_rank, signer[1], signer[2]))
    return Line(entries=entries, signer_rank=signer_rank, rule=rule, department=department)


# --- absences ---------------------------------------------------------------------------------------------------


def absence_of(user_id: int, on: dt.date) -> Absence | None:
    return (
        Absence.objects.filter(user_id=user_id, starts_on__lte=on, ends_on__gte=on)
        .select_related("acting")
        .first()
    )


def absent_for(acting: User, on: dt.date) -> list[int]:
    """The people `acting` stands in for today."""
    return list(
        Absence.objects.filter(acting=acting, starts_on__lte=on, ends_on__gte=on).values_list(
            "user_id", flat=True
        )
    )


def acting_candidates(user: User):
    """Who may stand in for `user` (직무대리자) when they register their own absence: active staff of their 처리과
    (its teams included), by unit or membership, not themselves."""
    department = processing_unit(_home_unit(user))
    if department is None:
        return User.objects.none()
    return (
        User.objects.filter(is_active=True, kind=UserKind.STAFF)
        .filter(
            Q(unit__path__startswith=department.path)
            | Q(memberships__unit__path__startswith=department.path, memberships__ended_on__isnull=True)
        )
        .exclude(pk=user.pk)
        .distinct()
        .order_by("full_name", "username")
    )
