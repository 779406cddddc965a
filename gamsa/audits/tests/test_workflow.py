"""The engagement workflow 계획 → 통보 → 실시 → 결과처리 → 공개 → 종료, copying, discipline inspections, demo."""

import datetime as dt

import pytest

from gamsa.audits.demo import load_demo_audits
from gamsa.audits.models import (
    AuditPlan,
    ChecklistItem,
    CitizenAuditor,
    Disposition,
    Engagement,
    EngagementType,
    Finding,
)
from gamsa.audits.services import AuditError
from gamsa.audits.services import findings as fsvc
from gamsa.audits.services import plans as svc
from gamsa.audits.tests.helpers import engagement, finding_with, moment, unit, user
from gamsa.core.models import Event, Membership, Role

pytestmark = pytest.mark.django_db


def test_prior_notice_must_be_seven_days_before_the_start(demo):
    # Start Mon 16 Mar 2026: 15 Mar is day 1, 9 Mar day 7, so the notice is due by Sun 8 Mar (시행령 제12조①).
    e = engagement(start=dt.date(2026, 3, 16))
    for late in (dt.date(2026, 3, 10), dt.date(2026, 3, 9)):
        with pytest.raises(AuditError, match="시행령 제12조①") as exc:
            svc.notify_engagement(user("leader"), e, notified_on=late)
        assert "2026. 3. 8.까지" in str(exc.value)
        e.refresh_from_db()
        assert e.status == "planned" and e.notified_on is None
    assert not Event.objects.filter(verb="engagement.notified", target_id=e.case_number).exists()
    svc.notify_engagement(user("leader"), e, notified_on=dt.date(2026, 3, 8))
    e.refresh_from_db()
    assert e.status == "notified"


def test_prior_notice_for_a_start_on_12_october_is_due_on_4_october(demo):
    # The example: a start on Mon 12 Oct 2026 needs the notice by Sun 4 Oct; 5 Oct (the 개천절 substitute
    # holiday) is one day late under the strict reading.
    e = engagement(start=dt.date(2026, 10, 12))
    assert svc.notice_latest_day(e) == dt.date(2026, 10, 4)
    assert svc.notice_advice(e) == {"latest": dt.date(2026, 10, 4), "last_working_day": dt.date(2026, 10, 2)}
    with pytest.raises(AuditError, match="2026. 10. 4.까지"):
        svc.notify_engagement(user("leader"), e, notified_on=dt.date(2026, 10, 5))
    e.refresh_from_db()
    assert e.status == "planned"
    svc.notify_engagement(user("leader"), e, notified_on=dt.date(2026, 10, 2))
    assert Engagement.objects.get(pk=e.pk).notified_on == dt.date(2026, 10, 2)


def test_engagement_page_shows_the_strict_notice_day(demo, login, client):
    e = engagement(start=dt.date(2026, 10, 12))
    login("leader")
    page = client.get(f"/audits/engagements/{e.case_number}/").content.decode()
    assert "2026. 10. 4.(일)까지 (감사예정일 7일 전까지, 시행령 제12조①)" in page
    assert "2026. 10. 2.(금)까지 보내면 안전합니다" in page
    assert 'data-testid="notice-rule"' in page
    assert "시작일 전날을 1일째로 거꾸로 세어" in page  # the form's help text and the rule line


def test_urgent_audit_may_skip_the_seven_days_with_a_reason(demo):
    e = engagement(start=dt.date(2026, 3, 16))
    svc.notify_engagement(
        user("leader"), e, notified_on=dt.date(2026, 3, 15), exception="비위 제보로 긴급 감사"
    )
    assert Engagement.objects.get(pk=e.pk).notice_exception == "비위 제보로 긴급 감사"


def test_full_workflow_records_an_event_per_step(demo, login, client):
    e = engagement(state="fieldwork", start=dt.date(2026, 1, 12))
    leader = user("leader")
    finding_with(e)
    svc.finish_fieldwork(leader, e, ended_on=dt.date(2026, 1, 16))
    with pytest.raises(AuditError, match="통보한 뒤"):
        svc.publish(leader, e, summary="요약")
    svc.notify_result(leader, e, notified_at=moment(2026, 2, 2))
    svc.publish(leader, e, summary="분할 집행 1건 시정 요구")
    with pytest.raises(AuditError, match="이행이 끝나지 않은"):
        svc.close(leader, e)
    d = Disposition.objects.get(finding__engagement=e)
    report = fsvc.report_followup(user("liaison"), d, text="회수 완료", recovered_amount=1_250_000)
    fsvc.verify_report(leader, report, verdict="accepted")
    svc.close(leader, e)
    e.refresh_from_db()
    assert e.status == "closed"
    verbs = list(Event.objects.filter(target_id=e.case_number).values_list("verb", flat=True))
    for verb in (
        "engagement.planned",
        "engagement.notified",
        "engagement.fieldwork_started",
        "engagement.fieldwork_finished",
        "engagement.result_notified",
        "engagement.published",
        "engagement.closed",
    ):
        assert verb in verbs
    d.refresh_from_db()
    assert d.amount_recovered == 1_250_000 and d.status == "done"


def test_wrong_order_is_refused_in_korean(demo):
    e = engagement()
    with pytest.raises(AuditError, match="지금 상태\\(계획\\)"):
        svc.start_fieldwork(user("leader"), e)
    with pytest.raises(AuditError, match="실시 중이거나"):
        finding_with(e)


def test_copy_last_years_plan_resets_state_and_keeps_checklist(demo):
    leader = user("leader")
    plan = svc.create_plan(leader, year=2025, title="2025년 자체감사계획")
    old = engagement(state="fieldwork", start=dt.date(2025, 2, 28), plan=plan)
    svc.add_checklist_item(leader, old, area="예산", text="업무추진비 휴일 사용")
    ChecklistItem.objects.filter(engagement=old).update(result="issue", note="3건")
    new_plan = svc.copy_plan(leader, plan, year=2026)
    copy = new_plan.engagements.get()
    assert copy.status == "planned" and copy.notified_on is None
    assert copy.start_date == dt.date(2026, 2, 28) and copy.copied_from == old
    assert list(copy.targets.values_list("name", flat=True)) == ["건설과"]
    item = copy.checklist.get()
    assert (item.text, item.result, item.note) == ("업무추진비 휴일 사용", "", "")
    assert new_plan.title == "2026년 자체감사계획"
    with pytest.raises(AuditError, match="이미 있습니다"):
        svc.copy_plan(leader, plan, year=2026)
    assert AuditPlan.objects.count() == 2


def test_copy_checklist_between_engagements(demo):
    leader = user("leader")
    a, b = engagement(), engagement(start=dt.date(2026, 12, 21))
    svc.add_checklist_item(leader, a, text="당직 근무 여부")
    assert svc.copy_checklist(leader, a, b) == 1
    assert b.checklist.get().text == "당직 근무 여부"
    with pytest.raises(AuditError):
        svc.copy_checklist(leader, b, b)


def test_discipline_inspection_is_a_themed_discipline_audit_in_the_same_flow(demo):
    e = engagement(state="fieldwork", type=EngagementType.DISCIPLINE, theme="year_end")
    assert e.is_discipline_inspection
    finding = finding_with(e, kind="warning", amount=0)
    assert finding.dispositions.get().kind == "warning"
    with pytest.raises(AuditError, match="복무감사"):
        engagement(type=EngagementType.SPECIAL, theme="holiday")


def test_out_of_plan_audit_needs_a_reason(demo):
    with pytest.raises(AuditError, match="시행령 제11조②"):
        svc.create_engagement(
            user("leader"),
            plan=None,
            targets=[unit("건설과")],
            title="x",
            purpose="x",
            type="special",
            scope="x",
            start_date=dt.date(2026, 5, 1),
            end_date=dt.date(2026, 5, 2),
        )


def test_demo_is_idempotent_and_has_an_overdue_followup(demo):
    load_demo_audits()
    counts = (
        AuditPlan.objects.count(),
        Engagement.objects.count(),
        Finding.objects.count(),
        Disposition.objects.count(),
    )
    load_demo_audits()
    assert counts == (
        AuditPlan.objects.count(),
        Engagement.objects.count(),
        Finding.objects.count(),
        Disposition.objects.count(),
    )
    assert set(Engagement.objects.values_list("status", flat=True)) >= {
        "planned",
        "fieldwork",
        "resulting",
        "published",
    }
    overdue = Disposition.objects.filter(status="open", due_at__lt=moment(2026, 11, 26))
    assert overdue.filter(target_unit__name="건설과").exists()
    citizen = CitizenAuditor.objects.get(user__username="citizenauditor")
    assert Membership.objects.filter(user=citizen.user, role=Role.CITIZEN_AUDITOR).exists()
    assert Engagement.objects.filter(type="discipline", theme="year_end").get().checklist.count() == 5


def test_plan_and_engagement_forms_keep_input_on_errors(client, login, demo):
    login("auditor")
    r = client.post(
        "/audits/plans/new/", {"year": 2027, "title": "2027년 자체감사계획", "adopted_on": "2027-01-20"}
    )
    assert r.status_code == 302 and AuditPlan.objects.get(year=2027).adopted_on == dt.date(2027, 1, 20)
    r = client.post("/audits/plans/new/", {"year": 2027, "title": "중복 계획"})
    page = r.content.decode()
    assert r.status_code == 400 and "2027년 감사계획이 이미 있습니다" in page and "중복 계획" in page
    before = Engagement.objects.count()
    r = client.post(
        "/audits/engagements/new/?plan=2027",
        {
            "title": "보건소 종합감사",
            "type": "special",
            "theme": "holiday",
            "purpose": "점검",
            "scope": "전반",
            "start_date": "2027-03-10",
            "end_date": "2027-03-01",
            "headcount": 3,
            "targets": [unit("위생과").pk],
        },
    )
    page = r.content.decode()
    assert r.status_code == 400 and Engagement.objects.count() == before
    assert (
        "감사 종료일이 시작일보다 빠릅니다" in page and "복무감사에만" in page and "보건소 종합감사" in page
    )
