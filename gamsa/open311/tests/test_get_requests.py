"""GET requests.{xml,json} and requests/{id}: filters, the 90-day / 1,000 defaults, no personal data."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from gamsa.open311.tests.conftest import REQUEST_FIELDS, W3C, check_request, children, json_of, xml_of
from gamsa.patrols.fieldcomplaints.services import create_complaint, update_status
from gamsa.patrols.models import ComplaintStatus, FieldComplaint, FieldItem

pytestmark = pytest.mark.django_db


def complaint(code="traffic-illegal-parking", days_ago=1, **extra):
    fields = {
        "title": "불법 주차",
        "body": "차가 보도에 있습니다.",
        "address": "서울특별시 영등포구 당산로 123",
        "latitude": "37.526",
        "longitude": "126.896",
    }
    fields.update(extra)
    return create_complaint(
        None,
        item=FieldItem.objects.get(code=code),
        received_at=timezone.now() - dt.timedelta(days=days_ago),
        source="open311",
        reporter_name="홍길동",
        reporter_phone="010-9876-5432",
        reporter_email="hong@example.com",
        device_id="device-777",
        **fields,
    )


def ids(response) -> list[str]:
    return [row["service_request_id"] for row in json_of(response)]


def test_requests_xml_matches_the_spec_example(client, district):
    c = complaint()
    response = client.get("/open311/v2/requests.xml?jurisdiction_id=ydp.seoul.kr")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    root = xml_of(response)
    assert root.tag == "service_requests"
    request = root.find("request")
    assert children(request) == REQUEST_FIELDS
    assert request.findtext("service_request_id") == c.source_id
    assert request.findtext("status") == "open"
    assert request.findtext("status_notes") == "접수"
    assert request.findtext("service_name") == "불법주정차"
    assert request.findtext("service_code") == "traffic-illegal-parking"
    assert request.findtext("agency_responsible") == "주차관리과"
    assert request.findtext("expected_datetime").endswith("+09:00")
    assert W3C.match(request.findtext("requested_datetime"))
    assert request.findtext("lat") == "37.526" and request.findtext("long") == "126.896"
    assert request.find("zipcode").text is None  # empty element for a null


def test_requests_json_rows_follow_the_schema_and_closed_uses_the_close_time(client, district):
    c = complaint()
    processed = timezone.now() - dt.timedelta(hours=2)
    update_status(None, c, status=ComplaintStatus.DONE, result="이동 조치했습니다.", processed_at=processed)
    rows = json_of(client.get("/open311/v2/requests.json"))
    assert isinstance(rows, list) and len(rows) == 1
    check_request(rows[0])
    assert rows[0]["status"] == "closed" and rows[0]["status_notes"] == "처리완료"
    assert (
        rows[0]["updated_datetime"]
        == processed.astimezone(dt.UTC)
        .astimezone(rows_tz(rows[0]["updated_datetime"]))
        .replace(microsecond=0)
        .isoformat()
    )
    assert (
        rows[0]["expected_datetime"]
        == c.due_at.astimezone(rows_tz(rows[0]["expected_datetime"])).replace(microsecond=0).isoformat()
    )
    assert rows[0]["lat"] == 37.526


def rows_tz(value: str):
    return dt.datetime.fromisoformat(value).tzinfo


def test_no_personal_data_in_any_output(client, district):
    c = complaint(body="연락 주세요 010-2222-3333, kim@example.org 주민 900101-1234567")
    outputs = [
        client.get("/open311/v2/requests.json").content,
        client.get("/open311/v2/requests.xml?extensions=true").content,
        client.get(f"/open311/v2/requests/{c.source_id}.json?extensions=true").content,
    ]
    for body in outputs:
        text = body.decode()
        for personal in (
            "홍길동",
            "010-9876-5432",
            "hong@example.com",
            "device-777",
            "010-2222-3333",
            "kim@example.org",
            "900101-1234567",
        ):
            assert personal not in text
        assert "연락 주세요 ***" in text
        for name in ("email", "phone", "first_name", "last_name", "device_id", "account_id"):
            assert f'"{name}"' not in text and f"<{name}>" not in text


def test_default_window_is_90_days(client, district):
    recent, old = complaint(days_ago=89), complaint(days_ago=91)
    assert ids(client.get("/open311/v2/requests.json")) == [recent.source_id]
    # service_request_id overrides all other arguments, the window included.
    both = ids(client.get(f"/open311/v2/requests.json?service_request_id={old.source_id},{recent.source_id}"))
    assert sorted(both) == sorted([old.source_id, recent.source_id])


def test_at_most_1000_newest_first(client, district):
    item = FieldItem.objects.get(code="traffic-illegal-parking")
    now = timezone.now()
    FieldComplaint.objects.bulk_create(
        FieldComplaint(
            source_id=f"B-{i:05d}",
            source="eungdapso",
            received_at=now - dt.timedelta(minutes=i + 1),
            item=item,
            title="대량",
            due_at=now,
        )
        for i in range(1005)
    )
    rows = json_of(client.get("/open311/v2/requests.json"))
    assert len(rows) == 1000
    assert rows[0]["service_request_id"] == "B-00000" and rows[-1]["service_request_id"] == "B-00999"
    page2 = json_of(client.get("/open311/v2/requests.json?page=2&page_size=1000"))
    assert [r["service_request_id"] for r in page2] == [f"B-{i:05d}" for i in range(1000, 1005)]
    page = json_of(client.get("/open311/v2/requests.json?page=3&page_size=10"))
    assert [r["service_request_id"] for r in page] == [f"B-{i:05d}" for i in range(20, 30)]


def test_filters_service_code_status_and_dates(client, district):
    parking = complaint(days_ago=5)
    light = complaint(code="safety-security-light", days_ago=20)
    done = complaint(code="safety-security-light", days_ago=30)
    update_status(None, done, status=ComplaintStatus.DONE)

    assert ids(client.get("/open311/v2/requests.json?service_code=traffic-illegal-parking")) == [
        parking.source_id
    ]
    both = ids(
        client.get("/open311/v2/requests.json?service_code=traffic-illegal-parking,safety-security-light")
    )
    assert both == [parking.source_id, light.source_id, done.source_id]
    assert ids(client.get("/open311/v2/requests.json?status=closed")) == [done.source_id]
    assert ids(client.get("/open311/v2/requests.json?status=open")) == [parking.source_id, light.source_id]
    assert len(ids(client.get("/open311/v2/requests.json?status=open,closed"))) == 3
    assert len(ids(client.get("/open311/v2/requests.json?status="))) == 3  # empty = absent

    start = (timezone.now() - dt.timedelta(days=25)).astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    end = (timezone.now() - dt.timedelta(days=10)).astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert ids(client.get(f"/open311/v2/requests.json?start_date={start}&end_date={end}")) == [
        light.source_id
    ]
    # Only start_date: 90 days from it. Only end_date: the 90 days before it.
    assert len(ids(client.get(f"/open311/v2/requests.json?start_date={start}"))) == 2
    assert ids(client.get(f"/open311/v2/requests.json?end_date={end}")) == [light.source_id, done.source_id]


@pytest.mark.parametrize(
    "query, fragment",
    [
        ("start_date=yesterday", "start_date"),
        ("start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z", "90일"),
        ("start_date=2026-06-01T00:00:00Z&end_date=2026-01-01T00:00:00Z", "앞섭니다"),
        ("status=pending", "status"),
        ("page_size=5000", "page_size"),
    ],
)
def test_bad_parameters_are_400(client, district, query, fragment):
    response = client.get(f"/open311/v2/requests.xml?{query}")
    assert response.status_code == 400
    root = xml_of(response)
    assert root.findtext("error/code") == "400" and fragment in root.findtext("error/description")


def test_single_request_is_still_a_list(client, district):
    c = complaint()
    root = xml_of(client.get(f"/open311/v2/requests/{c.source_id}.xml"))
    assert root.tag == "service_requests" and len(root.findall("request")) == 1
    assert root.findtext("request/service_request_id") == c.source_id
    data = json_of(client.get(f"/open311/v2/requests/{c.source_id}.json"))
    assert isinstance(data, list) and len(data) == 1
    check_request(data[0])


@pytest.mark.parametrize("fmt", ["xml", "json"])
def test_unknown_request_is_404(client, district, fmt):
    response = client.get(f"/open311/v2/requests/O311-1999-000001.{fmt}")
    assert response.status_code == 404
    body = xml_of(response).findtext("error/code") if fmt == "xml" else str(json_of(response)[0]["code"])
    assert body == "404"


def test_korean_status_only_with_extensions(client, district):
    c = complaint()
    update_status(None, c, status=ComplaintStatus.TRANSFERRED)
    plain = json_of(client.get(f"/open311/v2/requests/{c.source_id}.json"))[0]
    assert "extended_attributes" not in plain
    assert plain["status"] == "closed" and plain["status_notes"] == "이첩"
    extended = json_of(client.get(f"/open311/v2/requests/{c.source_id}.json?extensions=true"))[0]
    assert extended["extended_attributes"] == {
        "title": "불법 주차",
        "status_ko": "이첩",
        "detailed_status": "transferred",
        "channel": "open311",
    }
    root = xml_of(client.get("/open311/v2/requests.xml?extensions=true"))
    assert root.findtext("request/extended_attributes/status_ko") == "이첩"
