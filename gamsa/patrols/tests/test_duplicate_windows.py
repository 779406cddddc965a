"""Near-duplicate windows per item: a parked car twice is two events, a pothole twice is one hazard, a "never" item
never pairs; the windows are data an administrator edits; a year spread over hot spots stays reviewable."""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import io
from decimal import Decimal
from pathlib import Path

import pytest

from gamsa.conftest import verified_login
from gamsa.core.calendar import SEOUL
from gamsa.core.models import Event, User
from gamsa.patrols import seeds
from gamsa.patrols.duplicates import scan
from gamsa.patrols.fieldcomplaints import importing
from gamsa.patrols.models import (
    ComplaintStatus,
    DuplicateCandidate,
    DuplicateScanPending,
    FieldCategory,
    FieldComplaint,
    FieldItem,
)

LAT, LNG = 37.5264, 126.8962
M_LAT = 1 / 111_195  # one metre in degrees of latitude
T0 = dt.datetime(2026, 10, 5, 10, 0, tzinfo=SEOUL)
BENCH = Path(__file__).resolve().parents[3] / "bench"
_n = iter(range(1, 100_000))


@pytest.fixture(autouse=True)
def seeded(db):
    """The shipped items with their shipped windows (a flush elsewhere in the run may have removed them)."""
    seeds.seed_field_items(FieldCategory, FieldItem)
    FieldItem.objects.filter(code__in=[code for _, _, _, code, *_ in seeds.item_rows()]).update(
        duplicate_radius_m=50, duplicate_days=14, duplicate_never=False
    )
    seeds.seed_duplicate_windows(FieldItem)


def item(code: str) -> FieldItem:
    return FieldItem.objects.get(code=code)


def complaint(of: FieldItem, *, north_m=0.0, hours=0.0, status=ComplaintStatus.RECEIVED, processed=None):
    at = T0 + dt.timedelta(hours=hours)
    return FieldComplaint.objects.create(
        source_id=f"W{next(_n):06d}",
        received_at=at,
        item=of,
        title=f"{of.name} 신고",
        latitude=Decimal(f"{LAT + north_m * M_LAT:.6f}"),
        longitude=Decimal(f"{LNG:.6f}"),
        status=status,
        processed_at=processed,
        due_at=at + dt.timedelta(hours=of.deadline_hours),
    )


def pairs() -> set[tuple[int, int]]:
    return set(DuplicateCandidate.objects.values_list("subject_complaint_id", "other_complaint_id"))


# --- the shipped defaults ----------------------------------------------------------------------------------------


def test_every_seeded_item_has_a_window_and_every_override_names_a_seeded_item():
    codes = {code for _, _, _, code, *_ in seeds.item_rows()}
    assert set(seeds.DUPLICATE_WINDOW_BY_ITEM) <= codes
    assert {code.split("-", 1)[0] for code in codes} == set(seeds.DUPLICATE_WINDOW_BY_FIELD)
    assert item("traffic-illegal-parking").duplicate_never
    assert item("environment-construction-noise").duplicate_never
    pothole, light = item("road-pothole"), item("safety-street-light")
    assert (pothole.duplicate_never, pothole.duplicate_radius_m, pothole.duplicate_days) == (False, 50, 14)
    assert (light.duplicate_never, light.duplicate_radius_m, light.duplicate_days) == (False, 30, 14)
    assert item("road-road-debris").duplicate_days == 1  # an item's own window beats its field's


def test_the_seed_keeps_an_administrators_edit():
    pothole = item("road-pothole")
    pothole.duplicate_radius_m, pothole.duplicate_days = 80, 20
    pothole.save()
    FieldItem.objects.filter(code="road-manhole").update(duplicate_radius_m=50, duplicate_days=14)
    seeds.seed_duplicate_windows(FieldItem)
    pothole.refresh_from_db()
    assert (pothole.duplicate_radius_m, pothole.duplicate_days) == (80, 20)
    assert (
        item("road-manhole").duplicate_radius_m == 30
    )  # still at the model's default: given its shipped window


# --- per-item windows --------------------------------------------------------------------------------------------


def test_a_parked_car_reported_twice_in_the_same_spot_is_no_candidate():
    parking = item("traffic-illegal-parking")
    first = complaint(parking)
    second = complaint(parking, hours=1)
    assert scan.scan_complaints([first.pk, second.pk]) == 0
    assert not DuplicateCandidate.objects.exists()
    assert not DuplicateScanPending.objects.exists()  # done with, not left owed


def test_a_pothole_reported_twice_is_one_candidate_the_newer_pointing_at_the_first():
    pothole = item("road-pothole")
    first = complaint(pothole)
    second = complaint(pothole, north_m=20, hours=48)
    assert scan.scan_complaints([first.pk, second.pk]) == 1
    candidate = DuplicateCandidate.objects.get()
    assert (candidate.subject_complaint, candidate.other_complaint) == (second, first)
    assert (candidate.distance_m, candidate.days_apart) == (20, 2)


def test_an_item_that_is_never_a_duplicate_never_pairs_even_in_the_same_place_and_minute():
    noise = item("environment-construction-noise")
    ids = [complaint(noise).pk for _ in range(4)]
    assert scan.scan_complaints(ids) == 0
    assert not DuplicateCandidate.objects.exists()


def test_the_items_own_distance_and_days_decide():
    pothole = item("road-pothole")  # 50 m, 14 days
    first = complaint(pothole)
    inside = complaint(pothole, north_m=45, hours=13 * 24)
    too_far = complaint(pothole, north_m=-70, hours=24)  # 70 m from first
    too_late = complaint(pothole, hours=15 * 24)  # 15 days after first; 2 days and 45 m from inside
    scan.scan_complaints([first.pk, inside.pk, too_far.pk, too_late.pk])
    assert pairs() == {(inside.pk, first.pk), (too_late.pk, inside.pk)}


def test_an_administrators_wider_window_takes_effect_at_the_next_scan():
    pothole = item("road-pothole")
    first = complaint(pothole)
    later = complaint(pothole, north_m=80, hours=24)
    assert scan.scan_complaints([first.pk, later.pk]) == 0
    FieldItem.objects.filter(pk=pothole.pk).update(duplicate_radius_m=100)
    assert scan.scan_complaints([first.pk, later.pk]) == 1


def test_an_earlier_report_dealt_with_before_the_later_came_in_is_not_its_duplicate():
    pothole = item("road-pothole")
    fixed = complaint(pothole, status=ComplaintStatus.DONE, processed=T0 + dt.timedelta(hours=2))
    again = complaint(pothole, north_m=5, hours=24)  # the pothole was patched yesterday: a new occurrence
    open_one = complaint(pothole, north_m=400, hours=0)
    while_open = complaint(pothole, north_m=410, hours=5)
    done_later = complaint(
        pothole, north_m=800, status=ComplaintStatus.DONE, processed=T0 + dt.timedelta(days=3)
    )
    before_done = complaint(pothole, north_m=805, hours=24)  # came in while the first was still being handled
    scan.scan_complaints([c.pk for c in (fixed, again, open_one, while_open, done_later, before_done)])
    assert pairs() == {(while_open.pk, open_one.pk), (before_done.pk, done_later.pk)}


def test_an_alias_is_compared_in_the_window_of_the_item_it_stands_for():
    pothole = item("road-pothole")
    alias = FieldItem.objects.create(
        category=pothole.category,
        name="포트홀 재신고",
        code="t-pothole-alias",
        alias_of=pothole,
        duplicate_never=True,
    )
    first = complaint(pothole)
    second = complaint(alias, north_m=10, hours=3)
    assert scan.scan_complaints([first.pk, second.pk]) == 1


def test_a_provisional_items_complaints_mapped_onto_an_item_are_scanned_in_its_window(
    django_capture_on_commit_callbacks,
):
    from gamsa.patrols.fieldcomplaints import services as svc

    pothole = item("road-pothole")
    provisional = FieldItem.objects.create(
        category=pothole.category,
        name="포트홀 재신고",
        code="t-new-item",
        provisional=True,
        duplicate_never=True,
    )
    first = complaint(pothole)
    second = complaint(provisional, north_m=10, hours=3)
    assert scan.scan_complaints([first.pk, second.pk]) == 0  # two items: not compared
    with django_capture_on_commit_callbacks(execute=True):
        svc.map_item(None, provisional, target=pothole)
    assert pairs() == {(second.pk, first.pk)}


def test_an_import_pairs_the_potholes_and_not_the_parked_cars():
    rows = []
    for n, (name, field, hours) in enumerate(
        [
            ("도로 파임(포트홀)", "도로", 0),
            ("도로 파임(포트홀)", "도로", 30),
            ("불법주정차", "교통", 0),
            ("불법주정차", "교통", 1),
        ]
    ):
        at = (T0 + dt.timedelta(hours=hours)).strftime("%Y-%m-%d %H:%M")
        rows.append(
            [f"2026-{n:07d}", at, field, name, name, "", "", f"{LAT:.6f}", f"{LNG:.6f}", "", "접수", "", ""]
        )
    buffer = io.StringIO()
    csv.writer(buffer).writerows([importing.HEADERS, *rows])
    report = importing.import_field_complaints(None, buffer.getvalue().encode(), scan_duplicates=False)
    assert report.created == 4 and DuplicateScanPending.objects.count() == 4  # owed, committed with the rows
    assert importing.scan_new_for_duplicates(report) == 1
    candidate = DuplicateCandidate.objects.get()
    assert candidate.subject_complaint.source_id == "2026-0000001"
    assert candidate.other_complaint.source_id == "2026-0000000"
    assert not DuplicateScanPending.objects.exists()


def test_the_administrator_edits_a_window_on_the_admin_screen_and_it_is_recorded(client, demo):
    pothole = item("road-pothole")
    admin_client = verified_login(client, User.objects.get(username="admin"))
    page = admin_client.get(f"/admin/patrols/fielditem/{pothole.pk}/change/").content.decode()
    assert "중복 판단 거리(m)" in page and "법정 기준이 아닙니다" in page
    data = {
        "category": pothole.category_id,
        "name": pothole.name,
        "code": pothole.code,
        "description": "",
        "keywords": "",
        "sort_order": pothole.sort_order,
        "deadline_hours": pothole.deadline_hours,
        "deadline_basis": pothole.deadline_basis,
        "basis_note": pothole.basis_note,
        "default_unit": "",
        "duplicate_radius_m": 2000,  # beyond the 1,000 m limit: refused, nothing changes
        "duplicate_days": 7,
        "active": "on",
        "open311": "on",
        "alias_of": "",
    }
    refused = admin_client.post(f"/admin/patrols/fielditem/{pothole.pk}/change/", data)
    assert refused.status_code == 200
    pothole.refresh_from_db()
    assert (pothole.duplicate_radius_m, pothole.duplicate_days) == (50, 14)
    response = admin_client.post(
        f"/admin/patrols/fielditem/{pothole.pk}/change/", {**data, "duplicate_radius_m": 40}
    )
    assert response.status_code == 302, response.content
    pothole.refresh_from_db()
    assert (pothole.duplicate_radius_m, pothole.duplicate_days) == (40, 7)
    event = Event.objects.get(verb="fielditem.duplicate_window")
    assert event.details == {"never": False, "radius_m": 40, "days": 7}


# --- a year spread over hot spots --------------------------------------------------------------------------------


def _spread_module():
    spec = importlib.util.spec_from_file_location(
        "fieldcomplaints_spread", BENCH / "fieldcomplaints_spread.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# At most 50 candidates per 1,000 complaints: about nine a day for a district's 66,000-a-year, the load this project
# judges a patrol team can review alongside its rounds (docs/fieldcomplaints-guide.md).
REVIEWABLE_PER_1000 = 50


def test_a_hot_spot_spread_stays_reviewable_where_one_window_for_all_buried_the_team():
    """Six weeks of a district's year at its real density (bench/fieldcomplaints_spread.py: stations and markets,
    addresses reported again and again, re-reports), through the real importer; the count is then compared with
    every item at 250 m and 30 days, the rule before per-item windows."""
    year = _spread_module().spread(66_228, seed=11, year=2025)
    weeks = [r for r in year if r[0] < dt.datetime(2025, 2, 12)]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(importing.HEADERS)
    for n, (moment, row, lat, lng, _, status, processed) in enumerate(weeks):
        writer.writerow(
            [f"H{n:07d}", f"{moment:%Y-%m-%d %H:%M:%S}", row[1], row[4], row[4], "", "", lat, lng, "", status]
            + [f"{processed:%Y-%m-%d %H:%M:%S}" if processed else "", ""]
        )
    report = importing.import_field_complaints(None, buffer.getvalue().encode(), scan_duplicates=False)
    assert report.committed and report.created == len(weeks) > 7000, report.summary()
    made = importing.scan_new_for_duplicates(report)
    per_1000 = 1000 * made / len(weeks)
    assert 0 < per_1000 <= REVIEWABLE_PER_1000, per_1000

    DuplicateCandidate.objects.all().delete()
    FieldItem.objects.update(duplicate_never=False, duplicate_radius_m=250, duplicate_days=30)
    assert scan.scan_complaints(FieldComplaint.objects.values_list("pk", flat=True)) > 5 * made
