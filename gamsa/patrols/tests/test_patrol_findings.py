"""Findings: creation, routing, the department's answer, the patrol team's close or return; due dates on concrete
dates with holidays; every transition's event; and denials that change nothing."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from gamsa.core.calendar import SEOUL
from gamsa.core.models import Event, Membership, OrgUnit, Role, User
from gamsa.core.services import add_membership, create_person
from gamsa.core.work import desk
from gamsa.patrols.findings import services as svc
from gamsa.patrols.findings.demo import seed_finding_categories
from gamsa.patrols.guardians.demo import ensure_guardian_account
from gamsa.patrols.models import Finding, FindingCategory, FindingStatus, Photo

CENTRE = (Decimal("37.526400"), Decimal("126.896200"))


def png_bytes(colour="blue") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (32, 24), colour).save(out, format="PNG")
    return out.getvalue()


def user(username: str) -> User:
    return User.objects.get(username=username)


def unit(name: str) -> OrgUnit:
    return OrgUnit.objects.get(name=name)


@pytest.fixture
def patrol_setup(demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    seed_finding_categories()
    ensure_guardian_account()
    return demo


def category(name="가로정비") -> FindingCategory:
    return FindingCategory.objects.get(name=name)


def new_finding(actor="patrol", *, source=Finding.Source.PATROL, unit_name=None, **extra) -> Finding:
    fields = {
        "category": category(),
        "title": "보도블록 파손",
        "address": "영등포구 영등포로 150",
        "latitude": CENTRE[0],
        "longitude": CENTRE[1],
    }
    fields.update(extra)
    return svc.create_finding(
        user(actor), source=source, unit=unit(unit_name) if unit_name else None, **fields
    )


# --- services ---------------------------------------------------------------------------------------------------


def test_patrol_finding_with_a_unit_starts_routed_with_number_due_date_photo_and_event(patrol_setup):
    finding = new_finding(photos=[(png_bytes(), "현장.png")])
    year = dt.datetime.now(SEOUL).year
    assert finding.case_number.startswith(f"{year}-")
    assert finding.status == FindingStatus.ROUTED
    assert finding.unit == unit("건설과")  # the category's default department
    assert finding.routed_at is not None and finding.due_date is not None
    photo = finding.photos.get()
    assert photo.stage == Photo.Stage.BEFORE and photo.attachment.owner_id == finding.case_number
    event = Event.objects.get(verb="finding.created", target_id=finding.case_number)
    assert event.details["unit"] == "건설과" and event.details["status"] == "routed"


def test_guardian_report_starts_reported(patrol_setup):
    finding = new_finding("guardian", source=Finding.Source.GUARDIAN)
    assert finding.status == FindingStatus.REPORTED and finding.routed_at is None


def test_due_date_counts_working_days_over_chuseok(patrol_setup):
    """Reported Wed 2026-09-23 with 3 working days: 24·25 추석, 26·27 weekend → 28, 29, 30 → due 2026-09-30."""
    street = category()
    street.due_days = 3
    street.save()
    finding = new_finding(reported_at=dt.datetime(2026, 9, 23, 10, 0, tzinfo=SEOUL))
    assert finding.due_date == dt.date(2026, 9, 30)
    assert finding.case_number.startswith("2026-")


def test_due_date_plain_week(patrol_setup):
    """Reported Thu 2026-11-26 with 7 working days: 27, 30, 1, 2, 3, 4, 7 → due Mon 2026-12-07."""
    finding = new_finding(reported_at=dt.datetime(2026, 11, 26, 15, 0, tzinfo=SEOUL))
    assert finding.due_date == dt.date(2026, 12, 7)


def test_route_answer_close(patrol_setup):
    finding = new_finding("guardian", source=Finding.Source.GUARDIAN)
    svc.route_finding(user("patrol"), finding, unit=unit("건설과"), requested_action="재시공")
    finding.refresh_from_db()
    assert finding.status == FindingStatus.ROUTED and finding.requested_action == "재시공"
    svc.answer_finding(
        user("liaison"), finding, answer="보도블록 교체", photos=[(png_bytes("green"), "after.png")]
    )
    finding.refresh_from_db()
    assert finding.status == FindingStatus.ANSWERED and finding.answered_by == user("liaison")
    assert finding.photos.filter(stage=Photo.Stage.AFTER).count() == 1
    svc.close_finding(user("patrol"), finding, note="현장 확인")
    finding.refresh_from_db()
    assert finding.status == FindingStatus.CLOSED and finding.closed_by == user("patrol")
    verbs = list(
        Event.objects.filter(target_id=finding.case_number, verb__startswith="finding.")
        .order_by("at", "id")
        .values_list("verb", flat=True)
    )
    assert verbs == ["finding.created", "finding.routed", "finding.answered", "finding.closed"]


def test_return_for_more_work_then_close(patrol_setup):
    finding = new_finding(unit_name="건설과")
    svc.answer_finding(user("liaison"), finding, answer="임시 조치")
    svc.return_finding(user("patrol"), finding, note="완전 복구 필요", due_date=dt.date(2026, 12, 31))
    finding.refresh_from_db()
    assert finding.status == FindingStatus.RETURNED and finding.due_date == dt.date(2026, 12, 31)
    svc.answer_finding(user("depthead"), finding, answer="전면 재시공")
    svc.close_finding(user("patrol"), finding)
    finding.refresh_from_db()
    assert finding.status == FindingStatus.CLOSED and finding.answer == "전면 재시공"


def test_state_machine_refuses_out_of_order_steps(patrol_setup):
    finding = new_finding(unit_name="건설과")
    with pytest.raises(svc.FindingStateError):
        svc.close_finding(user("patrol"), finding)
    with pytest.raises(svc.FindingStateError):
        svc.answer_finding(user("liaison"), finding, answer="  ")
    finding.refresh_from_db()
    assert finding.status == FindingStatus.ROUTED
    assert not Event.objects.filter(verb="finding.closed").exists()


def test_rejected_photo_stores_nothing(patrol_setup):
    from gamsa.core.filecheck import FileRejected

    before = Finding.objects.count()
    with pytest.raises(FileRejected):
        new_finding(photos=[(b"MZ\x90\x00 not an image", "photo.jpg")])
    assert Finding.objects.count() == before


# --- views: the workflow as people do it ------------------------------------------------------------------------


def test_workflow_through_the_pages(patrol_setup, client, login):
    finding = new_finding("guardian", source=Finding.Source.GUARDIAN)
    url = f"/patrols/findings/{finding.case_number}/"
    login("patrol")
    page = client.get(url)
    assert page.status_code == 200 and "부서에 통보" in page.content.decode()
    response = client.post(
        url + "act/route/", {"route-unit": unit("건설과").pk, "route-requested_action": "정비"}
    )
    assert response.status_code == 302
    client.logout()

    login("liaison")
    inbox = client.get("/patrols/findings/").content.decode()
    assert "우리 부서 적출사항" in inbox and finding.case_number in inbox
    missing_photo = client.post(url + "act/answer/", {"answer-answer": "정비 완료"})
    assert missing_photo.status_code == 400 and "조치 후 사진을 올려 주세요" in missing_photo.content.decode()
    response = client.post(
        url + "act/answer/",
        {
            "answer-answer": "정비 완료",
            "answer-photo": SimpleUploadedFile("after.png", png_bytes("green"), "image/png"),
        },
    )
    assert response.status_code == 302
    client.logout()

    login("patrol")
    assert client.post(url + "act/close/", {"close-note": "확인"}).status_code == 302
    finding.refresh_from_db()
    assert finding.status == FindingStatus.CLOSED
    assert finding.photos.filter(stage=Photo.Stage.AFTER).exists()
    detail = client.get(url).content.decode()
    assert "확인 종결" in detail and "조치 후" in detail


def test_department_desk_shows_open_findings_with_due_dates(patrol_setup):
    finding = new_finding(unit_name="건설과")
    now = dt.datetime.now(SEOUL)
    items = [i for bucket in desk(user("liaison"), now).values() for i in bucket]
    mine = [i for i in items if i.reference == finding.case_number]
    assert mine and mine[0].due_at.date() == finding.due_date
    patrol_items = [i for bucket in desk(user("patrol"), now).values() for i in bucket]
    assert finding.case_number not in [i.reference for i in patrol_items]  # routed: the department's turn


# --- denials change nothing -------------------------------------------------------------------------------------


@pytest.fixture
def road_liaison(patrol_setup):
    person = create_person(None, username="roadliaison", password="x-very-long-pass-123", kind="staff")
    add_membership(None, user=person, unit=unit("도로과"), role=Role.DEPT_LIAISON)
    return person


def test_a_department_not_routed_to_gets_404_and_nothing_changes(road_liaison, client, login):
    finding = new_finding(unit_name="건설과")
    login("roadliaison")
    url = f"/patrols/findings/{finding.case_number}/"
    assert client.get(url).status_code == 404
    assert client.post(url + "act/answer/", {"answer-answer": "x"}).status_code == 404
    finding.refresh_from_db()
    assert finding.status == FindingStatus.ROUTED and finding.answer == ""
    assert finding.case_number not in client.get("/patrols/findings/").content.decode()


def test_department_cannot_route_or_close(patrol_setup, client, login):
    finding = new_finding(unit_name="건설과")
    svc.answer_finding(user("liaison"), finding, answer="조치")
    login("liaison")
    url = f"/patrols/findings/{finding.case_number}/"
    assert client.post(url + "act/close/", {"close-note": ""}).status_code == 403
    assert client.post(url + "act/route/", {"route-unit": unit("도로과").pk}).status_code == 403
    finding.refresh_from_db()
    assert finding.status == FindingStatus.ANSWERED and finding.unit == unit("건설과")
    assert not Event.objects.filter(verb__in=["finding.closed", "finding.routed"]).exists()


def test_council_reads_but_cannot_write(patrol_setup, client, login):
    finding = new_finding(unit_name="건설과")
    login("council")
    url = f"/patrols/findings/{finding.case_number}/"
    assert client.get(url).status_code == 200
    assert client.post(url + "act/dismiss/", {"dismiss-note": "x"}).status_code == 403
    finding.refresh_from_db()
    assert finding.status == FindingStatus.ROUTED


def test_unrouted_guardian_report_is_not_in_department_inbox(patrol_setup, client, login):
    finding = new_finding("guardian", source=Finding.Source.GUARDIAN)  # default unit 건설과, not routed yet
    login("liaison")
    assert client.get(f"/patrols/findings/{finding.case_number}/").status_code == 404


def test_citizen_auditor_volunteer_is_not_a_guardian(patrol_setup, client, login):
    login("volunteer")
    assert client.get("/patrols/guardian/report/").status_code == 404
    before = Finding.objects.count()
    client.post("/patrols/guardian/report/", {"title": "x"})
    assert Finding.objects.count() == before


def test_guardian_sees_only_own_reports(patrol_setup, client, login):
    other = new_finding(unit_name="건설과")
    mine = new_finding("guardian", source=Finding.Source.GUARDIAN, title="내 신고")
    login("guardian")
    assert client.get(f"/patrols/findings/{other.case_number}/").status_code == 404
    assert client.get(f"/patrols/findings/{mine.case_number}/").status_code == 200
    page = client.get("/patrols/guardian/mine/").content.decode()
    assert "내 신고" in page and other.case_number not in page


def test_guardian_report_form_with_location_and_fallback(patrol_setup, client, login):
    login("guardian")
    form = client.get("/patrols/guardian/report/").content.decode()
    assert 'capture="environment"' in form and 'accept="image/*"' in form and "guardian.js" in form
    no_place = client.post(
        "/patrols/guardian/report/",
        {
            "category": category().pk,
            "title": "가로등 꺼짐",
            "photo": SimpleUploadedFile("a.png", png_bytes(), "image/png"),
        },
    )
    assert no_place.status_code == 400 and "주소를 직접 적어 주세요" in no_place.content.decode()
    assert "가로등 꺼짐" in no_place.content.decode()  # what was typed is kept
    ok = client.post(
        "/patrols/guardian/report/",
        {
            "category": category().pk,
            "title": "가로등 꺼짐",
            "latitude": "37.526400",
            "longitude": "126.896200",
            "photo": SimpleUploadedFile("a.png", png_bytes(), "image/png"),
        },
    )
    assert ok.status_code == 302
    finding = Finding.objects.get(title="가로등 꺼짐")
    assert finding.source == Finding.Source.GUARDIAN and finding.status == FindingStatus.REPORTED
    assert finding.latitude == Decimal("37.526400") and finding.photos.count() == 1


def test_guardian_demo_account_is_idempotent(patrol_setup):
    ensure_guardian_account()
    ensure_guardian_account()
    guardian = user("guardian")
    assert Membership.objects.filter(user=guardian, role=Role.VOLUNTEER, ended_on__isnull=True).count() == 1
    assert guardian.guardian.ended_on is None
