"""Role × action: a department sees only its own dispositions, a citizen auditor only their own assignments,
read-only users get 403, outsiders 404; nothing changes on denial."""

import datetime as dt

import pytest

from gamsa.audits.models import CitizenAssignment, Disposition, Engagement, FollowUpReport, SiteInspection
from gamsa.audits.services import citizen as csvc
from gamsa.audits.services import plans as svc
from gamsa.audits.tests.helpers import engagement, finding_with, moment, png_bytes, unit, user
from gamsa.core.models import Event, OrgUnit, User, UserKind
from gamsa.core.services import create_person

pytestmark = pytest.mark.django_db


def two_units():
    e = engagement(state="resulting", start=dt.date(2026, 6, 15), targets=("건설과", "도로과"))
    mine = finding_with(e, unit_name="건설과").dispositions.get()
    other = finding_with(e, unit_name="도로과").dispositions.get()
    svc.notify_result(user("leader"), e, notified_at=moment(2026, 8, 3))
    return e, Disposition.objects.get(pk=mine.pk), Disposition.objects.get(pk=other.pk)


def snapshot():
    return (
        Event.objects.count(),
        FollowUpReport.objects.count(),
        list(Disposition.objects.order_by("pk").values_list("status", "reminder_count")),
    )


def test_department_sees_only_its_own_dispositions(client, login, demo):
    _, mine, other = two_units()
    login("liaison")
    page = client.get("/audits/my-unit/").content.decode()
    assert str(mine.public_id) in page and str(other.public_id) not in page
    assert client.get(f"/audits/dispositions/{mine.public_id}/").status_code == 200
    assert client.get(f"/audits/dispositions/{other.public_id}/").status_code == 404
    before = snapshot()
    response = client.post(
        f"/audits/dispositions/{other.public_id}/followup/", {"text": "x", "recovered_amount": 0}
    )
    assert response.status_code == 404 and snapshot() == before
    assert client.get("/audits/").status_code == 404  # plans are the office's
    assert client.get("/audits/followups/").status_code == 404


def test_department_cannot_verify_or_remind(client, login, demo):
    _, mine, _ = two_units()
    login("depthead")
    before = snapshot()
    assert client.post(f"/audits/dispositions/{mine.public_id}/remind/").status_code == 403
    assert snapshot() == before


def test_read_only_council_and_the_rest_of_the_office_get_403_on_writes(client, login, demo):
    e, mine, _ = two_units()
    for username in ("council", "investigator"):
        client.logout()
        login(username)
        assert client.get(f"/audits/engagements/{e.case_number}/").status_code == 200
        before = snapshot()
        assert (
            client.post(f"/audits/engagements/{e.case_number}/do/publish/", {"summary": "x"}).status_code
            == 403
        )
        assert client.post(f"/audits/dispositions/{mine.public_id}/remind/").status_code == 403
        assert (
            client.post(f"/audits/dispositions/{mine.public_id}/followup/", {"text": "x"}).status_code == 403
        )
        assert snapshot() == before
        assert Engagement.objects.get(pk=e.pk).status == "resulting"


def test_citizen_and_anonymous_are_outsiders(client, login, demo):
    e, mine, _ = two_units()
    assert client.get(f"/audits/engagements/{e.case_number}/").status_code == 302  # to the login page
    login("citizen")
    for url in (
        "/audits/",
        f"/audits/engagements/{e.case_number}/",
        f"/audits/dispositions/{mine.public_id}/",
        "/audits/my-unit/",
        "/audits/citizen-auditors/mine/",
    ):
        assert client.get(url).status_code == 404, url


def make_citizen_auditor(username, name):
    person = create_person(
        None, username=username, password="pw-pw-pw-pw-1", kind=UserKind.VOLUNTEER, full_name=name
    )
    return csvc.appoint(
        user("leader"),
        user=person,
        unit=OrgUnit.objects.get(code="audit-audit"),
        cohort=8,
        field="general",
        term_start=dt.date(2026, 1, 1),
        term_end=dt.date(2027, 12, 31),
    )


def test_citizen_auditor_sees_only_own_assignments_and_engagements(client, login, demo, isolated_settings):
    me, other = make_citizen_auditor("ca1", "정하윤"), make_citizen_auditor("ca2", "한지호")
    leader = user("leader")
    mine_e = engagement(title="보건소 종합감사")
    other_e = engagement(title="다른 감사", start=dt.date(2026, 4, 6))
    svc.add_member(leader, mine_e, user=me.user, kind="citizen")
    mine_a = csvc.assign(
        leader, me, site="보도 정비공사 현장", scheduled_on=dt.date(2026, 11, 30), unit=unit("건설과")
    )
    other_a = csvc.assign(leader, other, site="하수관로 공사 현장", scheduled_on=dt.date(2026, 11, 30))
    login("ca1")
    listing = client.get("/audits/citizen-auditors/mine/").content.decode()
    assert "보도 정비공사 현장" in listing and "하수관로" not in listing
    assert client.get(f"/audits/engagements/{mine_e.case_number}/").status_code == 200
    assert client.get(f"/audits/engagements/{other_e.case_number}/").status_code == 404
    assert client.get(f"/audits/citizen-auditors/assignments/{other_a.public_id}/").status_code == 404
    before = SiteInspection.objects.count()
    response = client.post(
        f"/audits/citizen-auditors/assignments/{other_a.public_id}/report/", {"observations": "x"}
    )
    assert response.status_code == 404 and SiteInspection.objects.count() == before
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        f"/audits/citizen-auditors/assignments/{mine_a.public_id}/report/",
        {
            "observations": "안전펜스 일부 훼손",
            "issues_found": "on",
            "photo": SimpleUploadedFile("현장.png", png_bytes(), "image/png"),
        },
    )
    assert response.status_code == 302
    report = SiteInspection.objects.get(assignment=mine_a)
    assert report.issues_found
    api = client.get("/api/v1/audits/engagements").json()
    assert [x["case_number"] for x in api["items"]] == [mine_e.case_number]
    assert client.get("/audits/").status_code == 404
    assert CitizenAssignment.objects.count() == 2
    assert User.objects.get(username="ca1").memberships.filter(role="citizen_auditor").exists()


def test_roster_lists_citizen_auditors_and_logs_the_access(client, login, demo):
    from gamsa.core.models import AccessLog

    make_citizen_auditor("ca1", "정하윤")
    login("auditor")
    page = client.get("/audits/citizen-auditors/")
    assert page.status_code == 200 and "정하윤" in page.content.decode()
    assert AccessLog.objects.filter(target_type="audits.citizenauditor", user__username="auditor").exists()
    client.logout()
    login("liaison")
    assert client.get("/audits/citizen-auditors/").status_code == 404
