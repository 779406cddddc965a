"""A refused form keeps what was typed, with a clear Korean message (HTTP 400), and changes nothing."""

from __future__ import annotations

import pytest

from gamsa.ethics.committee import services as committee
from gamsa.ethics.registration import reviews
from gamsa.ethics.tests.helpers import D, declarant, meeting, members, officer, reviewed, snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_client(client, demo):
    from gamsa.conftest import verified_login

    return verified_login(client, officer())


def test_a_refused_decision_keeps_the_typed_values(officer_client):
    review = reviewed(declarant())
    reviews.conclude(officer(), review, conclusion="referred", on=D("2026-04-20"), opinion="누락")
    members()
    m = meeting("2026-05-21")
    committee.build_agenda(officer(), m)
    item = m.items.get()
    before = snapshot()
    response = officer_client.post(
        f"/ethics/committee/meetings/{m.public_id}/act/decide/",
        {"item": str(item.public_id), "decision": "amended", "on": "2026-05-21", "measures": ["publication"],
         "text": "공표만 하자는 의견"},
    )  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 400
    assert "다른 조치와 함께" in html and 'value="공표만 하자는 의견"' in html
    assert 'value="publication" checked' in html and 'value="amended" selected' in html
    assert snapshot() == before


def test_a_refused_extension_keeps_the_typed_values(officer_client):
    d = declarant()
    filing = d.filings.get(kind="initial")
    before = snapshot()
    response = officer_client.post(
        f"/ethics/roster/{d.public_id}/act/extend/",
        {"filing": str(filing.public_id), "days": "30", "reason": "장기 입원"},
    )
    assert response.status_code == 302  # 30 days: allowed
    response = officer_client.post(
        f"/ethics/roster/{d.public_id}/act/filed/", {"filing": str(filing.public_id), "on": "2025-01-01"}
    )
    html = response.content.decode()
    assert (
        response.status_code == 400 and "기산일보다 빠를 수 없습니다" in html and 'value="2025-01-01"' in html
    )
    assert snapshot()[1] != before[1]  # only the extension was saved


def test_a_refused_application_keeps_the_typed_values(officer_client):
    d = declarant()
    response = officer_client.post(
        f"/ethics/roster/{d.public_id}/refusal/",
        {"relation": "mother", "occupation": "약사", "annual_income": "일억", "trigger": "initial"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert 'value="약사"' in html and "고지거부자 성명" in html and "입력한 내용에 고칠 곳이 있습니다" in html
