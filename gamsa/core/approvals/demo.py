"""Demo data for approvals: the default rules, explicit ranks of the demo signers and a 부구청장 for the rules that
need one. Idempotent."""

from __future__ import annotations

from gamsa.core import services as core_services
from gamsa.core.approvals.models import DelegationRule, NumberFormat, Position, Rank
from gamsa.core.approvals.seeds import seed_rules
from gamsa.core.models import OrgUnit, User, UserKind


def _position(user: User | None, unit: OrgUnit | None, rank: str, title: str) -> None:
    if user is None or unit is None or Position.objects.filter(user=user, active=True).exists():
        return
    Position.objects.create(user=user, unit=unit, rank=rank, title=title)


def load() -> None:
    seed_rules(DelegationRule, NumberFormat)
    construction = OrgUnit.objects.filter(name="건설과").first()
    office = OrgUnit.objects.filter(is_audit_office=True, kind="department").first()
    people = {
        u.username: u for u in User.objects.filter(username__in=["teamlead", "depthead", "head", "leader"])
    }
    _position(people.get("teamlead"), construction, Rank.TEAM_LEAD, "도로관리팀장")
    _position(people.get("depthead"), construction, Rank.DEPT_HEAD, "건설과장")
    _position(people.get("head"), office, Rank.DEPT_HEAD, "감사담당관")
    _position(
        people.get("leader"), OrgUnit.objects.filter(office_team="audit").first(), Rank.TEAM_LEAD, "감사팀장"
    )
    root = OrgUnit.objects.filter(depth=0).order_by("sort_order").first()
    deputy = User.objects.filter(username="deputy").first()
    if deputy is None and root is not None:
        deputy = core_services.create_person(
            None,
            username="deputy",
            password=None,
            kind=UserKind.STAFF,
            full_name="윤정민",
            position="부구청장",
            unit=root,
        )
    _position(deputy, root, Rank.DEPUTY, "부구청장")
