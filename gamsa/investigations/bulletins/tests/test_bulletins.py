"""Misconduct-case bulletins end to end: items and their search, a bulletin posted to the staff board (its read
receipts are the board's and come back as the bulletin's read rate), card news travelling with it, 내 업무 for
unread bulletins, trend reports by department, the yearly figures and the API."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from gamsa.conftest import verified_login
from gamsa.core.board.models import Category, Post, ReadReceipt
from gamsa.core.models import AccessLog, Attachment, Event, OrgUnit, User
from gamsa.core.tests.pdfcheck import pdf_text
from gamsa.investigations.bulletins import selectors
from gamsa.investigations.bulletins import services as svc
from gamsa.investigations.bulletins.models import Bulletin, MisconductItem, TrendReport
from gamsa.investigations.bulletins.tests.matrix_rows import team_leader

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat
BASE = "/investigations/bulletins"


@pytest.fixture
def demo(demo_module, db):
    return demo_module


@pytest.fixture(autouse=True)
def _isolated(isolated_settings):
    return isolated_settings


def user(name: str) -> User:
    return User.objects.get(username=name)


def unit(name: str) -> OrgUnit:
    return OrgUnit.objects.get(name=name)


def item(title="공무원 음주운전 적발", kind="press", tags=("음주운전",), day="2026-03-02", units=("건설과",)):
    return svc.create_item(
        user("investigator"),
        kind=kind,
        title=title,
        source="연합뉴스",
        published_on=D(day),
        link="https://news.example.kr/1",
        summary=f"{title} 요지",
        tags=list(tags),
        departments=[unit(u) for u in units],
    )


def as_user(client, person: User):
    client.logout()
    return verified_login(client, person)


def test_items_are_searched_by_text_tag_kind_department_and_dates(demo):
    a = item("○○구 공무원 음주운전 적발", tags=("음주운전",), day="2026-01-10")
    b = item(
        "업체서 상품권 수수",
        kind="discipline",
        tags=("금품수수", "징계사례"),
        day="2026-02-10",
        units=("도로과",),
    )
    c = item("갑질 예방 카드", kind="card_news", tags=("갑질",), day="2026-03-10", units=())
    everything = MisconductItem.objects.all()

    def found(**filters):
        return set(selectors.search_items(everything, filters))

    assert found(q="상품권") == {b}
    assert found(q="금품수수") == {b}  # a tag typed as text
    assert found(tag="갑질") == {c}
    assert found(kind="press") == {a}
    assert found(unit=unit("건설과")) == {a}
    assert found(unit=unit("안전교통국")) == {a, b}  # a bureau finds its departments' items
    assert found(date_from=D("2026-02-01"), date_to=D("2026-02-28")) == {b}
    assert found() == {a, b, c}
    assert list(b.tags.values_list("name", flat=True)) == ["금품수수", "징계사례"]


def test_the_item_list_filters_and_keeps_the_query_in_the_page(client, demo):
    item("음주운전 적발 보도", tags=("음주운전",))
    item("상품권 수수 징계", kind="discipline", tags=("금품수수",))
    as_user(client, user("investigator"))
    html = client.get(f"{BASE}/items/?tag=금품수수").content.decode()
    assert "상품권 수수 징계" in html and "음주운전 적발 보도" not in html
    bad = client.get(f"{BASE}/items/?date_from=2026-03-01&date_to=2026-01-01").content.decode()
    assert "기간 끝은 기간 시작과 같거나 그 뒤여야 합니다." in bad


def test_a_bad_item_form_keeps_what_was_typed(client, demo):
    as_user(client, user("investigator"))
    before = MisconductItem.objects.count()
    response = client.post(
        f"{BASE}/items/new/",
        {"kind": "press", "title": "음주운전 보도 제목", "source": "", "published_on": "2026-13-40"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "음주운전 보도 제목" in html and "필수 항목입니다." in html
    assert MisconductItem.objects.count() == before


def test_a_bulletin_is_posted_to_the_board_and_its_read_rate_comes_from_the_receipts(client, demo):
    press = item("○○구 공무원 음주운전 적발")
    card = item("음주운전, 한 잔도 안 됩니다", kind="card_news", tags=("음주운전", "카드뉴스"))
    svc.make_card(user("investigator"), card)
    lead = team_leader()
    bulletin = svc.create_bulletin(
        lead, title="음주운전 징계 사례", intro="꼭 읽어 주세요.", items=[press, card]
    )
    assert bulletin.label.endswith("제1호")
    second = svc.create_bulletin(lead, title="둘째", items=[item("다른 사례")])
    assert second.number == bulletin.number + 1

    as_user(client, lead)
    assert client.post(f"{BASE}/{bulletin.public_id}/post/").status_code == 302
    bulletin.refresh_from_db()
    post = bulletin.post
    assert post.category == Category.MISCONDUCT and post.audience_all
    assert (post.source_type, post.source_id) == ("investigations.bulletin", str(bulletin.public_id))
    assert "○○구 공무원 음주운전 적발" in post.body and "https://news.example.kr/1" in post.body
    files = {
        a.kind: a for a in Attachment.objects.filter(owner_type="board.post", owner_id=str(post.public_id))
    }
    assert set(files) == {"pdf", "png"}
    text = " ".join(pdf_text(files["pdf"].file.read()).split())
    assert "음주운전, 한 잔도 안 됩니다" in text and "비위 사례 카드뉴스" in text
    assert Event.objects.filter(verb="bulletins.posted", target_id=str(bulletin.public_id)).count() == 1

    # a posted bulletin is not edited and not posted twice
    with pytest.raises(svc.BulletinError):
        svc.post_bulletin(lead, bulletin)
    with pytest.raises(svc.BulletinError):
        svc.update_bulletin(lead, bulletin, title="x", intro="", items=[press])

    staff = User.objects.filter(kind="staff", is_active=True).count()
    before = selectors.read_rate(bulletin)
    assert before["staff"] == staff and before["read"] == 0
    # the liaison of 건설과 opens the post on the board: that is the read receipt
    as_user(client, user("liaison"))
    assert client.get(f"/board/{post.public_id}/").status_code == 200
    after = selectors.read_rate(bulletin)
    assert after["read"] == 1
    row = next(r for r in after["rows"] if r["unit"] == "건설과")
    assert row["read"] == 1 and row["rate"] > 0
    as_user(client, lead)
    page = client.get(f"{BASE}/{bulletin.public_id}/").content.decode()
    assert f"받는 직원 {staff:,}명 중 1명이 읽었습니다" in page


def test_unread_bulletins_are_on_the_desk_until_read(client, demo):
    lead = team_leader()
    bulletin = svc.create_bulletin(lead, title="금품수수 주의 사례", items=[item("상품권 수수")])
    svc.post_bulletin(lead, bulletin)
    bulletin.refresh_from_db()
    as_user(client, user("depthead"))
    assert "금품수수 주의 사례" in client.get("/").content.decode()
    client.get(f"/board/{bulletin.post.public_id}/")
    assert ReadReceipt.objects.filter(post=bulletin.post, user=user("depthead")).count() == 1
    assert "금품수수 주의 사례" not in client.get("/").content.decode()


def test_a_bulletin_to_chosen_units_reaches_only_them(demo):
    lead = team_leader()
    bulletin = svc.create_bulletin(
        lead, title="건설 분야 금품 사례", items=[item("공사 업체 금품")], audience_units=[unit("건설과")]
    )
    svc.post_bulletin(lead, bulletin)
    bulletin.refresh_from_db()
    rate = selectors.read_rate(bulletin)
    assert [r["unit"] for r in rate["rows"]] == ["건설과"]
    assert not Post.objects.get(pk=bulletin.post_id).audience_all


def test_services_refuse_what_the_pages_refuse(demo):
    with pytest.raises(PermissionDenied):
        svc.create_item(
            user("head"), kind="press", title="x", source="y", published_on=D("2026-03-02")
        )  # the office head reads only
    with pytest.raises(svc.BulletinError):
        svc.create_bulletin(team_leader(), title="빈 호", items=[])
    with pytest.raises(svc.BulletinError, match="소속 부서"):
        svc.log_trend(
            user("liaison"), unit=unit("도로과"), reported_on=D("2026-03-02"), title="t", summary="s"
        )
    assert TrendReport.objects.count() == 0


def test_trend_reports_by_department(client, demo):
    mine = svc.log_trend(
        user("liaison"),
        unit=unit("건설과"),
        reported_on=D("2026-03-02"),
        title="공사 현장 업체 민원 동향",
        summary="업체 간 분쟁 민원이 늘어 금품 제공 시도에 주의함",
        tags="금품수수, 동향",
        items=[item("공사 업체 금품")],
    )
    other = svc.log_trend(
        user("investigator"),
        unit=unit("도로과"),
        reported_on=D("2026-02-02"),
        title="보도 공사 동향",
        summary="s",
    )
    everything = TrendReport.objects.all()
    assert set(selectors.search_trends(everything, {"q": "분쟁"})) == {mine}
    assert set(selectors.search_trends(everything, {"tag": "금품수수"})) == {mine}
    assert set(selectors.search_trends(everything, {"unit": unit("안전교통국")})) == {mine, other}
    assert set(selectors.search_trends(everything, {"date_to": D("2026-02-28")})) == {other}

    as_user(client, user("depthead"))  # 건설과: sees its own report only
    listing = client.get(f"{BASE}/trends/").content.decode()
    assert "공사 현장 업체 민원 동향" in listing and "보도 공사 동향" not in listing
    assert client.get(f"{BASE}/trends/{other.public_id}/").status_code == 404
    assert client.get(f"{BASE}/trends/{mine.public_id}/").status_code == 200
    form = client.get(f"{BASE}/trends/new/").content.decode()
    assert "건설과" in form and "도로과" not in form  # they log for their own department only

    as_user(client, user("head"))
    listing = client.get(f"{BASE}/trends/?sort=unit").content.decode()
    assert "공사 현장 업체 민원 동향" in listing and "보도 공사 동향" in listing
    assert client.get(f"{BASE}/trends/{mine.public_id}/").status_code == 200
    # every opening is in the access log (a report may name people); a refusal writes no row
    opened = AccessLog.objects.filter(target_type="investigations.trendreport", target_id=str(mine.public_id))
    assert set(opened.values_list("user__username", flat=True)) == {"depthead", "head"}
    assert not AccessLog.objects.filter(target_id=str(other.public_id), user__username="depthead").exists()


def test_yearly_figures_and_the_api(client, demo):
    lead = team_leader()
    for n in range(3):
        b = svc.create_bulletin(
            lead, title=f"사례 {n}", items=[item(f"사례 {n}-{i}") for i in range(n + 1)], year=2025
        )
        svc.post_bulletin(lead, b)
    svc.create_bulletin(
        lead, title="작성 중", items=[item("작성 중 사례")], year=2025
    )  # not posted: not counted
    figures = selectors.statistics(2025)
    assert (figures["bulletins"], figures["items"]) == (3, 6)
    assert dict(figures["by_kind"])["언론 보도"] == 6
    assert selectors.yearly() == [{"year": 2025, "bulletins": 3, "items": 6}]

    as_user(client, user("investigator"))
    page = client.get(f"{BASE}/stats/?year=2025").content.decode()
    assert "비위 사례 공유 3회(6건)" in page
    rows = client.get("/api/v1/investigations/bulletins?year=2025").json()["items"]
    assert len(rows) == 4 and {r["item_count"] for r in rows} == {1, 2, 3}
    posted = Bulletin.objects.filter(year=2025, number=3).get()
    detail = client.get(f"/api/v1/investigations/bulletins/{posted.public_id}").json()
    assert [i["title"] for i in detail["item_list"]] == ["사례 2-0", "사례 2-1", "사례 2-2"]
    assert detail["read_rate"]["read"] == 0 and detail["board_post"] == str(posted.post.public_id)
    as_user(client, user("auditor"))
    assert client.get("/api/v1/investigations/bulletins").status_code == 404
