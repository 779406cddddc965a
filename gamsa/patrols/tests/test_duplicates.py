"""Near-duplicates: same item within 250 m and 30 days; outside the radius, the window or the item nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from gamsa.core.calendar import SEOUL
from gamsa.core.models import Event
from gamsa.patrols.duplicates import scan, windows
from gamsa.patrols.duplicates import services as decisions
from gamsa.patrols.models import (
    ComplaintStatus,
    DuplicateCandidate,
    FieldCategory,
    FieldComplaint,
    FieldItem,
    Finding,
    FindingStatus,
)
from gamsa.patrols.tests.test_patrol_findings import category, new_finding, patrol_setup, user  # noqa: F401

LAT, LNG = 37.5264, 126.8962
M_LAT = 1 / 111_320  # one metre in degrees of latitude
T0 = dt.datetime(2026, 10, 5, 10, 0, tzinfo=SEOUL)
_n = iter(range(1, 10_000))


def complaint(item, *, north_m=0.0, days=0, status=ComplaintStatus.RECEIVED) -> FieldComplaint:
    at = T0 + dt.timedelta(days=days)
    return FieldComplaint.objects.create(
        source_id=f"T{next(_n):06d}",
        received_at=at,
        item=item,
        title=f"{item.name} 신고",
        latitude=Decimal(f"{LAT + north_m * M_LAT:.6f}"),
        longitude=Decimal(f"{LNG:.6f}"),
        status=status,
        due_at=at + dt.timedelta(hours=item.deadline_hours),
    )


@pytest.fixture
def items(patrol_setup):  # noqa: F811
    field, _ = FieldCategory.objects.get_or_create(name="테스트 분야")
    wide = {"deadline_hours": 3, "duplicate_radius_m": 250, "duplicate_days": 30}  # the tests' window
    parking, _ = FieldItem.objects.update_or_create(
        category=field, name="불법주정차(테스트)", defaults={"code": "t-parking", **wide}
    )
    pothole, _ = FieldItem.objects.update_or_create(
        category=field, name="포트홀(테스트)", defaults={"code": "t-pothole", **wide}
    )
    return parking, pothole


def test_haversine_is_metres():
    assert round(windows.haversine_m(LAT, LNG, LAT + 100 * M_LAT, LNG)) == 100
    assert 880 < windows.haversine_m(LAT, LNG, LAT, LNG + 0.01) < 890  # 0.01° of longitude at 37.5° N


def test_complaints_inside_radius_and_window_only(items):
    parking, pothole = items
    first = complaint(parking)
    near = complaint(parking, north_m=100, days=10)  # inside both
    far = complaint(parking, north_m=400, days=5)  # 400 m: outside
    late = complaint(parking, north_m=50, days=41)  # 41 days after `first`, 31 after `near`
    other_item = complaint(pothole, north_m=20, days=2)  # different item
    edge = complaint(parking, north_m=240, days=29)  # 240 m, 29 days from `first`
    created = scan.scan_complaints([first.pk, near.pk, far.pk, late.pk, other_item.pk, edge.pk])
    pairs = {
        (c.subject_complaint_id, c.other_complaint_id): c
        for c in DuplicateCandidate.objects.filter(subject_complaint__isnull=False)
    }
    assert (near.pk, first.pk) in pairs and pairs[(near.pk, first.pk)].distance_m == 100
    assert pairs[(near.pk, first.pk)].days_apart == 10
    assert (edge.pk, first.pk) in pairs
    assert all(other_item.pk not in key for key in pairs)
    assert (late.pk, first.pk) not in pairs  # 41 days
    assert (far.pk, first.pk) not in pairs  # 400 m
    assert created == len(pairs)
    assert all(c.decision == DuplicateCandidate.Decision.PENDING for c in pairs.values())
    # idempotent: the same batch again creates nothing new
    assert scan.scan_complaints([first.pk, near.pk, far.pk, late.pk, other_item.pk, edge.pk]) == 0


def test_scan_of_a_new_batch_finds_earlier_complaints(items):
    parking, _ = items
    old = complaint(parking)
    scan.scan_complaints([old.pk])
    new = complaint(parking, north_m=30, days=3)
    assert scan.scan_complaints([new.pk]) == 1
    candidate = DuplicateCandidate.objects.get()
    assert candidate.subject_complaint == new and candidate.other_complaint == old


def test_finding_against_complaints_of_the_same_item(items):
    parking, pothole = items
    c_same = complaint(parking, north_m=0, days=0)
    complaint(pothole, north_m=0, days=0)
    finding = new_finding(item=parking, reported_at=T0 + dt.timedelta(days=2))
    found = DuplicateCandidate.objects.filter(subject_finding=finding)
    assert [c.other_complaint for c in found] == [c_same]


def test_finding_against_findings_same_category_only(items):
    first = new_finding(reported_at=T0)
    second = new_finding(
        reported_at=T0 + dt.timedelta(days=3),
        latitude=Decimal(f"{LAT + 200 * M_LAT:.6f}"),
    )
    other_category = new_finding(category=category("청소"), reported_at=T0 + dt.timedelta(days=4))
    too_far = new_finding(reported_at=T0 + dt.timedelta(days=5), latitude=Decimal(f"{LAT + 300 * M_LAT:.6f}"))
    assert DuplicateCandidate.objects.filter(subject_finding=second, other_finding=first).exists()
    assert not DuplicateCandidate.objects.filter(subject_finding=other_category).exists()
    assert not DuplicateCandidate.objects.filter(subject_finding=too_far, other_finding=first).exists()
    # too_far is 100 m from `second`: a candidate against it is right
    assert DuplicateCandidate.objects.filter(subject_finding=too_far, other_finding=second).exists()


def test_finding_31_days_later_is_no_candidate(items):
    new_finding(reported_at=T0)
    later = new_finding(reported_at=T0 + dt.timedelta(days=31))
    assert not DuplicateCandidate.objects.filter(subject_finding=later).exists()


def test_link_marks_the_newer_one_duplicate(items, client, login):
    first = new_finding(reported_at=T0)
    second = new_finding(reported_at=T0 + dt.timedelta(days=1))
    candidate = DuplicateCandidate.objects.get(subject_finding=second)
    login("patrol")
    page = client.get(f"/patrols/findings/{second.case_number}/").content.decode()
    assert "중복 후보" in page and first.case_number in page
    response = client.post(
        f"/patrols/duplicates/{candidate.public_id}/link/",
        {"next": f"/patrols/findings/{second.case_number}/"},
    )
    assert response.status_code == 302
    second.refresh_from_db()
    candidate.refresh_from_db()
    assert second.status == FindingStatus.DUPLICATE and second.duplicate_of == first
    assert candidate.decision == DuplicateCandidate.Decision.LINKED and candidate.decided_by == user("patrol")
    assert Event.objects.filter(verb="duplicate.linked", target_id=second.case_number).exists()


def test_dismiss_keeps_both_open(items, client, login):
    new_finding(reported_at=T0)
    second = new_finding(reported_at=T0 + dt.timedelta(days=1))
    candidate = DuplicateCandidate.objects.get(subject_finding=second)
    login("patrol")
    assert client.post(f"/patrols/duplicates/{candidate.public_id}/dismiss/").status_code == 302
    candidate.refresh_from_db()
    second.refresh_from_db()
    assert (
        candidate.decision == DuplicateCandidate.Decision.DISMISSED and second.status == FindingStatus.ROUTED
    )


def test_link_complaints_sets_duplicate_of(items):
    parking, _ = items
    old = complaint(parking)
    new = complaint(parking, north_m=10, days=1)
    scan.scan_complaints([old.pk, new.pk])
    candidate = DuplicateCandidate.objects.get(subject_complaint=new)
    decisions.link_candidate(user("patrol"), candidate)
    new.refresh_from_db()
    assert new.duplicate_of == old and new.status == ComplaintStatus.DUPLICATE


def test_department_cannot_decide_and_nothing_changes(items, client, login):
    new_finding(reported_at=T0)
    second = new_finding(reported_at=T0 + dt.timedelta(days=1))
    candidate = DuplicateCandidate.objects.get(subject_finding=second)
    login("liaison")
    assert client.post(f"/patrols/duplicates/{candidate.public_id}/link/").status_code == 403
    assert (
        client.post(f"/patrols/duplicates/{candidate.pk}/link/").status_code == 403
    )  # old address, same check
    candidate.refresh_from_db()
    second.refresh_from_db()
    assert candidate.decision == DuplicateCandidate.Decision.PENDING and second.status == FindingStatus.ROUTED
    assert Finding.objects.filter(status=FindingStatus.DUPLICATE).count() == 0


def test_queue_lists_complaint_pairs_with_links(items, client, login):
    parking, _ = items
    old = complaint(parking)
    new = complaint(parking, north_m=10, days=1)
    scan.scan_complaints([old.pk, new.pk])
    login("patrol")
    page = client.get("/patrols/duplicates/").content.decode()
    assert f"/patrols/field/c/{new.source_id}/" in page and f"/patrols/field/c/{old.source_id}/" in page
    candidate = DuplicateCandidate.objects.get()
    response = client.post(
        f"/patrols/duplicates/{candidate.public_id}/dismiss/", {"next": "https://evil.example/"}
    )
    assert response.status_code == 302 and response["Location"] == f"/patrols/field/c/{new.source_id}/"


def test_old_address_by_database_id_redirects_permanently(items, client, login):
    new_finding(reported_at=T0)
    second = new_finding(reported_at=T0 + dt.timedelta(days=1))
    candidate = DuplicateCandidate.objects.get(subject_finding=second)
    login("patrol")
    old = client.post(f"/patrols/duplicates/{candidate.pk}/dismiss/")
    assert old.status_code == 308 and old["Location"] == f"/patrols/duplicates/{candidate.public_id}/dismiss/"
    candidate.refresh_from_db()
    assert candidate.decision == DuplicateCandidate.Decision.PENDING  # the redirect itself changes nothing
    assert client.post(f"/patrols/duplicates/{candidate.pk}/dismiss/", follow=True).status_code == 200
    candidate.refresh_from_db()
    assert candidate.decision == DuplicateCandidate.Decision.DISMISSED
    assert client.post("/patrols/duplicates/999999/dismiss/").status_code == 404
