"""The same matter from other residents (중복민원) next to the same resident's repeats (반복민원, 법 제23조):
found and labelled, shown apart, linked for joint handling, and never counted toward 제23조."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from gamsa.complaints.grievances import services as svc
from gamsa.complaints.grievances.similarity import similar_grievances
from gamsa.complaints.models import Grievance, SimilarityReview
from gamsa.core.calendar import SEOUL
from gamsa.core.models import AccessLog, Event, OrgUnit, User
from gamsa.core.services import issue_api_token


def at(y, m, d, hh=10):
    return dt.datetime(y, m, d, hh, tzinfo=SEOUL)


def user(name):
    return User.objects.get(username=name)


def file(name, phone, title, body, place="", day=5, **extra):
    return svc.receive_grievance(
        user("complaints"),
        channel="eungdapso",
        kind="grievance",
        title=title,
        body=body,
        complainant={"name": name, "phone": phone},
        place_address=place,
        received_at=at(2026, 10, day),
        **extra,
    ).grievance


def potholes():
    """Three residents, their own words, the place once as an address and twice only in the text; no category."""
    return [
        file(
            "김서연",
            "010-2222-1111",
            "당산로 41 포트홀",
            "당산로 41 앞 차도에 포트홀이 생겼습니다. 오토바이가 넘어질 뻔했습니다.",
            "서울특별시 영등포구 당산로 41",
            day=5,
        ),
        file(
            "이도윤",
            "01033334444",
            "도로가 패여 위험합니다",
            "밤에 지나가다 보니 당산로 41 부근 도로 한가운데가 움푹 꺼져 있어요.",
            day=7,
        ),
        file(
            "박하은",
            "+82 10-5555-6666",
            "민원 드립니다",
            "당산로 41 건물 앞 아스팔트가 깨져 큰 구멍이 있습니다. 빨리 메워 주세요.",
            day=12,
        ),
    ]


@pytest.fixture
def construction(demo):
    return OrgUnit.objects.get(name="건설과")


def test_three_residents_reporting_the_same_pothole_are_linked(demo):
    a, b, c = potholes()
    assert {g.matter for g in (a, b, c)} == {"pothole"} and all(g.category_id is None for g in (a, b, c))
    found = similar_grievances(c)
    assert {x.grievance for x in found} == {a, b}
    assert all(not x.same_complainant and x.kind == "duplicate" and x.same_place for x in found)
    assert all(x.reasons[0] == "같은 사안, 다른 민원인" for x in found)
    assert {x.grievance for x in similar_grievances(a)} == {b, c}  # later ones are found from the first too


def test_hard_negatives_are_not_linked(demo):
    a, _, _ = potholes()
    # the same resident, the same matter, another place (nearly the same words)
    elsewhere = file(
        "김서연",
        "010-2222-1111",
        "당산로 47 포트홀",
        "당산로 47 앞 차도에 포트홀이 생겼습니다. 오토바이가 넘어질 뻔했습니다.",
        "서울특별시 영등포구 당산로 47",
        day=9,
    )
    # the same place, another matter (a neighbour about parking)
    parking = file(
        "최지우",
        "010-7777-8888",
        "불법주차 신고",
        "당산로 41 앞에 차들이 매일 불법주차를 합니다. 단속 부탁드립니다.",
        "서울특별시 영등포구 당산로 41",
        day=10,
    )
    # the same place and matter from another resident half a year later: another event
    later = svc.receive_grievance(
        user("complaints"),
        channel="phone",
        kind="grievance",
        title="당산로 41 포트홀",
        body="당산로 41 앞 차도에 또 포트홀이 생겼습니다.",
        complainant={"name": "정하준", "phone": "010-1212-3434"},
        received_at=at(2027, 4, 20),
    ).grievance
    found = {x.grievance for x in similar_grievances(a)}
    assert elsewhere not in found and parking not in found and later not in found


def test_same_complainant_survives_phone_formats_and_a_mistyped_name(demo):
    a, _, _ = potholes()
    again = file(
        "김서현",  # one syllable mistyped
        "010.2222.1111",  # another phone format
        "[재민원] 포트홀 그대로",
        "당산로 41 도로 구멍이 아직도 그대로입니다.",
        day=20,
    )
    found = {x.grievance: x for x in similar_grievances(again)}
    assert found[a].same_complainant and found[a].kind == "repeat"
    assert a.complainant_id != again.complainant_id  # two complainant records, one resident


def test_a_confirmed_duplicate_is_linked_for_joint_handling_and_never_counts_toward_article_23(
    demo, construction
):
    officer, liaison = user("complaints"), user("liaison")
    a, b, c = potholes()
    for g in (a, b, c):
        svc.assign(officer, g, department=construction)
    for g in (a, b):
        svc.answer(liaison, g, method="document", outcome="explained", text="보수 예정입니다.")
    for earlier in (a, b):
        svc.review_similarity(officer, c, earlier, decision="confirmed", score=0.9)
    reviews = SimilarityReview.objects.filter(grievance=c)
    assert reviews.count() == 2 and not any(r.same_complainant for r in reviews)
    # three filings and two answers, but from three residents: not a 제23조 repeat
    evidence = svc.repeat_evidence(c)
    assert evidence["filings"] == 1 and not evidence["conditions_hold"]
    assert Grievance.objects.filter(repeat_of__isnull=False).count() == 0
    with pytest.raises(svc.GrievanceError, match="요건"):
        svc.request_internal_closure(liaison, c, reason="세 번 들어옴")
    assert c.closure_requests.count() == 0
    # linked for joint handling instead, under the first
    assert [x.pk for x in svc.joint_group_of(c)] == [a.pk, b.pk, c.pk]
    assert Event.objects.filter(verb="grievance.joint_linked", target_id=c.case_number).count() == 2
    with pytest.raises(svc.GrievanceError, match="새로운 이유"):
        svc.review_similarity(officer, c, a, decision="confirmed", score=0.9, new_grounds=True)
    with pytest.raises(svc.GrievanceError, match="민원인 판단"):
        svc.review_similarity(officer, c, a, decision="confirmed", score=0.9, same_complainant=True)


def test_same_complainant_repeats_still_count(demo, construction):
    officer, liaison = user("complaints"), user("liaison")
    first = potholes()[0]
    again = [
        file("김서연", "01022221111", "포트홀 재민원", "당산로 41 앞 포트홀이 그대로입니다.", day=d)
        for d in (14, 21)
    ]
    for g in (first, *again):
        svc.assign(officer, g, department=construction)
    for g in (first, again[0]):
        svc.answer(liaison, g, method="document", outcome="explained", text="보수 예정입니다.")
    for earlier in (first, again[0]):
        svc.review_similarity(officer, again[1], earlier, decision="confirmed", score=0.9)
    evidence = svc.repeat_evidence(again[1])
    assert evidence["filings"] == 3 and evidence["answers"] == 2 and evidence["conditions_hold"]
    assert svc.joint_group_of(again[1]) == [again[1]]


def test_case_page_shows_the_two_kinds_apart_and_links_a_duplicate(client, demo, login):
    a, b, c = potholes()
    mine = file("박하은", "010-5555-6666", "포트홀 또 신고", "당산로 41 아스팔트 구멍 그대로예요.", day=2)
    login("complaints")
    page = client.get(f"/grievances/{c.case_number}/")
    html = page.content.decode()
    repeats = html[html.index('data-testid="repeat-candidates"') :].split("</table>")[0]
    duplicates = html[html.index('data-testid="duplicate-candidates"') :].split("</table>")[0]
    assert mine.case_number in repeats and a.case_number not in repeats
    assert a.case_number in duplicates and b.case_number in duplicates and mine.case_number not in duplicates
    assert "같은 사안(공동 처리)" in duplicates and "법 제23조 반복 횟수에는 들어가지 않습니다" in html
    # the officer confirms one as the same matter: linked for joint handling, not a repeat
    response = client.post(
        f"/grievances/{c.case_number}/act/review/",
        {"candidate": a.case_number, "decision": "confirmed", "score": "0.9"},
        follow=True,
    )
    assert "공동 처리로 연결했습니다" in response.content.decode()
    assert (
        Grievance.objects.get(pk=c.pk).joint_of_id == a.pk
        and Grievance.objects.get(pk=c.pk).repeat_of is None
    )
    # and links the other by its number
    client.post(f"/grievances/{c.case_number}/act/joint/", {"candidate": b.case_number}, follow=True)
    html = client.get(f"/grievances/{c.case_number}/").content.decode()
    group = html[html.index('data-testid="joint-group"') :].split("</ul>")[0]
    assert all(x.case_number in group for x in (a, b, c))
    # the same resident's complaint cannot be linked as a duplicate: nothing changes
    before = list(Grievance.objects.order_by("pk").values_list("joint_of_id", "repeat_of_id"))
    refused = client.post(f"/grievances/{c.case_number}/act/joint/", {"candidate": mine.case_number})
    assert refused.status_code == 400 and "반복민원 여부를 판단하세요" in refused.content.decode()
    assert list(Grievance.objects.order_by("pk").values_list("joint_of_id", "repeat_of_id")) == before


def test_joint_link_is_refused_to_read_only_staff(client, demo, login):
    a, b, _ = potholes()
    login("council")
    response = client.post(f"/grievances/{a.case_number}/act/joint/", {"candidate": b.case_number})
    assert response.status_code == 403
    assert Grievance.objects.filter(joint_of__isnull=False).count() == 0
    assert not Event.objects.filter(verb="grievance.joint_linked").exists()


def bearer(username):
    _, raw = issue_api_token(User.objects.get(username=username), name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_api_returns_both_kinds_with_personal_data_only_for_those_allowed(client, demo):
    a, b, c = potholes()
    mine = file("박하은", "010-5555-6666", "포트홀 또 신고", "당산로 41 아스팔트 구멍 그대로예요.", day=2)
    url = f"/api/v1/grievances/{c.case_number}/similar"
    AccessLog.objects.all().delete()

    team = client.get(url, **bearer("complaints"))
    assert team.status_code == 200
    items = team.json()
    assert {i["case_number"] for i in items} == {a.case_number, b.case_number, mine.case_number}
    assert [i["score"] for i in items] == sorted((i["score"] for i in items), reverse=True)
    kinds = {i["case_number"]: (i["kind"], i["same_complainant"]) for i in items}
    assert kinds[mine.case_number] == ("repeat", True)
    assert kinds[a.case_number] == kinds[b.case_number] == ("duplicate", False)
    named = {i["case_number"]: i["complainant"] for i in items}
    assert named[a.case_number] == {"name": "김서연", "phone": "010-2222-1111"}
    logged = set(AccessLog.objects.filter(action="api").values_list("target_id", flat=True))
    assert logged == {a.case_number, b.case_number, mine.case_number}

    AccessLog.objects.all().delete()
    council = client.get(url, **bearer("council"))  # reads the desk, no personal-data rights
    assert council.status_code == 200 and len(council.json()) == 3
    text = council.content.decode()
    assert all(i["complainant"] is None for i in council.json())
    assert "김서연" not in text and "2222" not in text and "5555" not in text
    assert not AccessLog.objects.exists()

    assert client.get(url, **bearer("liaison")).status_code == 404  # not their department's case


def test_openapi_documents_the_flag(client, demo):
    schema = client.get("/api/v1/openapi.json").json()
    similar = schema["components"]["schemas"]["SimilarOut"]["properties"]
    assert "same_complainant" in similar and "kind" in similar and "complainant" in similar


def test_cli_lists_both_kinds(demo):
    a, b, c = potholes()
    out = io.StringIO()
    call_command("grievances", "similar", c.case_number, stdout=out)
    assert out.getvalue().count("같은 사안, 다른 민원인") >= 2
    out = io.StringIO()
    call_command("grievances", "similar", c.case_number, "--json", stdout=out)
    assert {p["case_number"]: p["same_complainant"] for p in json.loads(out.getvalue())} == {
        a.case_number: False,
        b.case_number: False,
    }


def test_five_residents_linked_show_on_the_committee_yearly_review(client, demo, login):
    officer = user("complaints")
    first, *rest = potholes()
    for n in range(2):
        rest.append(
            file(
                f"주민{n}",
                f"010-4000-000{n}",
                "포트홀 신고",
                "당산로 41 앞 도로에 구멍이 났습니다.",
                day=14 + n,
            )
        )
    for other in rest[:3]:
        svc.link_joint_handling(officer, first, other)
    login("complaints")
    html = client.get("/committee/review/", {"year": 2026}).content.decode()
    table = html[html.index('data-testid="joint-groups"') :].split("</table>")[0]
    assert first.case_number not in table  # four linked: not yet five
    svc.link_joint_handling(officer, rest[3], first)
    html = client.get("/committee/review/", {"year": 2026}).content.decode()
    table = html[html.index('data-testid="joint-groups"') :].split("</table>")[0]
    assert first.case_number in table and "5건" in table


def test_one_statement_reads_the_scope_and_shows_the_matches(demo):
    """The lookup reads the whole scope (the resident's records and the place's complaints) in one statement,
    judges each candidate on complainant, place, matter and date before any text vector is made, and shows the
    matches from the same rows: title, body, status, complainant and category need no further query. The same
    resident's complaint at another address is in the scope (same complainant) but is not proposed."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    a, b, c = potholes()
    elsewhere = file(
        "김서연",
        "010-2222-1111",
        "당산로 47 포트홀",
        "당산로 47 앞 차도에 포트홀이 생겼습니다. 오토바이가 넘어질 뻔했습니다.",
        "서울특별시 영등포구 당산로 47",
        day=9,
    )
    with CaptureQueriesContext(connection) as ctx:
        found = similar_grievances(a)
        shown = [
            (x.grievance.case_number, x.grievance.title, x.grievance.body, x.grievance.status)
            + (x.grievance.complainant.name, x.grievance.received_at)
            for x in found
        ]
    assert len(ctx.captured_queries) == 1 and "UNION ALL" in ctx.captured_queries[0]["sql"]
    assert {x.grievance for x in found} == {b, c}
    assert sorted(shown) == sorted(
        (g.case_number, g.title, g.body, g.status, g.complainant.name, g.received_at) for g in (b, c)
    )
    assert elsewhere.pk not in {x.grievance.pk for x in found}


def test_the_text_signature_is_stored_on_receipt_and_a_missing_one_is_made_when_needed(demo):
    """Receiving a grievance stores its text signature (docs/adr/0033); the lookup compares texts by the stored
    ones, and a row without one (written before the migration, or by a path that forgot it) gives the same
    matches with the same scores."""
    from gamsa.text.signature import document_text, make_signature

    a, b, c = potholes()
    for g in (a, b, c):
        g.refresh_from_db()
        assert bytes(g.text_signature) == make_signature(document_text(g.title, g.body)) != b""
    before = [(x.grievance.pk, x.score, x.reasons) for x in similar_grievances(c)]
    assert {pk for pk, _, _ in before} == {a.pk, b.pk}
    Grievance.objects.filter(pk__in=[a.pk, b.pk, c.pk]).update(text_signature=None)
    c.refresh_from_db()
    assert c.text_signature is None
    assert [(x.grievance.pk, x.score, x.reasons) for x in similar_grievances(c)] == before
    # a stored signature is what the row is judged by: another text's signature changes the text similarity
    Grievance.objects.filter(pk=b.pk).update(text_signature=make_signature("전혀 관계없는 현수막 철거 요청"))
    after = {x.grievance.pk: x for x in similar_grievances(c, threshold=0.0)}
    assert after[b.pk].score < dict((pk, s) for pk, s, _ in before)[b.pk]
