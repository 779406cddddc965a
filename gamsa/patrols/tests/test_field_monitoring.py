"""Deadlines on concrete dates, the board's counts, the department evaluation (on-time rate, minimum count, XLSX)
and the administrator's mappings."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from gamsa.core.calendar import SEOUL
from gamsa.core.models import OrgUnit, User
from gamsa.patrols.clock import complaint_due_at
from gamsa.patrols.fieldcomplaints import evaluation
from gamsa.patrols.fieldcomplaints import selectors as board
from gamsa.patrols.fieldcomplaints import services as svc
from gamsa.patrols.models import ComplaintStatus, FieldCategory, FieldComplaint, FieldItem, Source, UnitAlias


@pytest.fixture(autouse=True)
def seeded(db):
    """The 73 items come from a data migration; a browser test's flush elsewhere in the run may have removed them."""
    from gamsa.patrols.models import FieldCategory as _Category
    from gamsa.patrols.models import FieldItem as _Item
    from gamsa.patrols.seeds import seed_field_items

    seed_field_items(_Category, _Item)


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=SEOUL)


@pytest.fixture
def units(demo):
    return {u.name: u for u in OrgUnit.objects.all()}


def item(code: str) -> FieldItem:
    return FieldItem.objects.get(code=code)


def make(
    n: int, it: FieldItem, unit, received, *, status=ComplaintStatus.RECEIVED, processed=None
) -> FieldComplaint:
    return FieldComplaint.objects.create(
        source_id=f"T-{n:05d}",
        item=it,
        unit=unit,
        unit_name=unit.name if unit else "미상과",
        received_at=received,
        due_at=complaint_due_at(it, received),
        status=status,
        processed_at=processed,
        title=f"시험 {n}",
    )


# --- deadlines ---------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_seed_has_12_fields_and_73_items():
    assert FieldCategory.objects.count() == 12
    assert FieldItem.objects.filter(provisional=False).count() == 73
    assert item("traffic-illegal-parking").deadline_hours == 3
    assert item("safety-security-light").deadline_hours == 24


@pytest.mark.django_db
def test_three_hour_item_counts_clock_hours_even_on_a_holiday():
    # 2026-10-09 (금) 한글날: the 3-hour clock runs on.
    assert complaint_due_at(item("traffic-illegal-parking"), at(2026, 10, 9, 10, 0)) == at(2026, 10, 9, 13, 0)
    assert complaint_due_at(item("traffic-illegal-parking"), at(2026, 3, 2, 23, 30)) == at(2026, 3, 3, 2, 30)


@pytest.mark.django_db
def test_five_day_item_counts_working_hours_over_a_holiday_and_weekend():
    # 40 working hours from Thu 2026-10-08 10:00: Thu 7 h, Fri 10-09 한글날 and the weekend skipped,
    # Mon–Thu 32 h, Fri 10-16 1 h → 10:00.
    abandoned = item("traffic-abandoned-vehicle")
    assert (abandoned.deadline_hours, abandoned.deadline_basis) == (40, "working_hours")
    assert complaint_due_at(abandoned, at(2026, 10, 8, 10, 0)) == at(2026, 10, 16, 10, 0)


@pytest.mark.django_db
def test_create_complaint_numbers_open311_entries_and_sets_due(units):
    parking = item("traffic-illegal-parking")
    c = svc.create_complaint(
        None,
        item=parking,
        received_at=at(2026, 5, 1, 9, 0),
        title="불법주정차",
        body="",
        address="당산로 1",
        latitude="37.52",
        longitude="126.9",
        source=Source.OPEN311,
        reporter_name="김신고",
    )
    assert c.source_id == "O311-2026-000001" and c.due_at == at(2026, 5, 1, 12, 0)
    with pytest.raises(svc.FieldComplaintError, match="국내 범위"):
        svc.create_complaint(
            None,
            item=parking,
            received_at=at(2026, 5, 1, 9, 0),
            title="x",
            body="",
            address="",
            latitude="51.5",
            longitude="0.1",
            source=Source.OPEN311,
        )
    assert FieldComplaint.objects.count() == 1


# --- the board ---------------------------------------------------------------------------------------------------


def test_board_counts_open_due_soon_and_overdue_by_department_and_dong(units):
    now = at(2026, 6, 10, 12, 0)
    parking, light = item("traffic-illegal-parking"), item("safety-security-light")
    construction, dong = units["건설과"], OrgUnit.objects.get(short_name="문래동")
    make(1, parking, construction, now - dt.timedelta(hours=4))  # overdue (due 1 h ago)
    make(2, parking, construction, now - dt.timedelta(hours=1))  # due in 2 h: due soon
    make(3, light, construction, now - dt.timedelta(hours=1))  # due in 23 h: open only
    make(4, parking, dong, now - dt.timedelta(hours=5))  # overdue, 동
    make(5, parking, construction, now - dt.timedelta(hours=5), status=ComplaintStatus.DONE, processed=now)
    make(6, parking, None, now - dt.timedelta(hours=5))  # unmapped department, overdue
    head = User.objects.get(username="head")
    data = board.board(head, now=now)
    row = next(r for r in data.departments if r.name == "건설과")
    assert (row.open, row.due_soon, row.overdue) == (3, 1, 1)
    assert [(r.name, r.open, r.overdue) for r in data.dongs] == [(dong.name, 1, 1)]
    assert data.unmapped.overdue == 1
    assert data.totals == {"open": 5, "due_soon": 1, "overdue": 3}
    # A department sees only its own unit.
    liaison = User.objects.get(username="liaison")
    own = board.board(liaison, now=now)
    assert [r.name for r in own.departments] == ["건설과"] and not own.dongs and own.unmapped is None


# --- evaluation ----------------------------------------------------------------------------------------------------


def test_on_time_rate_counts_open_overdue_and_min_count_separates(units):
    parking = item("traffic-illegal-parking")
    a, b = units["주차관리과"], units["청소과"]
    base = at(2026, 4, 1, 9, 0)
    n = 0
    for i in range(8):  # 주차관리과: 6 on time (1 h), 2 late (5 h)
        n += 1
        received = base + dt.timedelta(days=i)
        hours = 1 if i < 6 else 5
        make(
            n,
            parking,
            a,
            received,
            status=ComplaintStatus.DONE,
            processed=received + dt.timedelta(hours=hours),
        )
    for i in range(2):  # 주차관리과: 2 still open and overdue
        n += 1
        make(n, parking, a, base + dt.timedelta(days=20 + i))
    n += 1
    make(n, parking, a, base, status=ComplaintStatus.TRANSFERRED, processed=base)  # left out of the rate
    for i in range(3):  # 청소과: 3 cases, below the minimum
        n += 1
        make(
            n,
            parking,
            b,
            base + dt.timedelta(days=i),
            status=ComplaintStatus.DONE,
            processed=base + dt.timedelta(days=i, hours=1),
        )
    make(999, parking, a, at(2025, 12, 31, 23, 0))  # another year
    data = evaluation.evaluate(2026, min_count=5, as_of=at(2026, 12, 1, 0, 0))
    assert [s.name for s in data["ranked"]] == ["주차관리과"]
    top = data["ranked"][0]
    assert (top.count, top.closed, top.closed_on_time, top.open_overdue) == (11, 8, 6, 2)
    assert top.on_time_rate == pytest.approx(6 / 10)  # 6 ÷ (8 closed + 2 open overdue)
    assert top.median_hours == pytest.approx(1.0)
    assert top.rank == 1
    assert [(s.name, s.count) for s in data["below"]] == [("청소과", 3)]


def test_quality_score_and_xlsx_export_opens(units):
    parking = item("traffic-illegal-parking")
    patrol = User.objects.get(username="patrol")
    received = at(2026, 4, 1, 9, 0)
    done = make(
        1,
        parking,
        units["주차관리과"],
        received,
        status=ComplaintStatus.DONE,
        processed=received + dt.timedelta(hours=1),
    )
    svc.record_quality_review(patrol, done, score=80, has_photo=True)
    svc.record_quality_review(patrol, done, score=60)
    data = evaluation.evaluate(2026, min_count=1, as_of=at(2026, 12, 1))
    assert data["ranked"][0].quality == pytest.approx(70.0) and data["ranked"][0].reviews == 2
    wb = load_workbook(io.BytesIO(evaluation.write_xlsx(data)))
    assert wb.sheetnames == ["부서 순위", "기준 미달"]
    ws = wb["부서 순위"]
    assert [c.value for c in ws[3]] == evaluation.COLUMNS
    assert [c.value for c in ws[4]][:7] == [1, "주차관리과", 1, 1, 1, 0, 100.0]


def test_median_interpolates_and_unmapped_are_counted_apart(units):
    """The median of an even count is the mean of the middle two (percentile_cont on PostgreSQL, Python elsewhere);
    complaints without a mapped unit are counted apart; the year starts at midnight Seoul time. On PostgreSQL the
    one-query path must give the same figures as the portable ORM path."""
    parking = item("traffic-illegal-parking")
    a = units["주차관리과"]
    patrol = User.objects.get(username="patrol")
    first = None
    for n, hours in enumerate([1, 2, 4, 8], start=1):
        received = at(2026, 1, 1, 0, 0) + dt.timedelta(days=n - 1)  # the first at the very start of the year
        c = make(
            n,
            parking,
            a,
            received,
            status=ComplaintStatus.DONE,
            processed=received + dt.timedelta(hours=hours),
        )
        first = first or c
    svc.record_quality_review(patrol, first, score=90)
    make(5, parking, None, at(2026, 3, 1, 9, 0))  # unmapped
    make(6, parking, None, at(2026, 3, 2, 9, 0))  # unmapped
    make(7, parking, a, at(2025, 12, 31, 23, 59))  # the year before, Seoul time
    data = evaluation.evaluate(2026, min_count=1, as_of=at(2026, 12, 1))
    (top,) = data["ranked"]
    assert (top.name, top.count, top.closed, top.closed_on_time) == (
        "주차관리과",
        4,
        4,
        2,
    )  # 3-hour deadline: 1 h, 2 h
    assert top.median_hours == pytest.approx(3.0)  # (2 + 4) ÷ 2
    assert (top.quality, top.reviews) == (pytest.approx(90.0), 1)
    assert data["unmapped"] == 2
    start, end = evaluation.year_bounds(2026)
    portable, unmapped = evaluation._scores_portable(start, end, at(2026, 12, 1))
    assert unmapped == 2
    assert [
        (s.unit_id, s.count, s.closed, s.closed_on_time, s.open_overdue, s.median_hours, s.quality, s.reviews)
        for s in portable
    ] == [(top.unit_id, 4, 4, 2, 0, pytest.approx(top.median_hours), pytest.approx(top.quality), top.reviews)]


def test_quality_review_of_an_open_complaint_is_refused(units):
    c = make(1, item("traffic-illegal-parking"), units["건설과"], at(2026, 4, 1, 9, 0))
    with pytest.raises(svc.FieldComplaintError):
        svc.record_quality_review(User.objects.get(username="patrol"), c, score=90)
    assert not c.quality_reviews.exists()


# --- mappings ------------------------------------------------------------------------------------------------------


def test_confirming_and_mapping_items_repoints_complaints(units):
    patrol = User.objects.get(username="patrol")
    traffic = FieldCategory.objects.get(name="교통")
    new = FieldItem.objects.create(category=traffic, name="전동킥보드", code="new-kick", provisional=True)
    other = FieldItem.objects.create(category=traffic, name="불법 주정차", code="new-park", provisional=True)
    received = at(2026, 4, 1, 9, 0)
    c1 = make(1, new, units["주차관리과"], received)
    c2 = make(2, other, units["주차관리과"], received)
    assert c1.due_at == received + dt.timedelta(hours=24)
    svc.confirm_item(patrol, new, deadline_hours=5, deadline_basis="clock_hours")
    c1.refresh_from_db()
    assert c1.due_at == received + dt.timedelta(hours=5) and not FieldItem.objects.get(pk=new.pk).provisional
    moved = svc.map_item(patrol, other, target=item("traffic-illegal-parking"))
    c2.refresh_from_db()
    assert (
        moved == 1
        and c2.item.code == "traffic-illegal-parking"
        and c2.due_at == received + dt.timedelta(hours=3)
    )


def test_mapping_a_department_name_repoints_complaints(units):
    alias = UnitAlias.objects.create(name="가로정비과")
    c = make(1, item("street-banner"), None, at(2026, 4, 1, 9, 0))
    FieldComplaint.objects.filter(pk=c.pk).update(unit_name="가로정비과")
    moved = svc.map_unit_alias(User.objects.get(username="admin"), alias, unit=units["건설과"])
    c.refresh_from_db()
    assert moved == 1 and c.unit == units["건설과"]


def test_demo_hook_is_idempotent(units):
    from gamsa.patrols.fieldcomplaints.demo import COUNT, load_demo_field_complaints

    assert load_demo_field_complaints() == COUNT
    assert load_demo_field_complaints() == 0
    assert FieldComplaint.objects.filter(source_id__startswith="DEMO-").count() == COUNT
    assert FieldComplaint.objects.filter(unit__kind="dong").exists()
    assert item("traffic-illegal-parking").default_unit == units["주차관리과"]


def test_live_evaluation_stores_figures_and_any_write_drops_them(units):
    """The page's evaluation (no as_of) stores the slow figures; open overdue is counted live; a status change,
    a new complaint or an import drops the stored figures so the next evaluation sees them."""
    from gamsa.patrols.models import EvaluationSnapshot

    parking = item("traffic-illegal-parking")
    a = units["주차관리과"]
    received = at(2025, 4, 1, 9, 0)
    done = make(
        1, parking, a, received, status=ComplaintStatus.DONE, processed=received + dt.timedelta(hours=1)
    )
    late = make(2, parking, a, received + dt.timedelta(days=1))  # open and long overdue
    first = evaluation.evaluate(2025, min_count=1)
    assert EvaluationSnapshot.objects.filter(year=2025).exists()
    score = first["ranked"][0]
    assert (score.count, score.closed, score.closed_on_time, score.open_overdue) == (2, 1, 1, 1)

    again = evaluation.evaluate(2025, min_count=1)["ranked"][0]  # from the stored figures, overdue live
    assert (again.count, again.closed, again.open_overdue, again.median_hours) == (2, 1, 1, 1.0)

    svc.update_status(None, late, status=ComplaintStatus.DONE, processed_at=received + dt.timedelta(days=3))
    assert not EvaluationSnapshot.objects.exists()
    after = evaluation.evaluate(2025, min_count=1)["ranked"][0]
    assert (after.closed, after.closed_on_time, after.open_overdue) == (2, 1, 0)
    assert after.on_time_rate == pytest.approx(0.5)

    make(3, parking, a, received + dt.timedelta(days=2))
    assert not EvaluationSnapshot.objects.exists()
    assert evaluation.evaluate(2025, min_count=1)["ranked"][0].count == 3
    assert done.pk  # the first complaint stays counted


def test_minimum_count_is_data_with_an_effective_date(units, client, login):
    """The seeded rule (30, what GAMSA_FIELD_EVAL_MIN_COUNT shipped with) applies until a new version's date; a
    year's evaluation reads the version in force on its 31 December; the page starts from it."""
    from django.urls import reverse

    from gamsa.core.models import Event
    from gamsa.patrols.fieldcomplaints.services import FieldComplaintError, add_evaluation_rule
    from gamsa.patrols.models import EvaluationRule

    if not EvaluationRule.objects.exists():  # a browser test's flush elsewhere in the run
        from gamsa.core.seeds import reseed_reference_data

        reseed_reference_data()
    assert evaluation.min_count_for(2026) == 30
    add_evaluation_rule(
        User.objects.get(username="patrol"), min_count=10, effective_from=dt.date(2026, 12, 31)
    )
    add_evaluation_rule(None, min_count=50, effective_from=dt.date(2027, 1, 1))
    assert (
        evaluation.min_count_for(2025),
        evaluation.min_count_for(2026),
        evaluation.min_count_for(2027),
    ) == (
        30,
        10,
        50,
    )
    assert Event.objects.filter(verb="evaluation_rule.added").count() == 2
    before = (EvaluationRule.objects.count(), Event.objects.count())
    with pytest.raises(FieldComplaintError):
        add_evaluation_rule(None, min_count=5, effective_from=dt.date(2027, 1, 1))  # that date has a version
    assert (EvaluationRule.objects.count(), Event.objects.count()) == before
    parking = item("traffic-illegal-parking")
    for i in range(12):
        received = at(2026, 5, 1, 9, 0) + dt.timedelta(days=i)
        make(i + 1, parking, units["주차관리과"], received, status=ComplaintStatus.DONE, processed=received)
    data = evaluation.evaluate(2026, as_of=at(2026, 12, 1))
    assert data["min_count"] == 10 and [s.name for s in data["ranked"]] == ["주차관리과"]
    assert (
        evaluation.evaluate(2026, min_count=20, as_of=at(2026, 12, 1))["ranked"] == []
    )  # the form's override
    login("patrol")
    page = client.get(reverse("patrols:field_evaluation"), {"year": 2026})
    assert page.status_code == 200 and page.context["data"]["min_count"] == 10
    assert "접수 10건 미만" in page.content.decode()
