"""A citizen who chose SMS also receives the transfer (이송), supplement (보완 요청) and progress (중간 통지) notices,
with the office's wording filled from the case, through SOLAPI's SDK against the fake server."""

from __future__ import annotations

import pytest

from gamsa.complaints.grievances import services as svc
from gamsa.core.calendar import format_moment
from gamsa.core.models import OrgUnit, User
from gamsa.core.notices.models import Delivery, Kind, Status
from gamsa.core.notices.tests.test_sending import NAME, PHONE, file_online

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _isolated(isolated_settings):
    return isolated_settings


def _texts(fake, skip: int = 1) -> list[str]:
    """The texts sent after the receipt notice (the first message)."""
    return [m["text"] for m in fake.messages[skip:]]


def test_sms_citizen_receives_supplement_and_progress_notices(
    client, demo, fake_solapi, django_capture_on_commit_callbacks
):
    g = file_online(client, django_capture_on_commit_callbacks, channel="sms")
    officer = User.objects.get(username="complaints")
    with django_capture_on_commit_callbacks(execute=True):
        svc.assign(officer, g, department=OrgUnit.objects.get(name="건설과"))
        svc.start_processing(officer, g)
    with django_capture_on_commit_callbacks(execute=True):
        svc.request_supplement(officer, g, reason="파손 위치를 알 수 있는 사진을 보내 주세요.")
    with django_capture_on_commit_callbacks(execute=True):
        svc.resume(officer, g)
        svc.send_progress_notice(officer, g, text="시공업체를 정해 다음 주에 보수할 예정입니다.")

    supplement, progress = _texts(fake_solapi)
    assert {m["to"] for m in fake_solapi.messages} == {"01034567890"}
    assert (
        f"{NAME}님의 민원(접수번호 {g.case_number}) 처리를 위해 다음 사항의 보완을 요청합니다." in supplement
    )
    assert "- 보완 내용: 파손 위치를 알 수 있는 사진을 보내 주세요." in supplement
    assert "시행령 제20조" in supplement
    assert f"{NAME}님의 민원(접수번호 {g.case_number}) 처리 상황을 알려 드립니다." in progress
    assert "시공업체를 정해 다음 주에 보수할 예정입니다." in progress
    g.refresh_from_db()
    assert f"- 처리기한: {format_moment(g.due_at)}" in progress  # the deadline moved by the pause
    assert "#{" not in supplement + progress  # every mark was filled
    rows = list(Delivery.objects.filter(target_id=g.case_number).order_by("id"))
    assert [(d.kind, d.channel, d.status) for d in rows] == [
        (Kind.RECEIPT, "sms", Status.SENT),
        (Kind.SUPPLEMENT, "sms", Status.SENT),
        (Kind.PROGRESS, "sms", Status.SENT),
    ]
    assert all(d.recipient_masked == "010-****-7890" for d in rows)


def test_sms_citizen_receives_the_transfer_notice(
    client, demo, fake_solapi, django_capture_on_commit_callbacks
):
    g = file_online(client, django_capture_on_commit_callbacks, channel="sms")
    officer = User.objects.get(username="complaints")
    with django_capture_on_commit_callbacks(execute=True):
        svc.transfer(officer, g, agency="서울특별시 도시기반시설본부", reason="시 관리 도로의 보도입니다.")

    (transfer,) = _texts(fake_solapi)
    assert fake_solapi.messages[-1]["to"] == PHONE.replace("-", "")
    assert (
        f"{NAME}님의 민원(접수번호 {g.case_number})은 소관 기관인 서울특별시 도시기반시설본부(으)로 이송되었습니다."
        in transfer
    )
    assert "- 이송 사유: 시 관리 도로의 보도입니다." in transfer
    assert "앞으로의 처리와 답변은 서울특별시 도시기반시설본부에서 드립니다" in transfer
    delivery = Delivery.objects.get(target_id=g.case_number, kind=Kind.TRANSFER)
    assert delivery.status == Status.SENT and delivery.provider_message_id.startswith("M4FAKE")


def test_a_citizen_who_chose_none_gets_no_step_notice(
    client, demo, fake_solapi, django_capture_on_commit_callbacks
):
    g = file_online(client, django_capture_on_commit_callbacks, channel="none", consent=False)
    officer = User.objects.get(username="complaints")
    with django_capture_on_commit_callbacks(execute=True):
        svc.transfer(officer, g, agency="서울특별시 도시기반시설본부", reason="시 관리 도로의 보도입니다.")
    assert fake_solapi.requests == []
    assert not Delivery.objects.filter(target_id=g.case_number).exists()
