"""The screens over real HTTP: forms keep what was typed with a Korean reason, the phone report with a photo, the
end-of-term forms, and the API's figures."""

from __future__ import annotations

import pytest

from gamsa.core.models import Attachment
from gamsa.humanrights import models as m
from gamsa.humanrights.tests.helpers import planted, png

pytestmark = pytest.mark.django_db


def test_participant_rows_are_reported_by_line_and_what_was_typed_stays(login):
    p = planted()
    client = login("investigator")
    url = f"/humanrights/education/{p['session'].public_id}/participants/"
    raw = "김하나, 신길동, 010-1234-5678\n박둘, 문래동, 전화없음"
    response = client.post(url, {"raw": raw, "consented": "on"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "2행: 연락처 &#x27;전화없음&#x27;의 형식이 올바르지 않습니다." in html
    assert "김하나, 신길동, 010-1234-5678" in html  # the textarea keeps the list
    assert m.Participant.objects.filter(session=p["session"]).count() == 1
    response = client.post(url, {"raw": "김하나, 신길동", "consented": ""})
    assert response.status_code == 400 and "동의" in response.content.decode()
    assert client.post(url, {"raw": "김하나, 신길동", "consented": "on"}).status_code == 302
    assert m.Participant.objects.filter(session=p["session"]).count() == 2


def test_a_monitor_reports_from_the_phone_with_a_photo(login, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    planted()
    client = login("hr_mate")
    form = client.get("/humanrights/monitor/new/")
    assert form.status_code == 200 and 'accept="image/*"' in form.content.decode()
    data = {"kind": "campaign", "held_on": "2026-10-21", "place": "영등포역 광장", "title": "인권 캠페인",
            "content": "리플릿 배포"}  # fmt: skip
    refused = client.post("/humanrights/monitor/new/", data)
    assert refused.status_code == 400 and "참여·홍보 인원" in refused.content.decode()
    assert "영등포역 광장" in refused.content.decode()
    bad = client.post("/humanrights/monitor/new/", {**data, "reached": 120,
                                                    "photo": SimpleUploadedFile("a.png", b"not an image")})  # fmt: skip
    assert bad.status_code == 400 and not m.Activity.objects.filter(title="인권 캠페인").exists()
    good = client.post("/humanrights/monitor/new/", {**data, "reached": 120,
                                                     "photo": SimpleUploadedFile("a.png", png())})  # fmt: skip
    assert good.status_code == 302
    activity = m.Activity.objects.get(title="인권 캠페인")
    assert activity.monitor.user.username == "hr_mate" and activity.reached == 120
    photo = Attachment.objects.get(owner_type="humanrights.activity", owner_id=str(activity.public_id))
    assert client.get(f"/files/{photo.public_id}/").status_code == 200
    other = login("hr_other")
    assert other.get(f"/files/{photo.public_id}/").status_code == 404


def test_end_of_term_forms(login):
    p = planted()
    client = login("head")
    member = p["member"]
    response = client.post("/humanrights/committee/act/member_end/",
                           {"term": 6, "member": str(member.public_id), "left_on": "2026-03-01"})  # fmt: skip
    assert response.status_code == 302
    assert m.Member.objects.get(pk=member.pk).left_on.isoformat() == "2026-03-01"
    monitor = m.Monitor.objects.get(user__username="hr_other")
    response = client.post("/humanrights/monitors/act/end/",
                           {"cohort": 7, "monitor": str(monitor.public_id), "ended_on": "2026-12-01"})  # fmt: skip
    assert response.status_code == 302
    assert m.Monitor.objects.get(pk=monitor.pk).ended_on is not None
    login("hr_other")
    assert client.get("/humanrights/monitor/").status_code == 404  # the ended monitor's screen is gone


def test_api_figures_and_plan(login):
    planted()
    client = login("council")
    figures = client.get("/api/v1/humanrights/figures?year=2026").json()
    assert figures["assessments"] == {"assessed": 1, "revision_recommended": 1, "received": 2, "pending": 1,
                                      "answered": 0}  # fmt: skip
    assert [line["audience"] for line in figures["education"]] == ["staff", "resident", "visiting", "tour"]
    plan = client.get("/api/v1/humanrights/plans/2026").json()
    assert plan["measures"][0]["target"] == 2 and plan["measures"][0]["actual"] is None
    assert client.get("/api/v1/humanrights/plans/2019").status_code == 404
