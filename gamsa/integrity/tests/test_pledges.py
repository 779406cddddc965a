"""Pledges: a signature is the signed-in act with time and version; rates by department move; the department head
sees who has not signed (access-logged); 내 업무 reminds the unsigned; a new version does not touch old signatures."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from gamsa.core import work
from gamsa.core.models import AccessLog, Event
from gamsa.integrity.pledges import selectors
from gamsa.integrity.pledges import services as svc
from gamsa.integrity.pledges.models import PledgeSignature
from gamsa.integrity.tests.helpers import D, staff, user
from gamsa.integrity.viewkit import today


@pytest.fixture
def text(demo):
    year = today().year
    return svc.publish_text(
        user("leader"),
        year=year,
        title="청렴서약서",
        body="서약합니다.",
        effective_from=D(f"{year}-01-02"),
        sign_by=today() + dt.timedelta(days=10),
    )


def rate_of(unit_name: str) -> dict:
    rows, _ = selectors.rates(today().year)
    return next(r for r in rows if r["unit"] == unit_name)


def test_signing_in_the_browser_records_time_version_and_moves_the_rate(client, as_user, text):
    staff(3, "건설과")
    before = rate_of("건설과")
    as_user("liaison")
    page = client.get("/integrity/pledge/")
    assert "서약합니다." in page.content.decode() and "서명하기" in page.content.decode()
    refused = client.post("/integrity/pledge/", {})
    assert refused.status_code == 400 and not PledgeSignature.objects.exists()
    assert "확인란을 선택" in refused.content.decode()
    response = client.post("/integrity/pledge/", {"agree": "on"})
    assert response.status_code == 302
    signature = PledgeSignature.objects.get()
    assert signature.user == user("liaison") and signature.text == text and signature.unit.name == "건설과"
    assert abs((timezone.now() - signature.signed_at).total_seconds()) < 60
    assert Event.objects.filter(verb="pledge.signed", actor=user("liaison")).count() == 1
    after = rate_of("건설과")
    assert after["done"] == before["done"] + 1 and after["staff"] == before["staff"]
    assert after["rate"] > before["rate"]
    again = client.post("/integrity/pledge/", {"agree": "on"})
    assert again.status_code == 400 and "이미 서명" in again.content.decode()
    assert PledgeSignature.objects.count() == 1


def test_unsigned_staff_see_a_reminder_until_they_sign(text):
    liaison = user("liaison")
    items = [i for i in work.desk(liaison, timezone.now())["assigned"] if "청렴서약서" in i.title]
    assert len(items) == 1 and items[0].url == "/integrity/pledge/"
    svc.sign(liaison)
    items = [i for b in work.desk(liaison, timezone.now()).values() for i in b if "청렴서약서" in i.title]
    assert items == []
    # the council viewer is no staff member of the district: no reminder
    assert not [
        i for b in work.desk(user("council"), timezone.now()).values() for i in b if "청렴" in i.title
    ]


def test_department_head_sees_who_has_not_signed_and_it_is_logged(client, as_user, text):
    people = staff(2, "건설과")
    svc.sign(people[0])
    as_user("depthead")
    body = client.get("/integrity/pledges/unit/").content.decode()
    unsigned = body.split('data-testid="unsigned"')[1].split("</ul>")[0]
    assert people[1].full_name in unsigned and people[0].full_name not in unsigned
    assert "liaison" not in unsigned and user("liaison").full_name in unsigned
    log = AccessLog.objects.get(target_type="integrity.pledge_unit")
    assert log.user == user("depthead") and "성명" in log.fields


def test_a_new_version_keeps_the_old_signatures_and_new_ones_take_it(text):
    svc.sign(user("liaison"))
    newer = svc.publish_text(
        user("leader"), year=text.year, title="개정", body="새 문안", effective_from=D(f"{text.year}-01-03")
    )
    svc.sign(user("depthead"))
    assert PledgeSignature.objects.get(user=user("liaison")).text == text
    assert PledgeSignature.objects.get(user=user("depthead")).text == newer and newer.version == 2


def test_overall_rate_counts_every_staff_account(text):
    _, total = selectors.rates(today().year)
    assert total["done"] == 0 and total["staff"] > 20
    svc.sign(user("head"))
    _, total2 = selectors.rates(today().year)
    assert total2["done"] == 1 and total2["rate"] == round(100 / total2["staff"], 1)


def test_text_rules(demo):
    with pytest.raises(svc.PledgeError, match="시행일"):
        svc.publish_text(user("leader"), year=2026, title="t", body="b", effective_from=D("2025-12-31"))
