"""Disposition, 재심의 and result-notice clocks on concrete dates (민법 제157조·제160조·제161조), incl. holidays."""

import datetime as dt

import holidays
import pytest

from gamsa.audits.models import Disposition
from gamsa.audits.services import findings as fsvc
from gamsa.audits.services import plans as svc
from gamsa.audits.tests.helpers import engagement, finding_with, moment, user
from gamsa.core.calendar import SEOUL, deadline_for

pytestmark = pytest.mark.django_db


def due(kind, notified):
    return deadline_for(kind, notified).due_at.astimezone(SEOUL).date()


def test_holidays_library_knows_the_samiljeol_substitute_holiday():
    kr = holidays.KR(years=2026, categories=("public",), language="ko")
    assert dt.date(2026, 3, 1) in kr and dt.date(2026, 3, 2) in kr
    assert "대체" in kr[dt.date(2026, 3, 2)]


@pytest.mark.parametrize(
    ("kind", "notified", "expected"),
    [
        # From 2/1 (the day after 1/31), the whole of February → 2/28 (Sat) → 3/1 Sun (삼일절) → 3/2 substitute → 3/3.
        ("disposition_discipline", moment(2026, 1, 31), dt.date(2026, 3, 3)),
        ("reexamination_filing", moment(2026, 1, 31), dt.date(2026, 3, 3)),
        # From 8/4, 2 months: the day before 10/4 = 10/3 (Sat, 개천절) → 10/4 Sun → 10/5 substitute → 10/6.
        ("disposition_correction", moment(2026, 8, 3), dt.date(2026, 10, 6)),
        ("disposition_improvement", moment(2026, 8, 3), dt.date(2026, 10, 6)),
        ("reexamination_decision", moment(2026, 8, 3), dt.date(2026, 10, 6)),
        # From 6/27, 3 months: the day before 9/27 = 9/26 (Sat, 추석 다음날) → 9/27 Sun → 9/28 (Mon).
        ("disposition_restitution", moment(2026, 6, 26), dt.date(2026, 9, 28)),
        # An ordinary weekday: from 4/16, the day before 5/16 = 5/15 (Fri).
        ("disposition_discipline", moment(2026, 4, 15), dt.date(2026, 5, 15)),
        # From 2028-01-31: no 2/31 → the month's last day, 2/29 (Tue; leap year).
        ("disposition_discipline", moment(2028, 1, 30), dt.date(2028, 2, 29)),
        # From 12/1, three whole months → 2/28/2027 (Sun) → 3/1 (삼일절, Mon) → 3/2 (Tue).
        ("disposition_restitution", moment(2026, 11, 30), dt.date(2027, 3, 2)),
    ],
)
def test_month_clocks(kind, notified, expected):
    assert due(kind, notified) == expected


def test_result_notice_is_60_days_after_the_end(demo):
    # Ends 2026-07-27 (Mon); +60 days = 9/25 (추석) → 9/26 Sat (추석 다음날) → 9/27 Sun → 9/28 Mon.
    e = engagement(state="fieldwork", start=dt.date(2026, 7, 20))
    svc.finish_fieldwork(user("leader"), e, ended_on=dt.date(2026, 7, 27))
    assert e.result_due_at.astimezone(SEOUL).date() == dt.date(2026, 9, 28)


def test_notify_result_starts_each_disposition_clock_by_kind(demo):
    e = engagement(state="resulting", start=dt.date(2025, 12, 15))
    finding = finding_with(e, kind="correction")
    leader = user("leader")
    fsvc.add_disposition(
        leader,
        finding,
        kind="discipline",
        target_unit=finding.unit,
        demand="관련자 징계",
        amount_recover=0,
        amount_reduce=0,
    )
    fsvc.add_disposition(
        leader,
        finding,
        kind="caution",
        target_unit=finding.unit,
        demand="주의",
        amount_recover=0,
        amount_reduce=0,
    )
    assert set(Disposition.objects.filter(finding=finding).values_list("status", flat=True)) == {"draft"}
    svc.notify_result(leader, e, notified_at=moment(2026, 1, 31))
    by_kind = {d.kind: d for d in Disposition.objects.filter(finding=finding)}
    assert by_kind["discipline"].due_at.astimezone(SEOUL).date() == dt.date(2026, 3, 3)
    assert by_kind["correction"].due_at.astimezone(SEOUL).date() == dt.date(2026, 3, 31)  # 3/31 Tue
    assert by_kind["caution"].due_at is None and by_kind["caution"].status == "done"
    assert by_kind["correction"].deadline_kind == "disposition_correction"


def test_reexamination_filing_and_decision_clocks(demo):
    e = engagement(state="resulting", start=dt.date(2025, 12, 15))
    finding = finding_with(e)
    svc.notify_result(user("leader"), e, notified_at=moment(2026, 1, 31))
    d = finding.dispositions.get()
    on_time = fsvc.file_reexamination(
        user("depthead"), d, grounds="회수 대상 금액 산정 오류", filed_at=moment(2026, 3, 3)
    )
    assert not on_time.filed_late
    assert on_time.filing_due_at.astimezone(SEOUL).date() == dt.date(2026, 3, 3)
    # filed 3/3, from 3/4: the day before 5/4 = 5/3 (Sun) → 5/4 (Mon; 5/5 is 어린이날 but 5/4 is a working day).
    assert on_time.decision_due_at.astimezone(SEOUL).date() == dt.date(2026, 5, 4)


def test_late_reexamination_must_be_dismissed(demo):
    e = engagement(state="resulting", start=dt.date(2025, 12, 15))
    finding = finding_with(e)
    svc.notify_result(user("leader"), e, notified_at=moment(2026, 1, 31))
    d = finding.dispositions.get()
    late = fsvc.file_reexamination(user("depthead"), d, grounds="늦은 청구", filed_at=moment(2026, 3, 4))
    assert late.filed_late
    with pytest.raises(fsvc.AuditError, match="각하"):
        fsvc.decide_reexamination(user("auditor"), late, outcome="rejected", note="이유 없음")
    fsvc.decide_reexamination(user("auditor"), late, outcome="dismissed", note="청구기간 경과")
    late.refresh_from_db()
    assert late.outcome == "dismissed"


def test_calendar_api_answers_for_the_new_kinds(client, demo):
    for kind in (
        "disposition_restitution",
        "disposition_discipline",
        "disposition_correction",
        "disposition_improvement",
        "reexamination_filing",
        "reexamination_decision",
        "audit_result_notice",
    ):
        response = client.get(
            "/api/v1/calendar/deadline", {"kind": kind, "received_at": "2026-01-31T10:00:00+09:00"}
        )
        assert response.status_code == 200, (kind, response.content)
    body = client.get(
        "/api/v1/calendar/deadline",
        {"kind": "disposition_discipline", "received_at": "2026-01-31T10:00:00+09:00"},
    ).json()
    assert body["due_at"].startswith("2026-03-03") and body["method"] == "months"
    kinds = {k["kind"] for k in client.get("/api/v1/calendar/kinds").json()}
    assert {"disposition_restitution", "reexamination_decision"} <= kinds
