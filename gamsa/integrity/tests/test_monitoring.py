"""Monitoring of corruption-prone areas: findings routed to the department through the patrol app's services, the
department answers on the patrol app's finding page, the programme closes or returns it here."""

from __future__ import annotations

import pytest

from gamsa.core.models import Event
from gamsa.integrity.models import MonitoringFinding, VulnerableArea
from gamsa.integrity.monitoring import routing
from gamsa.integrity.monitoring import services as svc
from gamsa.integrity.tests.helpers import D, unit, user


@pytest.fixture
def monitoring_round(demo):
    area = VulnerableArea.objects.get(name="인허가")
    return svc.create_round(user("leader"), area=area, title="인허가 처리 실태", starts_on=D("2026-03-02"))


def test_finding_routed_answered_on_the_patrol_page_and_closed_here(
    client, as_user, monitoring_round, isolated_settings
):
    as_user("auditor")
    response = client.post(
        f"/integrity/monitoring/{monitoring_round.number}/act/finding/",
        {
            "title": "처리기한 지난 인허가 3건",
            "description": "지연 사유 없음",
            "unit": unit("건설과").pk,
            "due_date": "2026-12-31",
        },
    )
    assert response.status_code == 302
    link = MonitoringFinding.objects.get()
    finding = link.finding
    assert finding.status == routing.FindingStatus.ROUTED and finding.unit.name == "건설과"
    assert finding.category.name == routing.CATEGORY and not finding.category.active
    assert Event.objects.filter(verb="finding.created", target_id=finding.case_number).exists()
    # the department sees and answers it on the patrol app's own page
    as_user("liaison")
    page = client.get(f"/patrols/findings/{finding.case_number}/")
    assert page.status_code == 200 and "처리기한 지난 인허가" in page.content.decode()
    routing.answer_finding(user("liaison"), finding, answer="지연 사유를 보완했습니다.")
    # the programme closes it from the monitoring page
    as_user("auditor")
    body = client.get(f"/integrity/monitoring/{monitoring_round.number}/").content.decode()
    assert "지연 사유를 보완했습니다." in body and "부서 조치 완료" in body
    client.post(
        f"/integrity/monitoring/{monitoring_round.number}/act/close/",
        {"finding": finding.case_number, "note": "확인"},
    )
    finding.refresh_from_db()
    assert finding.status == routing.FindingStatus.CLOSED and finding.closed_by == user("auditor")


def test_closing_before_the_answer_is_refused(monitoring_round):
    link = svc.add_finding(
        user("leader"), monitoring_round, title="지적", description="", unit=unit("건설과")
    )
    with pytest.raises(svc.MonitoringError):
        svc.close(user("leader"), link)
    link.finding.refresh_from_db()
    assert link.finding.status == routing.FindingStatus.ROUTED


def test_bad_finding_form_keeps_what_was_typed(client, as_user, monitoring_round):
    as_user("auditor")
    response = client.post(
        f"/integrity/monitoring/{monitoring_round.number}/act/finding/", {"title": "제목만 적음", "unit": ""}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'value="제목만 적음"' in body and "입력한 내용에 고칠 곳" in body
    assert not MonitoringFinding.objects.exists()
