"""재심의 of a 변상명령 is refused (공공감사에 관한 법률 제25조① 단서 → 회계관계직원 등의 책임에 관한 법률 제6조):
through the service, the disposition page's form and the API, with the reason in Korean and nothing recorded."""

import datetime as dt

import pytest

from gamsa.audits.models import Disposition, Reexamination
from gamsa.audits.services import AuditError
from gamsa.audits.services import findings as fsvc
from gamsa.audits.services import plans as svc
from gamsa.audits.tests.helpers import engagement, finding_with, moment, user
from gamsa.core.models import Event
from gamsa.core.services import issue_api_token

pytestmark = pytest.mark.django_db


def notified(kind: str) -> Disposition:
    e = engagement(state="resulting", start=dt.date(2026, 6, 15))
    finding_with(e, kind=kind)
    svc.notify_result(user("leader"), e, notified_at=moment(2026, 8, 3))
    return Disposition.objects.get(finding__engagement=e)


def assert_nothing_filed(d: Disposition) -> None:
    assert not Reexamination.objects.filter(disposition=d).exists()
    assert not Event.objects.filter(verb="reexamination.filed").exists()
    d.refresh_from_db()
    assert d.status == "open"


def test_service_refuses_a_restitution_order_with_the_reason(demo):
    d = notified("restitution")
    assert d.get_kind_display() == "변상명령"
    with pytest.raises(AuditError) as exc:
        fsvc.file_reexamination(user("depthead"), d, grounds="변상액 산정 오류", filed_at=moment(2026, 8, 20))
    message = str(exc.value)
    assert "공공감사에 관한 법률 제25조① 단서" in message
    assert "회계관계직원 등의 책임에 관한 법률" in message and "제6조" in message
    assert "감사원에 판정을 청구" in message
    assert_nothing_filed(d)


def test_remaining_dispositions_can_still_be_reexamined(demo):
    d = notified("correction")
    assert fsvc.reexamination_refusal(d) == ""
    item = fsvc.file_reexamination(
        user("depthead"), d, grounds="회수 금액 오류", filed_at=moment(2026, 8, 20)
    )
    assert Reexamination.objects.get(disposition=d) == item
    assert Event.objects.filter(verb="reexamination.filed").count() == 1


def test_page_shows_the_reason_instead_of_the_form_and_refuses_a_post(client, login, demo):
    d = notified("restitution")
    login("liaison")
    page = client.get(f"/audits/dispositions/{d.public_id}/").content.decode()
    assert 'data-testid="reexamination-refusal"' in page
    assert "공공감사에 관한 법률 제25조① 단서" in page
    assert f"audits/dispositions/{d.public_id}/reexamination/" not in page  # no filing form
    # A POST made anyway (an old tab, a crafted request) is refused with the same reason; the text stays.
    response = client.post(f"/audits/dispositions/{d.public_id}/reexamination/", {"grounds": "변상액 과다"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "회계관계직원 등의 책임에 관한 법률" in body
    assert_nothing_filed(d)


def test_page_still_offers_the_form_for_a_correction(client, login, demo):
    d = notified("correction")
    login("liaison")
    page = client.get(f"/audits/dispositions/{d.public_id}/").content.decode()
    assert 'data-testid="reexamination-refusal"' not in page
    assert f"/audits/dispositions/{d.public_id}/reexamination/" in page
    response = client.post(
        f"/audits/dispositions/{d.public_id}/reexamination/", {"grounds": "회수 금액 오류"}
    )
    assert response.status_code == 302
    assert Reexamination.objects.filter(disposition=d).count() == 1


def test_api_refuses_a_restitution_order_and_files_the_rest(client, demo):
    restitution, correction = notified("restitution"), notified("correction")
    _, token = issue_api_token(user("liaison"), name="test")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    r = client.post(
        f"/api/v1/audits/dispositions/{restitution.public_id}/reexaminations",
        {"grounds": "변상액 과다"},
        content_type="application/json",
        **auth,
    )
    assert r.status_code == 400
    assert "공공감사에 관한 법률 제25조① 단서" in r.json()["detail"]
    assert_nothing_filed(restitution)
    r = client.post(
        f"/api/v1/audits/dispositions/{correction.public_id}/reexaminations",
        {"grounds": "회수 금액 오류"},
        content_type="application/json",
        **auth,
    )
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["outcome"] == "" and body["grounds"] == "회수 금액 오류"
    # Notified Mon 3 Aug 2026: from 4 Aug, the day before 4 Sept → Thu 3 Sept.
    assert body["filing_due_at"].startswith("2026-09-03")
    assert Reexamination.objects.filter(disposition=correction).count() == 1


def test_api_filing_is_refused_to_read_only_and_foreign_units(client, login, demo):
    d = notified("correction")
    login("council")  # reads every disposition, files nothing
    r = client.post(
        f"/api/v1/audits/dispositions/{d.public_id}/reexaminations",
        {"grounds": "x"},
        content_type="application/json",
    )
    assert r.status_code == 403
    client.logout()
    e = engagement(state="resulting", start=dt.date(2026, 6, 15), targets=("도로과",))
    other = finding_with(e, unit_name="도로과").dispositions.get()
    svc.notify_result(user("leader"), e, notified_at=moment(2026, 8, 3))
    _, token = issue_api_token(user("liaison"), name="test")  # 건설과
    r = client.post(
        f"/api/v1/audits/dispositions/{other.public_id}/reexaminations",
        {"grounds": "x"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert r.status_code == 404
    assert not Reexamination.objects.exists()
    assert not Event.objects.filter(verb="reexamination.filed").exists()


def test_openapi_documents_the_filing(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    operation = paths["/api/v1/audits/dispositions/{public_id}/reexaminations"]["post"]
    assert "변상명령" in operation["summary"]
    assert {"201", "400", "403", "404"} <= set(operation["responses"])
