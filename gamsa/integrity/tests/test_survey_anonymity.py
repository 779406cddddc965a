"""The managers' risk self-assessment is anonymous in every output: no report, export, API answer, admin page,
event or access-log row lets anyone (the office head included) tie an answer to a person; a group under five
answers is never shown; results appear only after closing."""

from __future__ import annotations

import json

import pytest

from gamsa.core.models import AccessLog, Event, OrgUnit
from gamsa.integrity.survey import results
from gamsa.integrity.survey import services as svc
from gamsa.integrity.survey.models import Answer, Invitation, Response
from gamsa.integrity.tests.helpers import D, staff, user


def fingerprint(n: int) -> dict:
    """A distinctive answer pattern per person (so a leak would show as that pattern next to their name)."""
    return {"values": [(n + i) % 5 + 1 for i in range(6)]}


@pytest.fixture
def survey(demo, isolated_settings):
    # 6 managers in 안전교통국 (a group of 6) and 3 in 환경국 (a group under 5)
    big = staff(6, "도로과", grade="5", prefix="mg")
    small = staff(3, "청소과", grade="5", prefix="ms")
    q = svc.create_questionnaire(
        user("leader"),
        year=2026,
        title="2026년 진단평가",
        opens_on=D("2026-05-01"),
        closes_on=D("2026-05-20"),
        questions=svc.default_questions()[:6],
    )
    svc.open_questionnaire(user("leader"), q)
    questions = list(q.questions.order_by("number"))
    answers = {}
    for n, person in enumerate(big + small):
        values = dict(zip([x.pk for x in questions], fingerprint(n)["values"], strict=True))
        svc.submit(person, q, values)
        answers[person.username] = values
    return {"q": q, "big": big, "small": small, "questions": questions, "answers": answers}


def test_storage_has_no_link_from_answer_to_person(survey):
    for model in (Response, Answer):
        names = {f.name for f in model._meta.get_fields()}
        assert not names & {"user", "person", "invitation", "created_at", "answered_at", "at"}, model
        assert (
            model._meta.pk.get_internal_type() == "UUIDField"
        )  # no sequence that follows the order of answering
    invitation_fields = {f.name for f in Invitation._meta.get_fields()}
    assert invitation_fields == {"id", "questionnaire", "user", "answered"}
    assert Response.objects.count() == 9 and set(Response.objects.values_list("group", flat=True)) == {
        "안전교통국",
        "환경국",
    }


def test_nothing_is_shown_while_open_and_small_groups_never(client, as_user, survey):
    q = survey["q"]
    assert results.results(q) is None
    as_user("head")
    assert "마감한 뒤에 보입니다" in client.get("/integrity/survey/2026/").content.decode()
    assert client.get("/integrity/survey/2026/export.csv").status_code == 404
    svc.close_questionnaire(user("leader"), q)
    q.refresh_from_db()
    data = results.results(q)
    assert [g["group"] for g in data["groups"]] == ["안전교통국"] and data["hidden"] == 1
    page = client.get("/integrity/survey/2026/").content.decode()
    assert "안전교통국" in page and "환경국" not in page and "집단 1개는 표시하지 않음" in page
    export = client.get("/integrity/survey/2026/export.csv").content.decode("utf-8-sig")
    assert "안전교통국" in export and "환경국" not in export
    api = client.get("/api/v1/integrity/risk/2026").json()
    assert (
        api["hidden_groups"] == 1
        and api["answers"] == 9
        and "환경국" not in json.dumps(api, ensure_ascii=False)
    )


def test_no_output_ties_an_answer_to_a_person(client, as_user, survey):
    svc.close_questionnaire(user("leader"), survey["q"])
    names = [p.full_name for p in survey["big"] + survey["small"]] + [
        p.username for p in survey["big"] + survey["small"]
    ]
    response_ids = [str(r) for r in Response.objects.values_list("pk", flat=True)]
    as_user("head")
    pages = [
        client.get(url).content.decode("utf-8-sig")
        for url in (
            "/integrity/survey/", "/integrity/survey/2026/", "/integrity/survey/2026/export.csv",
            "/api/v1/integrity/risk/2026", "/integrity/", "/logs/events/?q=survey", "/logs/access/",
        )
    ]  # fmt: skip
    for page in pages:
        assert not any(rid in page for rid in response_ids)
    # the pages that show results show no person
    for page in pages[:5]:
        assert not any(name in page for name in names)
    # the event log says who answered (that is the invitation) but never what or which response
    for event in Event.objects.filter(verb__startswith="survey."):
        dump = json.dumps(event.details, ensure_ascii=False) + event.target_id + event.target_label
        assert not any(rid in dump for rid in response_ids) and "value" not in dump
    assert Event.objects.filter(verb="survey.answered").count() == 9
    assert not AccessLog.objects.filter(target_type__startswith="integrity.response").exists()
    # the admin has no page for the anonymous tables
    from django.contrib import admin

    assert Response not in admin.site._registry and Answer not in admin.site._registry
    # the invited see whether they answered, not what
    as_user(survey["big"][0].username)
    page = client.get("/integrity/survey/2026/answer/").content.decode()
    assert "응답했습니다" in page and 'type="radio"' not in page


def test_answering_twice_or_uninvited_is_refused(survey):
    q = svc.create_questionnaire(
        user("leader"),
        year=2027,
        title="다음",
        opens_on=D("2027-05-01"),
        closes_on=D("2027-05-20"),
        questions=svc.default_questions()[:2],
    )
    svc.open_questionnaire(user("leader"), q)
    values = {x.pk: 3 for x in q.questions.all()}
    svc.submit(user("head"), q, values)
    with pytest.raises(svc.SurveyError, match="이미 응답"):
        svc.submit(user("head"), q, values)
    with pytest.raises(svc.SurveyError, match="대상이 아닙니다"):
        svc.submit(user("liaison"), q, values)
    with pytest.raises(svc.SurveyError, match="모든 문항"):
        svc.submit(user("depthead"), q, {next(iter(values)): 3})
    assert Response.objects.filter(questionnaire=q).count() == 1


def test_scores_by_area_and_year_on_year(survey):
    q = survey["q"]
    svc.close_questionnaire(user("leader"), q)
    q.refresh_from_db()
    first_area = survey["questions"][0].area
    data = results.risk_map(q)
    row = next(r for r in data["rows"] if r["area"] == first_area.name)
    # expected by hand from the stored answers: risk = value-1 (or 5-value for a reverse item), mean over 0..4
    items = [x for x in survey["questions"] if x.area_id == first_area.pk]
    risks = [
        (5 - v) if x.reverse else (v - 1)
        for a in survey["answers"].values()
        for x in items
        for v in [a[x.pk]]
    ]
    assert row["score"] == round(100 * sum(risks) / (4 * len(risks)), 1)
    assert row["previous"] is None
    assert OrgUnit.objects.filter(name="안전교통국").exists()
