"""The requests of the bulletins' access matrix (test_access_matrix.py): the world the rows work on, made once per
module, and the (method, URL, data) of every row. The expected outcomes are in the test module, apart from these."""

from __future__ import annotations

import datetime as dt

LEAD = "lead"  # the investigation team leader (a 팀장 on the 조사팀 unit; its username comes from the demo)


def team_leader():
    from gamsa.core.models import User

    return User.objects.get(memberships__role="team_leader", memberships__unit__office_team="investigation")


def build() -> dict:
    from gamsa.core.models import OrgUnit, User
    from gamsa.investigations.bulletins import services as svc

    investigator = User.objects.get(username="investigator")
    construction = OrgUnit.objects.get(name="건설과")
    roads = OrgUnit.objects.get(name="도로과")
    day = dt.date(2026, 3, 2)

    def item(title, kind="press"):
        return svc.create_item(
            investigator,
            kind=kind,
            title=title,
            source="연합뉴스",
            published_on=day,
            link="https://news.example.kr/1",
            summary="요지",
            tags=["음주운전"],
            departments=[construction],
        )

    press, card, loose = (
        item("공무원 음주운전 적발"),
        item("음주운전 예방", "card_news"),
        item("금품 수수 보도"),
    )
    spare = item("갑질 징계 사례", "discipline")  # in no bulletin yet: a new bulletin may take it
    posted = svc.create_bulletin(team_leader(), title="음주운전 징계 사례", items=[press, card], year=2026)
    svc.post_bulletin(team_leader(), posted)
    draft = svc.create_bulletin(team_leader(), title="금품수수 사례", items=[loose], year=2026)
    ours = svc.log_trend(
        investigator, unit=construction, reported_on=day, title="건설과 동향", summary="업체 민원 증가"
    )
    theirs = svc.log_trend(
        investigator, unit=roads, reported_on=day, title="도로과 동향", summary="보도 파손"
    )
    return {
        "press": str(press.public_id),
        "card": str(card.public_id),
        "posted": str(posted.public_id),
        "draft": str(draft.public_id),
        "ours": str(ours.public_id),
        "theirs": str(theirs.public_id),
        "construction": str(construction.pk),
        "press_pk": str(press.pk),
        "loose_pk": str(loose.pk),
        "spare_pk": str(spare.pk),
    }


def request_for(row: str, w: dict) -> tuple[str, str, dict]:
    base = "/investigations/bulletins"
    item_form = {
        "kind": "discipline",
        "title": "음주운전 2회 — 해임",
        "source": "인사혁신처",
        "published_on": "2026-03-03",
        "tags": "음주운전, 징계사례",
    }
    rows = {
        "list": ("get", f"{base}/", {}),
        "list_sorted": ("get", f"{base}/?sort=-posted", {}),
        "create": ("get", f"{base}/new/", {}),
        "create_post": ("post", f"{base}/new/", {"title": "새 호", "items": [w["spare_pk"]]}),
        "stats": ("get", f"{base}/stats/?year=2026", {}),
        "detail": ("get", f"{base}/{w['posted']}/", {}),
        "edit": ("get", f"{base}/{w['draft']}/edit/", {}),
        "edit_post": ("post", f"{base}/{w['draft']}/edit/", {"title": "고친 제목", "items": [w["loose_pk"]]}),
        "post": ("post", f"{base}/{w['draft']}/post/", {}),
        "items": ("get", f"{base}/items/?q=음주&tag=음주운전&kind=press", {}),
        "item_create": ("get", f"{base}/items/new/", {}),
        "item_create_post": ("post", f"{base}/items/new/", item_form),
        "item": ("get", f"{base}/items/{w['press']}/", {}),
        "item_edit": ("get", f"{base}/items/{w['press']}/edit/", {}),
        "item_edit_post": ("post", f"{base}/items/{w['press']}/edit/", item_form),
        "item_card": ("post", f"{base}/items/{w['card']}/card/", {}),
        "trends": ("get", f"{base}/trends/?date_from=2026-01-01", {}),
        "trend_create": ("get", f"{base}/trends/new/", {}),
        "trend_create_post": (
            "post",
            f"{base}/trends/new/",
            {"reported_on": "2026-03-04", "unit": w["construction"], "title": "동향", "summary": "내용"},
        ),
        "trend_ours": ("get", f"{base}/trends/{w['ours']}/", {}),
        "trend_theirs": ("get", f"{base}/trends/{w['theirs']}/", {}),
        "api_list": ("get", "/api/v1/investigations/bulletins", {}),
        "api_detail": ("get", f"/api/v1/investigations/bulletins/{w['posted']}", {}),
    }
    return rows[row]
