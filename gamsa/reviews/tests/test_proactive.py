"""적극행정: ranking and selection, pre-consulting presumption, exemption decisions and the quarterly list."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from gamsa.core.calendar import SEOUL
from gamsa.core.models import OrgUnit, User
from gamsa.reviews.models import Nomination
from gamsa.reviews.proactive import services as pro


@pytest.fixture
def auditor(demo):
    return User.objects.get(username="auditor")


def test_selection_ranks_by_average_total_and_selects_the_quota(auditor):
    rnd = pro.open_round(auditor, year=2025, half=1, quota=8)
    members = [pro.add_member(auditor, rnd, name=f"위원{i}") for i in range(3)]
    unit = OrgUnit.objects.get(name="건설과")
    nominations = [
        pro.nominate(
            auditor,
            rnd,
            nominee_name=f"공무원{i}",
            nominee_unit=unit,
            achievement=f"사례{i}",
            description="-",
        )
        for i in range(10)
    ]
    for i, n in enumerate(nominations[:9]):  # the last one is never scored
        for j, m in enumerate(members):
            pro.record_scores(auditor, n, m, {"difficulty": 10 + i, "proactivity": 10 + j, "impact": 20 + i})
    with pytest.raises(pro.ProactiveError, match="0점부터 30점"):
        pro.record_scores(
            auditor, nominations[0], members[0], {"difficulty": 31, "proactivity": 1, "impact": 1}
        )
    selected = pro.decide_round(auditor, rnd)
    assert len(selected) == 8
    ranked = list(Nomination.objects.filter(round=rnd, rank__isnull=False).order_by("rank"))
    # nomination i scores (10+i)+(10+j)+(20+i) per member j: average 41 + 2i
    assert [n.nominee_name for n in selected] == [f"공무원{i}" for i in range(8, 0, -1)]
    assert ranked[0].total_score == Decimal("57.00") and ranked[0].rank == 1
    assert Nomination.objects.get(nominee_name="공무원0").selected is False
    unscored = Nomination.objects.get(nominee_name="공무원9")
    assert (unscored.rank, unscored.selected, unscored.total_score) == (None, False, None)
    with pytest.raises(pro.ProactiveError):
        pro.record_scores(
            auditor, nominations[0], members[0], {"difficulty": 1, "proactivity": 1, "impact": 1}
        )


def test_pre_consulting_advice_presumes_exemption(auditor):
    liaison = User.objects.get(username="liaison")
    unit = OrgUnit.objects.get(name="건설과")
    consulting = pro.request_consulting(liaison, unit, subject="긴급 보수 수의계약", question="가능한가요?")
    case = pro.file_exemption(
        liaison, unit, applicant_name="김도현", matter="주의 요구 면책", consulting=consulting
    )
    assert case.presumed is False  # not advised yet
    pro.answer_consulting(auditor, consulting, advice="긴급 복구 사유로 수의계약 가능")
    case.refresh_from_db()
    assert case.presumed is True
    with pytest.raises(pro.ProactiveError):
        pro.file_exemption(
            liaison, OrgUnit.objects.get(name="주택과"), applicant_name="x", matter="y", consulting=consulting
        )


def test_quarter_lists_decisions_made_in_it(auditor):
    liaison = User.objects.get(username="liaison")
    unit = OrgUnit.objects.get(name="건설과")
    inside = pro.file_exemption(liaison, unit, applicant_name="가", matter="a")
    outside = pro.file_exemption(liaison, unit, applicant_name="나", matter="b")
    pro.decide_exemption(
        auditor,
        inside,
        decision="granted",
        reason="요건 충족",
        at=dt.datetime(2026, 9, 30, 23, 30, tzinfo=SEOUL),
    )
    pro.decide_exemption(
        auditor, outside, decision="denied", reason="중과실", at=dt.datetime(2026, 10, 1, 0, 10, tzinfo=SEOUL)
    )
    assert list(pro.decisions_in(2026, 3)) == [inside]
    assert list(pro.decisions_in(2026, 4)) == [outside]
    assert pro.quarter_bounds(2026, 4) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
