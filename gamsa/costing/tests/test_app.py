"""The app through the real stack: shipped rate data, the service, CLI, API, XLSX, pages, opinions, permissions."""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gamsa.core.models import Attachment, Event, Job, User
from gamsa.core.services import issue_api_token
from gamsa.costing import services
from gamsa.costing.engine.defaults import default_table
from gamsa.costing.engine.samples import SHEET_2025, SHEET_2026
from gamsa.costing.engine.sheet import SheetError, parse_xlsx
from gamsa.costing.models import CostReview, RateVersion
from gamsa.costing.upload import sample_xlsx

SAMPLES = Path(__file__).resolve().parents[3] / "docs" / "samples" / "costing"
LINE_KEYS = {
    "key",
    "stated_rate",
    "stated_amount",
    "allowed_rate",
    "allowed_amount",
    "difference",
    "rule",
    "basis",
}


def state():
    """Everything a denied request must leave untouched."""
    return (
        CostReview.objects.count(),
        RateVersion.objects.count(),
        RateVersion.objects.filter(active=True).count(),
        Event.objects.count(),
        Attachment.objects.count(),
    )


# --- shipped data and the service ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_migration_ships_a_b_active_and_c_as_drafts():
    assert RateVersion.objects.filter(active=True, confidence="C").count() == 0
    assert RateVersion.objects.filter(active=False, confidence="C").count() == 40
    health = RateVersion.objects.filter(key="health_insurance", active=True).order_by("effective_from")
    assert [(h.rate, h.effective_from.isoformat()) for h in health] == [
        (Decimal("0.035450"), "2024-01-01"),
        (Decimal("0.035950"), "2026-01-01"),
    ]
    # The database table and the engine's default table give the same review.
    assert services.active_table().lookup("general_admin", dt.date(2026, 3, 2)).rate == Decimal("0.08")
    from_db = services.compute(copy.deepcopy(SHEET_2026))[1].to_json()
    from_defaults = services.compute(copy.deepcopy(SHEET_2026), default_table())[1].to_json()
    assert from_db == from_defaults


def test_review_sheet_saves_record_and_event(demo):
    auditor = User.objects.get(username="auditor")
    review = services.review_sheet(auditor, copy.deepcopy(SHEET_2026), title="")
    assert review.title == SHEET_2026["title"] and review.public_id
    assert review.savings == review.stated_total - review.allowed_total > 0
    assert set(review.result) == {"lines", "totals"}
    event = Event.objects.get(verb="cost_review.created")
    assert event.target_id == str(review.public_id) and event.actor == auditor


def test_bad_sheet_saves_nothing(demo):
    before = state()
    with pytest.raises(SheetError):
        services.review_sheet(User.objects.get(username="auditor"), {"kind": "works", "lines": {}}, title="x")
    assert state() == before


def test_new_rate_version_changes_later_reviews_only(demo):
    admin = User.objects.get(username="admin")
    old_2025 = services.compute(copy.deepcopy(SHEET_2025))[1].to_json()
    services.add_rate_version(
        admin,
        key="industrial_accident_insurance",
        check_kind="legal",
        rate=Decimal("0.0370"),
        effective_from=dt.date(2027, 1, 1),
        base="노무비 계",
        source="가상의 2027 고시",
        confidence="A",
        active=True,
    )
    assert services.compute(copy.deepcopy(SHEET_2025))[1].to_json() == old_2025
    sheet_2027 = copy.deepcopy(SHEET_2026)
    sheet_2027["base_date"] = "2027-02-01"
    line = services.compute(sheet_2027)[1].line("industrial_accident_insurance")
    assert line.allowed_rate == Decimal("0.0370") and line.rule == "legal_under"


def test_c_grade_versions_are_saved_as_drafts(demo):
    admin = User.objects.get(username="admin")
    version = services.add_rate_version(
        admin,
        key="environment",
        check_kind="reference",
        rate=Decimal("0.005"),
        effective_from=dt.date(2026, 1, 1),
        base="직접공사비",
        source="제3자 코드",
        confidence="C",
        active=True,
    )
    assert version.active is False


# --- XLSX ----------------------------------------------------------------------------------------------------------


def test_sample_files_in_docs_round_trip():
    content = (SAMPLES / "sample-sheet.xlsx").read_bytes()
    sheet, data = parse_xlsx(content)
    assert data == json.loads((SAMPLES / "sample-sheet.json").read_text(encoding="utf-8"))
    assert sheet.lines["health_insurance"].rate == Decimal("0.03595")
    assert sample_xlsx() and parse_xlsx(sample_xlsx())[1] == data


def test_xlsx_round_trip_with_a_real_file(tmp_path):
    import openpyxl

    path = tmp_path / "sheet.xlsx"
    path.write_bytes(sample_xlsx())
    wb = openpyxl.load_workbook(path)
    ws = wb["원가계산서"]
    for row in ws.iter_rows():
        if row[1].value == "general_admin":
            row[2].value = 7.5
        if row[1].value == "base_date":
            row[3].value = dt.datetime(2025, 3, 4)
    wb.save(path)
    sheet, data = parse_xlsx(path.read_bytes())
    assert data["base_date"] == "2025-03-04" and data["lines"]["general_admin"] == {"rate": 0.075}
    # python-calamine reads the same file the same way (a second, independent reader).
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("원가계산서").to_python()
    assert any(r[1] == "general_admin" and float(r[2]) == 7.5 for r in rows)


def test_xlsx_errors_name_the_row():
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(sample_xlsx()))
    ws = wb["원가계산서"]
    bad_rows = {}
    for row in ws.iter_rows():
        if row[1].value == "profit":
            row[2].value = "열다섯"
            bad_rows["profit"] = row[0].row
        if row[1].value == "duration_days":
            row[3].value = 12.5
            bad_rows["duration"] = row[0].row
    buffer = io.BytesIO()
    wb.save(buffer)
    with pytest.raises(SheetError) as info:
        parse_xlsx(buffer.getvalue())
    fields = [e["field"] for e in info.value.errors]
    assert f"{bad_rows['profit']}행 (lines.profit.rate)" in fields
    assert f"{bad_rows['duration']}행 (duration_days)" in fields


# --- CLI -----------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_cli_json_keys_exactly():
    out = io.StringIO()
    call_command("costing", "review", str(SAMPLES / "sample-sheet.xlsx"), "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert set(data) == {"lines", "totals"}
    assert set(data["totals"]) == {"stated_total", "allowed_total", "savings"}
    assert all(set(line) == LINE_KEYS for line in data["lines"])
    assert all(
        isinstance(line["stated_amount"], int) and isinstance(line["difference"], int)
        for line in data["lines"]
    )
    general_admin = next(line for line in data["lines"] if line["key"] == "general_admin")
    assert (general_admin["stated_rate"], general_admin["allowed_rate"], general_admin["rule"]) == (
        0.09,
        0.08,
        "cap_cut",
    )
    assert CostReview.objects.count() == 0  # reviewing from the command line saves nothing unless asked


@pytest.mark.django_db
def test_cli_human_table_and_errors(tmp_path):
    out = io.StringIO()
    call_command("costing", "review", str(SAMPLES / "sample-sheet.json"), stdout=out)
    text = out.getvalue()
    assert "일반관리비" in text and "절감액" in text and "상한 초과" in text
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"kind": "works", "lines": {"profit": {"rate": 2}}}), encoding="utf-8")
    with pytest.raises(CommandError) as info:
        call_command("costing", "review", str(bad))
    assert "base_date" in str(info.value) and "lines.profit.rate" in str(info.value)


# --- API -----------------------------------------------------------------------------------------------------------


def bearer(username):
    _, raw = issue_api_token(User.objects.get(username=username), name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_api_json_review(client, demo):
    response = client.post(
        "/api/v1/costing/reviews", SHEET_2026, content_type="application/json", **bearer("auditor")
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) == {"lines", "totals"} and all(set(line) == LINE_KEYS for line in body["lines"])
    review = CostReview.objects.get()
    assert response["Location"] == f"/costing/{review.public_id}/"
    assert body["totals"]["savings"] == review.savings


def test_api_xlsx_upload(client, demo):
    response = client.post(
        "/api/v1/costing/reviews",
        {"file": io.BytesIO(sample_xlsx()), "title": "엑셀 업로드"},
        **bearer("leader"),
    )
    assert response.status_code == 201, response.content
    assert CostReview.objects.get().title == "엑셀 업로드"


def test_api_errors_list_each_bad_field_in_korean(client, demo):
    bad = copy.deepcopy(SHEET_2026)
    bad["base_date"] = "어제"
    bad["lines"]["vat"] = {"rate": "십퍼센트"}
    headers = bearer("auditor")
    before = state()
    response = client.post("/api/v1/costing/reviews", bad, content_type="application/json", **headers)
    assert response.status_code == 400
    errors = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert set(errors) == {"base_date", "lines.vat.rate"}
    assert "날짜" in errors["base_date"] and "요율" in errors["lines.vat.rate"]
    assert state() == before


@pytest.mark.parametrize("username", ["complaints", "council", "liaison", "investigator"])
def test_api_denied_changes_nothing(client, demo, username):
    headers = bearer(username)
    before = state()
    response = client.post("/api/v1/costing/reviews", SHEET_2026, content_type="application/json", **headers)
    assert response.status_code == 403
    assert state() == before


def test_api_needs_sign_in(client, demo):
    response = client.post("/api/v1/costing/reviews", SHEET_2026, content_type="application/json")
    assert response.status_code == 401 and CostReview.objects.count() == 0


# --- pages, opinions and permissions --------------------------------------------------------------------------------


def test_upload_page_review_and_opinions(login):
    client = login("auditor")
    page = client.get("/costing/new/")
    assert page.status_code == 200 and "원가계산서 파일" in page.content.decode()
    with open(SAMPLES / "sample-sheet.xlsx", "rb") as fh:
        response = client.post("/costing/new/", {"title": "", "file": fh, "sheet_json": ""})
    review = CostReview.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/costing/{review.public_id}/"
    assert review.source_file is not None and review.source_file.owner_id == str(review.public_id)
    html = client.get(response["Location"]).content.decode()
    assert "상한 초과: 상한율로 감액 (신고 9% → 인정 8%)" in html
    assert "법정요율 초과: 법정요율로 감액 (신고 3.5% → 인정 3.11%)" in html
    assert f"{review.savings:,}원" in html

    # The PDF is a background job (ADR 0008); its text is checked in test_opinion_pdf.py.
    started = client.post(f"/costing/{review.public_id}/opinion/pdf/")
    job = Job.objects.get(kind="cost_opinion_pdf")
    assert started.status_code == 302 and started["Location"] == f"/jobs/{job.public_id}/"
    assert job.status == Job.Status.DONE and job.result_file.file.read().startswith(b"%PDF-")

    hwpx = client.get(f"/costing/{review.public_id}/opinion.hwpx")
    assert hwpx.status_code == 200
    with zipfile.ZipFile(io.BytesIO(hwpx.content)) as zf:
        first = zf.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert zf.read("mimetype") == b"application/hwp+zip"
        assert {
            "version.xml",
            "Contents/header.xml",
            "Contents/section0.xml",
            "Contents/content.hpf",
            "META-INF/container.xml",
            "META-INF/manifest.xml",
        } <= set(zf.namelist())
        section = zf.read("Contents/section0.xml").decode("utf-8")
        assert (
            "원가계산 제비율 심사 의견서" in section and review.title in section and "일반관리비" in section
        )
        from xml.dom import minidom

        for name in zf.namelist():
            if name.endswith((".xml", ".hpf")):
                minidom.parseString(zf.read(name))  # well-formed XML
    from gamsa.core.filecheck import sniff

    assert sniff(hwpx.content) == "hwpx"


def test_upload_bad_json_keeps_text_and_saves_nothing(login):
    client = login("auditor")
    before = state()
    typed = '{"kind": "works", "base_date": "2026-02-30", "lines": {}}'
    response = client.post("/costing/new/", {"title": "시험", "sheet_json": typed})
    assert response.status_code == 200
    html = response.content.decode()
    assert "기준일은 2026-03-02 형식의 날짜여야 합니다." in html
    assert "2026-02-30" in html and 'value="시험"' in html  # what was typed is kept
    assert state() == before


def test_upload_rejects_a_foreign_file(login):
    client = login("auditor")
    before = state()
    fake = io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"0" * 100)
    fake.name = "sheet.xlsx"
    response = client.post("/costing/new/", {"file": fake})
    assert response.status_code == 200 and "UTF-8 JSON" in response.content.decode()
    assert state() == before


@pytest.mark.parametrize("username", ["complaints", "investigator", "liaison", "citizen", "council", "admin"])
def test_reviews_hidden_from_everyone_else(login, username):
    review = services.review_sheet(User.objects.get(username="auditor"), copy.deepcopy(SHEET_2026), title="t")
    client = login(username)
    before = state()
    for url in [
        "/costing/",
        "/costing/new/",
        f"/costing/{review.public_id}/",
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post(f"/costing/{review.public_id}/opinion/pdf/").status_code == 404
    assert client.post("/costing/new/", {"sheet_json": json.dumps(SHEET_2026)}).status_code == 404
    assert state() == before


def test_rate_admin_in_the_browser(login):
    client = login("admin")
    draft = RateVersion.objects.filter(confidence="C").first()
    page = client.get("/costing/rates/?show=draft").content.decode()
    assert str(draft.public_id) in page
    response = client.post(
        "/costing/rates/new/",
        {
            "key": "health_insurance",
            "check_kind": "legal",
            "rate_percent": "3.65",
            "effective_from": "2027-01-01",
            "base": "직접노무비",
            "base_amount": "0",
            "source": "국민건강보험법 시행령 제44조 (가상의 2027 개정)",
            "confidence": "A",
            "active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    created = RateVersion.objects.get(key="health_insurance", effective_from="2027-01-01")
    assert created.rate == Decimal("0.0365") and created.active and created.created_by.username == "admin"
    assert client.post(f"/costing/rates/{draft.public_id}/active/", {"active": "1"}).status_code == 302
    draft.refresh_from_db()
    assert draft.active and Event.objects.filter(verb="rate_version.activated").count() == 1


def test_rate_form_errors_keep_input(login):
    client = login("leader")
    before = state()
    response = client.post(
        "/costing/rates/new/",
        {
            "key": "vat",
            "check_kind": "legal",
            "rate_percent": "십",
            "effective_from": "2027-01-01",
            "base": "총원가",
            "source": "부가가치세법",
            "confidence": "A",
            "band_min": "5",
            "band_max": "3",
        },
    )
    html = response.content.decode()
    assert (
        response.status_code == 200
        and "요율은 숫자로 입력하세요" in html
        and "구간 상한은 하한보다 커야" in html
    )
    assert 'value="부가가치세법"' in html or "부가가치세법</textarea>" in html
    assert state() == before


@pytest.mark.parametrize(("username", "status"), [("council", 403), ("complaints", 403), ("citizen", 404)])
def test_rate_writes_denied_change_nothing(login, username, status):
    client = login(username)
    draft = RateVersion.objects.filter(confidence="C").first()
    before = state()
    assert client.post(f"/costing/rates/{draft.public_id}/active/", {"active": "1"}).status_code == status
    assert client.post("/costing/rates/new/", {"key": "vat"}).status_code == status
    assert state() == before


def test_navigation_entry_for_the_audit_team(login):
    html = login("auditor").get("/").content.decode()
    assert "/costing/" in html and "제비율 심사" in html
    assert '/costing/"' not in login("complaints").get("/").content.decode()


def test_demo_hook_is_idempotent(demo):
    from gamsa.costing.demo import load_demo_reviews

    load_demo_reviews()
    load_demo_reviews()
    assert CostReview.objects.filter(title__in=[SHEET_2026["title"], SHEET_2025["title"]]).count() == 2


def test_rate_pages_read_only_and_new_version_prefill(login):
    council = login("council")
    page = council.get("/costing/rates/")
    assert page.status_code == 200 and "새 요율 등록" not in page.content.decode()
    assert council.get("/costing/rates/new/").status_code == 403
    client = login("leader")
    health = RateVersion.objects.get(key="health_insurance", effective_from="2026-01-01")
    form = client.get(f"/costing/rates/new/?from={health.public_id}").content.decode()
    assert 'value="3.595' in form and "국민건강보험법 시행령 제44조제1항" in form
    assert client.get("/costing/rates/new/?from=not-a-uuid").status_code == 200


def test_rates_hidden_from_citizens(login):
    client = login("citizen")
    assert client.get("/costing/rates/").status_code == 404
    assert client.get("/costing/sample.xlsx").status_code == 404


def test_rate_import_all_or_nothing_and_idempotent(demo, tmp_path):
    import openpyxl

    from gamsa.costing.rates_io import ImportFailed, export_rates, import_rates

    admin = User.objects.get(username="admin")
    wb = openpyxl.load_workbook(io.BytesIO(export_rates()))
    ws = wb.active
    ws.append(
        [
            "national_pension",
            "legal",
            5,
            0,
            "직접노무비",
            dt.date(2027, 1, 1),
            "",
            "",
            None,
            None,
            None,
            None,
            "국민연금법 부칙 (2027 10%÷2)",
            "A",
            1,
            "",
        ]
    )
    good = io.BytesIO()
    wb.save(good)
    count = RateVersion.objects.count()
    assert import_rates(admin, good.getvalue()) == {"created": 1, "skipped": count}
    assert import_rates(admin, good.getvalue()) == {"created": 0, "skipped": count + 1}
    assert RateVersion.objects.get(key="national_pension", effective_from="2027-01-01").rate == Decimal(
        "0.05"
    )

    ws.append(
        [
            "pension",
            "legal",
            "다섯",
            0,
            "직접노무비",
            "2027-13-01",
            "",
            "",
            None,
            None,
            None,
            None,
            "",
            "A",
            1,
            "",
        ]
    )
    ws.append(
        [
            "vat",
            "legal",
            12,
            0,
            "총원가",
            dt.date(2028, 1, 1),
            "",
            "",
            None,
            None,
            None,
            None,
            "가상",
            "A",
            1,
            "",
        ]
    )
    bad = io.BytesIO()
    wb.save(bad)
    before = state()
    with pytest.raises(ImportFailed) as info:
        import_rates(admin, bad.getvalue())
    bad_row = ws.max_row - 1
    assert any(e.startswith(f"{bad_row}행 비목") for e in info.value.errors)
    assert any(e.startswith(f"{bad_row}행 요율(%)") for e in info.value.errors)
    assert any(e.startswith(f"{bad_row}행 적용 시작일") for e in info.value.errors)
    assert state() == before  # the good 2028 VAT row was not saved either
