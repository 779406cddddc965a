"""POST requests.{xml,json} as the spec's example does: form-encoded, api_key, location, attribute[code]."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from gamsa.core.calendar import SEOUL
from gamsa.core.models import Event
from gamsa.open311 import services
from gamsa.open311.tests.conftest import children, json_of, xml_of
from gamsa.patrols.models import DeadlineBasis, FieldComplaint, FieldItem, Finding, FindingStatus

pytestmark = pytest.mark.django_db

FORM = "application/x-www-form-urlencoded; charset=utf-8"


def post(client, fmt, body: str):
    return client.post(f"/open311/v2/requests.{fmt}", data=body.encode("utf-8"), content_type=FORM)


def spec_example(key: str, **extra) -> str:
    """The spec's example body, with our service code and Seoul coordinates."""
    from urllib.parse import urlencode

    fields = {
        "api_key": key,
        "jurisdiction_id": "ydp.seoul.kr",
        "service_code": "traffic-illegal-parking",
        "lat": "37.526",
        "long": "126.896",
        "address_string": "서울특별시 영등포구 당산로 123",
        "email": "reporter@example.com",
        "device_id": "tt222111",
        "account_id": "123456",
        "first_name": "길동",
        "last_name": "홍",
        "phone": "010-1234-5678",
        "description": "횡단보도 위에 차가 세워져 있습니다.",
        "media_url": "https://example.com/photo.jpg",
        "attribute[vehicle_number]": "12가3456",
        "attribute[parking_place]": "crosswalk",
    }
    fields.update(extra)
    return urlencode({k: v for k, v in fields.items() if v is not None})


@pytest.fixture
def at_10am(monkeypatch):
    moment = dt.datetime(2026, 11, 26, 10, 0, tzinfo=SEOUL)
    monkeypatch.setattr(services, "now", lambda: moment)
    return moment


def test_post_xml_creates_a_field_complaint_with_the_items_deadline(district, partner_key, at_10am):
    client = Client(enforce_csrf_checks=True)  # the partner's server carries no CSRF cookie
    response = post(client, "xml", spec_example(partner_key))
    assert response.status_code == 200, response.content
    root = xml_of(response)
    assert root.tag == "service_requests"
    request = root.find("request")
    assert children(request) == ["service_request_id", "service_notice", "account_id"]
    number = request.findtext("service_request_id")
    assert number == "O311-2026-000001"
    assert request.findtext("service_notice") == "접수 후 3시간 이내 처리합니다."

    complaint = FieldComplaint.objects.get(source_id=number)
    assert complaint.source == "open311"
    assert complaint.item.code == "traffic-illegal-parking"
    assert complaint.received_at == at_10am
    assert complaint.due_at == dt.datetime(2026, 11, 26, 13, 0, tzinfo=SEOUL)  # 불법주정차: 3 hours
    assert complaint.unit.name == "주차관리과"
    assert complaint.reporter_name == "홍길동"
    assert complaint.reporter_phone == "010-1234-5678"
    assert complaint.reporter_email == "reporter@example.com"
    assert complaint.device_id == "tt222111"
    assert float(complaint.latitude) == 37.526 and float(complaint.longitude) == 126.896
    assert complaint.title == "횡단보도 위에 차가 세워져 있습니다."
    assert "차량번호를 알면 적어 주세요: 12가3456" in complaint.body
    assert "어디에 세워져 있나요: 횡단보도" in complaint.body
    assert "사진: https://example.com/photo.jpg" in complaint.body
    events = Event.objects.filter(target_id=str(complaint.public_id))
    assert set(events.values_list("verb", flat=True)) == {
        "fieldcomplaint.created",
        "open311.request_received",
    }
    # The events carry no personal data.
    for event in events:
        assert "010-1234-5678" not in str(event.details) and "reporter@" not in str(event.details)


def test_post_json_deadline_in_working_hours_skips_christmas_and_the_weekend(
    district, partner_key, monkeypatch
):
    FieldItem.objects.filter(code="safety-security-light").update(
        deadline_hours=8, deadline_basis=DeadlineBasis.WORKING_HOURS
    )
    # Thursday 24 December 2026, 16:00; Friday 25th is Christmas, then the weekend.
    monkeypatch.setattr(services, "now", lambda: dt.datetime(2026, 12, 24, 16, 0, tzinfo=SEOUL))
    response = post(
        Client(),
        "json",
        spec_example(
            partner_key,
            service_code="safety-security-light",
            **{
                "attribute[vehicle_number]": None,
                "attribute[parking_place]": None,
                "attribute[pole_number]": "영등포 12-345",
            },
        ),
    )
    assert response.status_code == 200, response.content
    data = json_of(response)
    assert list(data[0]) == ["service_request_id", "service_notice", "account_id"]
    assert data[0]["service_notice"] == "접수 후 근무시간 8시간 이내 처리합니다."
    complaint = FieldComplaint.objects.get(source_id=data[0]["service_request_id"])
    assert complaint.due_at.astimezone(SEOUL).date() == dt.date(2026, 12, 28)
    assert complaint.due_at == services_due(complaint)


def services_due(complaint):
    from gamsa.patrols.clock import complaint_due_at

    return complaint_due_at(complaint.item, complaint.received_at)


@pytest.mark.parametrize("fmt", ["xml", "json"])
@pytest.mark.parametrize("key", [None, "", "o311_not-a-real-key"])
def test_missing_or_invalid_api_key_is_403_and_creates_nothing(client, district, fmt, key):
    response = post(client, fmt, spec_example(key))
    assert response.status_code == 403
    errors = json_of(response) if fmt == "json" else xml_of(response)
    if fmt == "json":
        assert errors[0]["code"] == 403 and "api_key" in errors[0]["description"]
    else:
        assert errors.tag == "errors" and errors.findtext("error/code") == "403"
    assert FieldComplaint.objects.count() == 0


def test_revoked_key_is_403(client, district, partner_key):
    key = services.key_for(partner_key)
    services.revoke_key(None, key)
    assert post(client, "json", spec_example(partner_key)).status_code == 403
    assert FieldComplaint.objects.count() == 0


def test_missing_service_code_is_400(client, district, partner_key):
    response = post(client, "json", spec_example(partner_key, service_code=""))
    assert response.status_code == 400
    assert "service_code" in json_of(response)[0]["description"]
    assert FieldComplaint.objects.count() == 0


def test_unknown_service_code_is_404(client, district, partner_key):
    response = post(client, "xml", spec_example(partner_key, service_code="no-such-service"))
    assert response.status_code == 404
    assert xml_of(response).findtext("error/code") == "404"
    assert FieldComplaint.objects.count() == 0


def test_every_problem_is_listed_and_nothing_is_created(client, district, partner_key):
    body = spec_example(
        partner_key,
        lat=None,
        long=None,
        address_string=None,
        email="not-an-email",
        description="가" * 4001,
        **{"attribute[parking_place]": "rooftop"},
    )
    response = post(client, "xml", body)
    assert response.status_code == 400
    root = xml_of(response)
    descriptions = [e.findtext("description") for e in root.findall("error")]
    assert len(descriptions) == 4
    assert any("위치가 필요합니다" in d for d in descriptions)
    assert any("4,000자" in d for d in descriptions)
    assert any("email" in d for d in descriptions)
    assert any("parking_place" in d and "rooftop" in d for d in descriptions)
    assert all(e.findtext("code") == "400" for e in root.findall("error"))
    assert FieldComplaint.objects.count() == 0


def test_required_attribute_and_half_a_coordinate_are_400(client, district, partner_key):
    body = spec_example(partner_key, long=None, **{"attribute[parking_place]": None})
    response = post(client, "json", body)
    assert response.status_code == 400
    text = " ".join(e["description"] for e in json_of(response))
    assert "parking_place" in text and "필수" in text
    assert "위도와 경도는 함께" in text
    assert FieldComplaint.objects.count() == 0


def test_coordinates_outside_korea_are_400(client, district, partner_key):
    response = post(client, "json", spec_example(partner_key, lat="48.85", long="2.35"))
    assert response.status_code == 400
    assert "국내 범위" in json_of(response)[0]["description"]


def test_address_alone_is_enough_and_multivaluelist_is_parsed(client, district, partner_key):
    from urllib.parse import urlencode

    body = urlencode(
        [
            ("api_key", partner_key),
            ("service_code", "cleaning-illegal-dumping"),
            ("address_string", "서울특별시 영등포구 도림로 1"),
            ("attribute[waste_kind][]", "food"),
            ("attribute[waste_kind][]", "bulky"),
        ]
    )
    response = post(client, "json", body)
    assert response.status_code == 200, response.content
    complaint = FieldComplaint.objects.get(source_id=json_of(response)[0]["service_request_id"])
    assert complaint.latitude is None and complaint.address == "서울특별시 영등포구 도림로 1"
    assert "음식물, 대형폐기물" in complaint.body
    assert complaint.title == "쓰레기 무단투기 신고"


def test_address_id_is_a_location(client, district, partner_key):
    body = spec_example(partner_key, lat=None, long=None, address_string=None, address_id="1156010100")
    response = post(client, "json", body)
    assert response.status_code == 200
    complaint = FieldComplaint.objects.get()
    assert complaint.address == "주소 ID 1156010100"


def test_a_guardian_key_files_a_finding_and_gets_a_token(client, district, guardian_key, partner_key):
    from gamsa.patrols.findings.services import route_finding

    response = post(client, "xml", spec_example(guardian_key))
    assert response.status_code == 200, response.content
    request = xml_of(response).find("request")
    assert children(request) == ["token", "service_notice", "account_id"]
    token = request.findtext("token")
    assert FieldComplaint.objects.count() == 0
    finding = Finding.objects.get()
    assert finding.source == "open311" and finding.status == FindingStatus.REPORTED
    assert finding.reported_by.username == "guardian1"
    assert finding.category.name == "교통" and finding.item.code == "traffic-illegal-parking"
    assert finding.open311_token == token

    # Until the patrol team has routed it, the token resolves to no id yet, and the report is not public.
    data = json_of(client.get(f"/open311/v2/tokens/{token}.json"))
    assert data == [{"service_request_id": None, "token": token}]
    assert client.get(f"/open311/v2/requests/{finding.case_number}.json").status_code == 404

    from gamsa.core.models import OrgUnit

    route_finding(None, finding, unit=OrgUnit.objects.get(code="parking"))
    root = xml_of(client.get(f"/open311/v2/tokens/{token}.xml"))
    assert root.tag == "service_requests"
    assert children(root.find("request")) == ["service_request_id", "token"]
    assert root.findtext("request/service_request_id") == finding.case_number
    shown = json_of(client.get(f"/open311/v2/requests/{finding.case_number}.json"))[0]
    assert shown["status"] == "open" and shown["agency_responsible"] == "주차관리과"
    assert "김지킴" not in str(shown)
    assert shown["service_notice"] is None and shown["expected_datetime"].endswith("+09:00")
    # It is listed with the field complaints, newest first.
    complaint = post(client, "json", spec_example(partner_key))
    listed = [r["service_request_id"] for r in json_of(client.get("/open311/v2/requests.json"))]
    assert listed == [json_of(complaint)[0]["service_request_id"], finding.case_number]


def test_unknown_token_is_404(client, district):
    response = client.get("/open311/v2/tokens/nope.xml")
    assert response.status_code == 404
    assert xml_of(response).findtext("error/code") == "404"


def test_posts_are_rate_limited_per_key(client, district, partner_key, settings):
    from django.core.cache import cache

    cache.clear()
    settings.GAMSA_OPEN311_POSTS_PER_MINUTE = 2
    assert post(client, "json", spec_example(partner_key)).status_code == 200
    assert post(client, "json", spec_example(partner_key)).status_code == 200
    response = post(client, "json", spec_example(partner_key))
    assert response.status_code == 429
    assert json_of(response)[0]["code"] == 429
    assert FieldComplaint.objects.count() == 2
    cache.clear()


@pytest.mark.parametrize("how", ["no volunteer role", "term ended"])
def test_a_key_of_someone_who_is_no_guardian_files_a_field_complaint(client, district, guardian_key, how):
    """Open311 asks patrols who is a guardian (`guardian_of`): an active volunteer membership and an open Guardian
    profile. A key linked to anyone else files an ordinary field complaint, never a finding."""
    from gamsa.core.models import Membership, Role, User
    from gamsa.open311.permissions import is_guardian
    from gamsa.patrols.models import Guardian

    user = User.objects.get(username="guardian1")
    assert is_guardian(user)
    if how == "no volunteer role":
        Membership.objects.filter(user=user, role=Role.VOLUNTEER).delete()
    else:
        Guardian.objects.filter(user=user).update(ended_on=dt.date(2026, 3, 1))
    assert not is_guardian(User.objects.get(pk=user.pk))
    response = post(client, "json", spec_example(guardian_key))
    assert response.status_code == 200, response.content
    assert json_of(response)[0]["service_request_id"]
    assert Finding.objects.count() == 0 and FieldComplaint.objects.count() == 1
