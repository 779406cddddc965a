"""Rounds, the yearly summary, the map and its data endpoint, the patrol API, guardians and the demo hook."""

from __future__ import annotations

import base64
import datetime as dt
import json
from decimal import Decimal

import pytest

from gamsa.core.models import Event, User
from gamsa.patrols.findings import services as svc
from gamsa.patrols.findings.demo import load_demo_patrols
from gamsa.patrols.models import (
    ComplaintStatus,
    FieldCategory,
    FieldComplaint,
    FieldItem,
    Finding,
    FindingStatus,
    Guardian,
    GuardianTraining,
    PatrolRound,
    RoundKind,
)
from gamsa.patrols.rounds.services import create_round, yearly_summary
from gamsa.patrols.tests.test_patrol_findings import (  # noqa: F401
    category,
    new_finding,
    patrol_setup,
    png_bytes,
    unit,
    user,
)

# --- rounds -----------------------------------------------------------------------------------------------------


def test_round_create_page_and_planned_theme_required(patrol_setup, client, login):  # noqa: F811
    login("patrol")
    bad = client.post(
        "/patrols/rounds/new/", {"kind": "planned", "date": "2026-11-20", "residents": 0, "police": 0}
    )
    assert bad.status_code == 400 and "기획순찰은 주제를 적어 주세요" in bad.content.decode()
    assert not PatrolRound.objects.exists()
    ok = client.post(
        "/patrols/rounds/new/",
        {
            "kind": "night_joint",
            "date": "2026-11-20",
            "residents": 6,
            "police": 2,
            "participants_note": "지구대",
            "staff": [user("patrol").pk],
            "route": "37.5263, 126.8962\n37.5270, 126.8970",
        },
    )
    assert ok.status_code == 302
    patrol_round = PatrolRound.objects.get()
    assert patrol_round.kind == RoundKind.NIGHT_JOINT and patrol_round.police == 2
    assert patrol_round.route == [[37.5263, 126.8962], [37.527, 126.897]]
    assert list(patrol_round.staff.all()) == [user("patrol")]
    assert Event.objects.filter(verb="patrol_round.created", target_id=patrol_round.number).exists()
    detail = client.get(f"/patrols/rounds/{patrol_round.number}/").content.decode()
    assert "야간 합동순찰" in detail and "2026. 11. 20." in detail


def test_yearly_summary_by_kind(patrol_setup):  # noqa: F811
    patrol = user("patrol")
    planned = create_round(patrol, kind=RoundKind.PLANNED, theme="해빙기", date=dt.date(2026, 3, 2))
    joint = create_round(patrol, kind=RoundKind.DONG_POLICE, date=dt.date(2026, 4, 2), police=2)
    create_round(patrol, kind=RoundKind.NEIGHBOURHOOD, date=dt.date(2025, 4, 2))  # other year
    for _ in range(3):
        new_finding(round=planned)
    new_finding(round=joint)
    summary = yearly_summary(2026)
    rows = {r["kind"]: r for r in summary["rows"]}
    assert rows["planned"]["rounds"] == 1 and rows["planned"]["findings"] == 3
    assert rows["dong_police"]["findings"] == 1
    assert summary["joint"] == {"rounds": 1, "findings": 1}
    assert summary["total"]["rounds"] == 2


def test_round_pages_denied_to_departments(patrol_setup, client, login):  # noqa: F811
    login("liaison")
    assert client.get("/patrols/rounds/").status_code == 404
    assert client.post("/patrols/rounds/new/", {"kind": "routine", "date": "2026-11-20"}).status_code == 404
    assert not PatrolRound.objects.exists()


def test_summary_page(patrol_setup, client, login):  # noqa: F811
    create_round(user("patrol"), kind=RoundKind.ROUTINE, date=dt.date(2026, 5, 1))
    login("council")
    page = client.get("/patrols/rounds/summary/?year=2026")
    assert page.status_code == 200 and "2026년 순찰 실적" in page.content.decode()


# --- map --------------------------------------------------------------------------------------------------------


@pytest.fixture
def map_records(patrol_setup):  # noqa: F811
    field, _ = FieldCategory.objects.get_or_create(name="테스트 분야")
    item, _ = FieldItem.objects.get_or_create(
        category=field, name="무단투기(테스트)", defaults={"code": "t-dump"}
    )
    other, _ = FieldItem.objects.get_or_create(
        category=field, name="포트홀(테스트)", defaults={"code": "t-pot"}
    )
    now = dt.datetime.now(dt.UTC)
    rows = [
        ("C1", item, "건설과", ComplaintStatus.RECEIVED),
        ("C2", item, "도로과", ComplaintStatus.DONE),
        ("C3", other, "건설과", ComplaintStatus.PROCESSING),
    ]
    for n, (ref, it, unit_name, status) in enumerate(rows):
        FieldComplaint.objects.create(
            source_id=ref,
            received_at=now - dt.timedelta(days=n + 1),
            item=it,
            title="t",
            latitude=Decimal("37.52") + Decimal(n) / 1000,
            longitude=Decimal("126.89"),
            unit=unit(unit_name),
            status=status,
            due_at=now,
        )
    road_finding = new_finding(unit_name="도로과", category=category("도로"))
    street_finding = new_finding(unit_name="건설과")
    return {"item": item, "road": road_finding, "street": street_finding}


def _data(client, query=""):
    response = client.get("/patrols/map/data.json" + query)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def test_map_data_is_compact_and_filters(map_records, client, login):
    login("patrol")
    data = _data(client)
    assert data["fields"][:4] == ["kind", "ref", "lat", "lng"]
    refs = {p[1] for p in data["points"]}
    assert {"C1", "C2", "C3", map_records["road"].case_number, map_records["street"].case_number} <= refs
    assert all(isinstance(p, list) and len(p) == 8 for p in data["points"])
    assert data["links"]["1"].replace("__REF__", "X") == "/patrols/findings/X/"
    assert data["links"]["0"].replace("__REF__", "C1") == "/patrols/field/c/C1/"
    open_refs = {p[1] for p in _data(client, "?status=open")["points"]}
    assert "C2" not in open_refs and "C1" in open_refs
    item_refs = {p[1] for p in _data(client, f"?what=complaints&item={map_records['item'].pk}")["points"]}
    assert item_refs == {"C1", "C2"}
    by_category = {p[1] for p in _data(client, f"?category={category('도로').pk}")["points"]}
    assert by_category == {map_records["road"].case_number}
    by_unit = {p[1] for p in _data(client, f"?unit={unit('도로과').pk}")["points"]}
    assert by_unit == {"C2", map_records["road"].case_number}
    assert _data(client, "?days=abc&status=bogus")["count"] == len(refs)  # bad filters fall back


def test_map_data_is_gzipped_when_asked(map_records, client, login):
    login("patrol")
    response = client.get("/patrols/map/data.json?days=365", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200 and response["Content-Encoding"] == "gzip"


def test_department_sees_only_its_own_records_on_the_map(map_records, client, login):
    login("liaison")
    refs = {p[1] for p in _data(client)["points"]}
    assert refs == {"C1", "C3", map_records["street"].case_number}


def test_map_page_without_tiles_still_works(map_records, client, login, settings):
    settings.GAMSA_MAP_TILE_URL = ""
    login("patrol")
    page = client.get("/patrols/map/").content.decode()
    assert "배경 없이 위치만 표시합니다" in page
    assert (
        "vendor/leaflet/leaflet.js" in page and "leaflet.markercluster.js" in page and "<script>" not in page
    )


def test_map_denied_to_outsiders(map_records, client, login):
    login("citizen")
    assert client.get("/patrols/map/data.json").status_code == 404


# --- API --------------------------------------------------------------------------------------------------------


def test_api_create_route_answer_close(patrol_setup, client, login):  # noqa: F811
    login("patrol")
    created = client.post(
        "/api/v1/findings",
        {
            "category": "가로정비",
            "title": "API 적출",
            "latitude": "37.5264",
            "longitude": "126.8962",
            "photos": [{"name": "a.png", "data_base64": base64.b64encode(png_bytes()).decode()}],
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    number = body["case_number"]
    assert body["status"] == "routed" and body["unit"] == "건설과" and len(body["photos"]) == 1
    rounds = client.post(
        "/api/v1/patrol-rounds", {"kind": "routine", "date": "2026-11-20"}, content_type="application/json"
    )
    assert rounds.status_code == 201 and rounds.json()["kind_label"] == "상시순찰"
    assert client.get("/api/v1/patrol-rounds").json()["count"] == 1
    client.logout()

    login("liaison")
    assert client.get("/api/v1/findings").json()["count"] == 1
    denied = client.post(f"/api/v1/findings/{number}/close", {}, content_type="application/json")
    assert denied.status_code == 403
    assert Finding.objects.get(case_number=number).status == FindingStatus.ROUTED
    no_create = client.post(
        "/api/v1/findings", {"category": "가로정비", "title": "x"}, content_type="application/json"
    )
    assert no_create.status_code == 403 and Finding.objects.count() == 1
    answered = client.post(
        f"/api/v1/findings/{number}/answer", {"answer": "정비"}, content_type="application/json"
    )
    assert answered.status_code == 200 and answered.json()["status"] == "answered"
    client.logout()

    login("patrol")
    closed = client.post(
        f"/api/v1/findings/{number}/close", {"note": "확인"}, content_type="application/json"
    )
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    schema = client.get("/api/v1/openapi.json").json()
    assert (
        "/api/v1/findings/{case_number}/answer" in schema["paths"]
        and "/api/v1/patrol-rounds" in schema["paths"]
    )
    again = client.post(f"/api/v1/findings/{number}/close", {}, content_type="application/json")
    assert again.status_code == 400 and "확인 종결" in again.json()["detail"]


def test_api_hides_findings_of_departments_not_its_own_and_validates(patrol_setup, client, login):  # noqa: F811
    finding = new_finding(unit_name="도로과", category=category("도로"))
    login("liaison")
    assert client.get(f"/api/v1/findings/{finding.case_number}").status_code == 404
    client.logout()
    login("patrol")
    bad = client.post(
        "/api/v1/findings",
        {"category": "없는분야", "title": "x"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "알 수 없는 분야" in bad.json()["detail"]
    outside = client.post(
        "/api/v1/findings",
        {"category": "도로", "title": "x", "latitude": "10", "longitude": "10"},
        content_type="application/json",
    )
    assert outside.status_code == 400 and Finding.objects.count() == 1


# --- guardians, training, demo ----------------------------------------------------------------------------------


def test_appoint_guardian_and_record_training(patrol_setup, client, login):  # noqa: F811
    login("patrol")
    response = client.post(
        "/patrols/guardians/",
        {
            "username": "newguard",
            "full_name": "이지킴",
            "phone": "010-1111-2222",
            "appointed_on": "2026-11-01",
            "password": "guardian-pass-2026",
        },
    )
    assert response.status_code == 302
    guardian = Guardian.objects.get(user__username="newguard")
    assert guardian.user.kind == "volunteer"
    response = client.post(
        "/patrols/guardians/training/",
        {"title": "신고 요령 교육", "held_on": "2026-11-10", "hours": "2", "attendees": [guardian.pk]},
    )
    assert response.status_code == 302
    training = GuardianTraining.objects.get()
    assert list(training.attendees.all()) == [guardian]
    client.logout()
    login("liaison")
    assert client.get("/patrols/guardians/").status_code == 404


def test_demo_hook_is_idempotent(patrol_setup):  # noqa: F811
    load_demo_patrols()
    counts = (PatrolRound.objects.count(), Finding.objects.count(), User.objects.count())
    load_demo_patrols()
    assert (PatrolRound.objects.count(), Finding.objects.count(), User.objects.count()) == counts
    assert counts[0] == 5 and counts[1] == 16
    routed = Finding.objects.get(source=Finding.Source.GUARDIAN)
    assert routed.status == FindingStatus.ROUTED and routed.unit == unit("건설과")


def test_state_error_shows_korean_message(patrol_setup, client, login):  # noqa: F811
    finding = new_finding(unit_name="건설과")
    svc.answer_finding(user("liaison"), finding, answer="조치")
    svc.close_finding(user("patrol"), finding)
    login("patrol")
    response = client.post(f"/patrols/findings/{finding.case_number}/act/return/", {"return-note": "다시"})
    assert response.status_code == 409 and "보완을 요구할 수 있습니다" in response.content.decode()


def test_every_patrol_page_renders_for_the_team(patrol_setup, client, login):  # noqa: F811
    load_demo_patrols()
    login("patrol")
    number = PatrolRound.objects.first().number
    case = Finding.objects.first().case_number
    for url in (
        "/patrols/findings/",
        "/patrols/findings/?status=open&source=guardian",
        "/patrols/findings/new/",
        f"/patrols/findings/{case}/",
        "/patrols/rounds/",
        "/patrols/rounds/?kind=planned",
        "/patrols/rounds/new/",
        f"/patrols/rounds/{number}/",
        "/patrols/rounds/summary/",
        "/patrols/duplicates/",
        "/patrols/guardians/",
        "/patrols/guardians/training/",
        "/patrols/map/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    home = client.get("/").content.decode()
    assert "/patrols/findings/" in home and "/patrols/map/" in home  # navigation under 순찰팀


def test_record_finding_page_keeps_input_and_creates(patrol_setup, client, login):  # noqa: F811
    login("patrol")
    bad = client.post("/patrols/findings/new/", {"category": category().pk, "title": "표지판 기울어짐"})
    text = bad.content.decode()
    assert (
        bad.status_code == 400 and "장소(주소) 또는 좌표를 입력하세요" in text and "표지판 기울어짐" in text
    )
    assert not Finding.objects.exists()
    ok = client.post(
        "/patrols/findings/new/",
        {
            "category": category().pk,
            "title": "표지판 기울어짐",
            "latitude": "37.5264",
            "longitude": "126.8962",
            "unit": unit("도로과").pk,
            "due_date": "2026-12-15",
        },
    )
    assert ok.status_code == 302
    finding = Finding.objects.get()
    assert finding.unit == unit("도로과") and finding.due_date == dt.date(2026, 12, 15)
    assert finding.status == FindingStatus.ROUTED


def test_summary_reproduces_the_2025_report_table(patrol_setup):  # noqa: F811
    """순찰팀 2025: 기획 330건(7회), 상시 257건, 주민합동 694건(273회) = 야간 21(7) + 동네한바퀴 67(14) + 동장·지구대장
    606(252); 1,281건 in all."""
    patrol = user("patrol")
    street = category()
    plan = {
        RoundKind.PLANNED: (7, 330),
        RoundKind.NIGHT_JOINT: (7, 21),
        RoundKind.NEIGHBOURHOOD: (14, 67),
        RoundKind.DONG_POLICE: (252, 606),
    }
    findings = []
    serial = 0

    def finding(**extra):
        nonlocal serial
        serial += 1
        return Finding(
            case_number=f"2025-9{serial:05d}",
            category=street,
            title="적출",
            status=FindingStatus.CLOSED,
            reported_at=dt.datetime(2025, 6, 1, 10, tzinfo=dt.UTC),
            **extra,
        )

    for kind, (n_rounds, n_findings) in plan.items():
        rounds = [
            PatrolRound.objects.create(
                number=f"2025-{kind[:2]}{i:04d}",
                kind=kind,
                theme="주제",
                date=dt.date(2025, 5, 1),
                created_by=patrol,
            )
            for i in range(n_rounds)
        ]
        findings += [finding(round=rounds[i % n_rounds]) for i in range(n_findings)]
    findings += [finding() for _ in range(257)]  # 상시순찰: recorded without a round
    Finding.objects.bulk_create(findings)
    s = yearly_summary(2025)
    rows = {r["kind"]: (r["findings"], r["rounds"]) for r in s["rows"]}
    assert rows == {
        "planned": (330, 7),
        "routine": (257, 0),
        "night_joint": (21, 7),
        "neighbourhood": (67, 14),
        "dong_police": (606, 252),
    }
    assert s["joint"] == {"findings": 694, "rounds": 273}
    assert s["total"]["findings"] == 1281
