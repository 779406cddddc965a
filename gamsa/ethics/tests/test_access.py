"""Who may open and do what in the ethics app: a role × URL matrix through the real HTTP layer (with a guard that
fails when a URL has no row), nothing changed on a denied write, the committee member who reads only the items of
the meetings they sit in, a grep for a planted declarant's and relative's names across every page, API answer and
log, and the access-log rows of each reading."""

from __future__ import annotations

import io
import logging

import pytest
from PIL import Image

from gamsa.core import services as core
from gamsa.core.models import AccessLog, Event, Role, User, UserKind
from gamsa.ethics.committee import services as committee
from gamsa.ethics.models import Restriction
from gamsa.ethics.registration import reviews
from gamsa.ethics.registration import services as roster
from gamsa.ethics.tests.helpers import (
    NAME,
    RELATIVE,
    D,
    application,
    declarant,
    lead,
    meeting,
    members,
    officer,
    reviewed,
    snapshot,
    user,
)

pytestmark = pytest.mark.django_db

ROLES = [
    "head", "lead", "ethics", "member", "other_member", "investigator", "leader", "auditor", "complaints",
    "patrol", "liaison", "depthead", "council", "admin", "citizen", "volunteer",
]  # fmt: skip
DESK = {"head", "lead", "ethics"}
MANAGERS = {"lead", "ethics"}
SECRETS = [NAME, RELATIVE]
PRINTS = {
    "minutes_pdf",
    "restriction_card",
}  # a POST that starts a document job: a reading, open to the whole desk


def other_member() -> User:
    person = User.objects.filter(username="othermember").first()
    if person is None:
        person = core.create_person(
            None, username="othermember", kind=UserKind.EXTERNAL, full_name="다른위원"
        )
        root = user("council").memberships.get().unit
        core.add_membership(None, user=person, unit=root, role=Role.ETHICS_COMMITTEE)
    return person


def account(role: str) -> User:
    special = {
        "lead": lead,
        "ethics": officer,
        "member": lambda: user("ethicsmember"),
        "other_member": other_member,
    }
    return special.get(role, lambda: user(role))()


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (12, 12), "green").save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def as_role(client, demo):
    from gamsa.conftest import verified_login

    def _as(role):
        client.logout()
        return verified_login(client, account(role))

    return _as


def body(response) -> str:
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    return raw.decode("utf-8", "replace")


def world():
    """A declarant with a review under way (a request, an amount, a document), a 고지거부 application, a retiree,
    the committee (one member linked to `ethicsmember`, another to `othermember`) and a meeting that convenes the
    first but not the second, with the application on its agenda."""
    d = declarant()
    review = reviewed(d)
    reviews.issue_request(
        officer(), review, kind="supplement", issued_on=D("2026-03-17"), content="금융재산 보완"
    )
    reviews.add_amount(
        officer(), review, item="예금", owner="self", registered=12_000_000, verified=30_000_000
    )
    document = reviews.add_document(officer(), review, data=png(), original_name="보완자료.png")
    refusal = application(d)
    retiree = declarant(username="retiree", name="퇴직자", became="2020-03-02")
    roster.leave(officer(), retiree, left_on=D("2025-12-31"), retired=True)
    people = members(linked=user("ethicsmember"))
    people[2].user = other_member()
    people[2].save(update_fields=["user"])
    m = meeting("2026-05-21", convened=[p for i, p in enumerate(people) if i != 2])
    committee.build_agenda(officer(), m)
    committee.add_item(officer(), m, title="취업제한 제도 안내")
    proposal_person = core.create_person(
        None, username="newtax", kind=UserKind.STAFF, full_name="새세무", grade="7", unit=d.unit
    )
    roster.propose_roster_changes(officer(), on=D("2026-04-01"))
    return {
        "d": d,
        "review": review,
        "document": document,
        "refusal": refusal,
        "restriction": Restriction.objects.get(declarant=retiree),
        "meeting": m,
        "item": m.items.get(refusal=refusal),
        "proposal": proposal_person,
    }


def get_urls(w):
    d, r, x, m = w["d"], w["review"], w["refusal"], w["meeting"]
    item, restriction = w["item"], w["restriction"]
    return {
        "roster": ("/ethics/", DESK),
        "roster_filter": ("/ethics/?status=retired&q=세무", DESK),
        "declarant_create": ("/ethics/roster/new/", MANAGERS),
        "declarant": (f"/ethics/roster/{d.public_id}/", DESK),
        "refusal_new": (f"/ethics/roster/{d.public_id}/refusal/", MANAGERS),
        "proposals": ("/ethics/proposals/", DESK),
        "units": ("/ethics/units/", DESK),
        "filings": ("/ethics/filings/", DESK),
        "reviews": ("/ethics/reviews/", DESK),
        "review": (f"/ethics/reviews/{r.case_number}/", DESK),
        "document": (f"/files/{w['document'].public_id}/", DESK),
        "refusals": ("/ethics/refusals/?status=all", DESK),
        "reexaminations": ("/ethics/refusals/reexaminations/", DESK),
        "refusal": (f"/ethics/refusals/{x.case_number}/", DESK),
        "restrictions": ("/ethics/restrictions/", DESK),
        "restriction": (f"/ethics/restrictions/{restriction.public_id}/", DESK),
        "restriction_card": (f"/ethics/restrictions/{restriction.public_id}/card/guidance.png", DESK),
        "committee": ("/ethics/committee/", DESK),
        "meeting": (f"/ethics/committee/meetings/{m.public_id}/", DESK),
        "minutes_hwpx": (f"/ethics/committee/meetings/{m.public_id}/minutes.hwpx", DESK),
        "items": ("/ethics/committee/items/", DESK | {"member", "other_member"}),
        "item": (f"/ethics/committee/items/{item.public_id}/", DESK | {"member"}),
        "api_declarants": ("/api/v1/ethics/declarants", DESK),
        "api_declarant": (f"/api/v1/ethics/declarants/{d.public_id}", DESK),
        "api_reviews": ("/api/v1/ethics/reviews", DESK),
        "api_review": (f"/api/v1/ethics/reviews/{r.case_number}", DESK),
    }


def post_urls(w):
    from gamsa.ethics.models import DesignatedUnit, Member, RosterProposal

    d, r, x, m = w["d"], w["review"], w["refusal"], w["meeting"]
    filing = d.filings.get(kind="initial")
    proposal = RosterProposal.objects.get(person=w["proposal"])
    designation = DesignatedUnit.objects.first()
    member = Member.objects.filter(user__isnull=True).first()
    day = {"on": "2026-04-02"}
    return {
        "declarant_act_defer": (f"/ethics/roster/{d.public_id}/act/defer/", {"reason": "휴직", **day}),
        "declarant_act_extend": (
            f"/ethics/roster/{d.public_id}/act/extend/",
            {"filing": str(filing.public_id), "days": "10", "reason": "병가"},
        ),
        "declarant_create": ("/ethics/roster/new/", {"name": "정무직", "unit": str(d.unit.pk), "grade": "4"}),
        "refusal_new": (
            f"/ethics/roster/{d.public_id}/refusal/",
            {"relation": "mother", "relative_name": "모친"},
        ),
        "proposals_run": ("/ethics/proposals/run/", {}),
        "proposal_act": (f"/ethics/proposals/{proposal.public_id}/dismiss/", {}),
        "units": ("/ethics/units/", {"unit": str(d.unit.pk), "field": "tax", "effective_from": "2026-04-01"}),
        "unit_end": (f"/ethics/units/{designation.public_id}/end/", day),
        "filings": ("/ethics/filings/", {"year": "2025"}),
        "review_act": (
            f"/ethics/reviews/{r.case_number}/act/request/",
            {"kind": "question", "issued_on": "2026-04-02", "content": "질의"},
        ),
        "refusal_act": (f"/ethics/refusals/{x.case_number}/act/extend/", {}),
        "restriction_act": (f"/ethics/restrictions/{w['restriction'].public_id}/act/guidance/", day),
        "restriction_card": (f"/ethics/restrictions/{w['restriction'].public_id}/card/ending.pdf", {}),
        "member_appoint": (
            "/ethics/committee/members/",
            {"name": "새위원", "seat": "outside", "started_on": "2026-04-02"},
        ),
        "member_end": (f"/ethics/committee/members/{member.public_id}/end/", day),
        "meeting_create": ("/ethics/committee/meetings/", {"kind": "extraordinary", "held_on": "2026-06-02"}),
        "meeting_act": (f"/ethics/committee/meetings/{m.public_id}/act/minutes/", {"minutes": "요지"}),
        "minutes_pdf": (f"/ethics/committee/meetings/{m.public_id}/minutes.pdf", {}),
    }


def test_every_url_of_the_app_is_in_the_matrix():
    from gamsa.ethics.urls import urlpatterns

    names = {p.name for p in urlpatterns}
    covered_get = {"roster", "declarant_create", "declarant", "refusal_new", "proposals", "units", "filings",
                   "reviews", "review", "refusals", "reexaminations", "refusal", "restrictions", "restriction",
                   "restriction_card", "committee", "meeting", "minutes_hwpx", "items", "item"}  # fmt: skip
    covered_post = {"declarant_act", "proposals_run", "proposal_act", "unit_end", "review_act", "refusal_act",
                    "restriction_act", "restriction_card", "member_appoint", "member_end", "meeting_create", "meeting_act",
                    "minutes_pdf"}  # fmt: skip
    assert names <= covered_get | covered_post, (
        f"URLs without a row in the access matrix: {names - covered_get - covered_post}"
    )


def test_get_matrix(client, as_role, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    w = world()
    for name, (url, allowed) in get_urls(w).items():
        for role in ROLES:
            as_role(role)
            status = client.get(url).status_code
            if role in allowed:
                assert status == 200, (name, role, status)
            elif name in ("declarant_create", "refusal_new") and role == "head":
                assert status == 403, (name, role, status)
            else:
                assert status == 404, (name, role, status)


def test_post_matrix_nothing_changes_on_denial(client, as_role, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    w = world()
    for name, (url, data) in post_urls(w).items():
        for role in ROLES:
            if role in MANAGERS or (role == "head" and name in PRINTS):
                continue
            as_role(role)
            before = snapshot()
            status = client.post(url, data).status_code
            expected = 403 if role == "head" else 404
            assert status == expected, (name, role, status)
            assert snapshot() == before, (name, role)
    for name, (url, data) in post_urls(w).items():
        as_role("ethics")
        status = client.post(url, data).status_code
        assert status in (302, 400), (name, status)
    as_role("head")  # printing the minutes is reading them: the office head may
    assert client.post(post_urls(w)["minutes_pdf"][0]).status_code == 302


def test_a_committee_member_reads_only_the_items_put_to_them(client, as_role):
    w = world()
    as_role("member")
    listing = body(client.get("/ethics/committee/items/"))
    assert w["item"].title in listing and "취업제한 제도 안내" in listing
    page = body(client.get(f"/ethics/committee/items/{w['item'].public_id}/"))
    assert RELATIVE in page and NAME in page  # the item put to them: the declarant and the relative
    assert (
        AccessLog.objects.filter(target_type="ethics.agendaitem", target_id=str(w["item"].public_id)).count()
        == 1
    )
    menu = body(client.get("/"))
    assert "공직자윤리위원회 안건" in menu and "등록의무자 명부" not in menu
    as_role("other_member")
    assert w["item"].title not in body(client.get("/ethics/committee/items/"))
    assert client.get(f"/ethics/committee/items/{w['item'].public_id}/").status_code == 404


def test_names_never_reach_anyone_else(client, as_role, caplog, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    caplog.set_level(logging.DEBUG)
    w = world()
    urls = get_urls(w)
    pages = [u for u, _ in urls.values()] + [
        "/",
        "/logs/events/",
        "/logs/access/",
        "/api/v1/events",
        "/teams/investigation/",
    ]
    for role in ROLES:
        as_role(role)
        for url in pages:
            allowed = next((a for u, a in urls.values() if u == url), set())
            if role in allowed:
                continue
            text = body(client.get(url))
            for secret in SECRETS:
                assert secret not in text, (secret, url, role)
    for row in AccessLog.objects.all():
        for secret in SECRETS:
            assert secret not in f"{row.target_label} {row.target_id} {row.fields} {row.reason} {row.path}"
    for event in Event.objects.all():
        for secret in SECRETS:
            assert secret not in f"{event.details} {event.target_label} {event.target_id}", event.verb
    for secret in SECRETS:
        assert secret not in caplog.text


def test_every_reading_is_logged(client, as_role):
    w = world()
    as_role("ethics")
    assert NAME in body(client.get(f"/ethics/roster/{w['d'].public_id}/"))
    assert RELATIVE in body(client.get(f"/ethics/refusals/{w['refusal'].case_number}/"))
    client.get(f"/ethics/reviews/{w['review'].case_number}/")
    api = client.get("/api/v1/ethics/declarants").json()
    assert any(row["name"] == NAME for row in api["items"])
    client.get(f"/api/v1/ethics/reviews/{w['review'].case_number}")
    rows = AccessLog.objects.filter(user=officer())
    assert (
        rows.filter(target_type="ethics.declarant", target_id=str(w["d"].public_id), action="view").count()
        == 1
    )
    assert (
        rows.filter(target_type="ethics.disclosurerefusal", target_id=w["refusal"].case_number).count() == 1
    )
    assert (
        rows.filter(target_type="ethics.review", target_id=w["review"].case_number, action="view").count()
        == 1
    )
    assert (
        rows.filter(target_type="ethics.review", target_id=w["review"].case_number, action="api").count() == 1
    )
    listed = rows.get(target_type="ethics.declarant", target_id="list", action="api")
    assert listed.record_count == len(api["items"]) == 1  # the current roster (the retiree is not on it)
    before = AccessLog.objects.count()
    as_role("admin")
    assert client.get(f"/ethics/roster/{w['d'].public_id}/").status_code == 404
    assert AccessLog.objects.count() == before  # a refusal writes no row


def test_the_officers_desk_shows_the_clocks(client, as_role):
    w = world()
    as_role("ethics")
    home = body(client.get("/"))
    assert "재산등록 심사 — 신고자 답변 기한" in home and w["review"].case_number in home
    assert "고지거부 — 위원회 결정 기한" in home and w["refusal"].case_number in home
    assert "등록의무자 변경 제안 1건" in home
    assert NAME not in home
    as_role("auditor")
    assert "재산등록 심사" not in body(client.get("/"))
