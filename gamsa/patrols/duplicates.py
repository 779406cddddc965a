"""Near-duplicates: the same item within 250 m and 30 days becomes a DuplicateCandidate a person links or dismisses.

Rules (docs/adr/0014):
- field complaint ↔ field complaint: same FieldItem (aliases resolved to the item they stand for);
- finding ↔ field complaint: the finding's item equals the complaint's item;
- finding ↔ finding: same FindingCategory, and the same item when both have one.
The newer record is the subject, the earlier the other. Each subject gets at most MAX_PER_SUBJECT candidates
(the nearest). Records already marked as duplicates are never offered as the "other" record.

Speed: a bounding box in degrees is the SQL prefilter; a grid of 250 m × 30-day cells and the haversine distance in
Python do the rest, so a 66,228-row import batch is one query per item (bench/patrols_duplicates.py).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from gamsa.core.models import User
from gamsa.core.services import record_event
from gamsa.patrols.models import (
    ComplaintStatus,
    DuplicateCandidate,
    FieldComplaint,
    FieldItem,
    Finding,
    FindingStatus,
)

RADIUS_M = 250
WINDOW = dt.timedelta(days=30)
MAX_PER_SUBJECT = 3
EARTH_RADIUS_M = 6_371_008.8
M_PER_DEG = math.pi * EARTH_RADIUS_M / 180  # metres per degree of latitude
LAT_DEG = RADIUS_M / 111_320  # 250 m in degrees of latitude
# Seoul lies near 37.5° N; the cells are sized for 38° so that a 3 × 3 block always covers 250 m.
LNG_DEG = RADIUS_M / (111_320 * math.cos(math.radians(38.5)))


def haversine_m(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(min(1.0, a)))


WINDOW_S = WINDOW.total_seconds()


def _cell(lat: float, lng: float, ts: float) -> tuple[int, int, int]:
    """A grid cell of ~250 m × 250 m × 30 days: a record's matches lie in the 27 cells around its own."""
    return int(math.floor(lat / LAT_DEG)), int(math.floor(lng / LNG_DEG)), int(ts // WINDOW_S)


def _item_ids(item_id: int, aliases: dict[int, int]) -> int:
    return aliases.get(item_id, item_id)


def _alias_map() -> dict[int, int]:
    return dict(FieldItem.objects.filter(alias_of__isnull=False).values_list("id", "alias_of_id"))


# --- field complaints ---------------------------------------------------------------------------------------------


def scan_complaints(ids: Iterable[int]) -> int:
    """Create pending candidates for the given field complaints (e.g. one import batch). Returns how many.

    Idempotent: a pair already on file (in either decision) is not created again.
    """
    ids = set(ids)
    if not ids:
        return 0
    aliases = _alias_map()
    batch = list(
        FieldComplaint.objects.filter(
            pk__in=ids, latitude__isnull=False, longitude__isnull=False
        ).values_list("id", "item_id", "latitude", "longitude", "received_at")
    )
    if not batch:
        return 0
    by_item: dict[int, list] = defaultdict(list)
    for pk, item_id, lat, lng, at in batch:
        by_item[_item_ids(item_id, aliases)].append((pk, float(lat), float(lng), at.timestamp()))
    reverse_alias: dict[int, list[int]] = defaultdict(list)
    for alias_id, target in aliases.items():
        reverse_alias[target].append(alias_id)

    existing = _existing_pairs_for_complaints(ids)
    counts: dict = defaultdict(int)
    for subject, _ in existing:
        counts[subject] += 1
    new_rows: list[tuple] = []
    for item_id, subjects in by_item.items():
        item_ids = [item_id, *reverse_alias.get(item_id, [])]
        lats = [s[1] for s in subjects]
        lngs = [s[2] for s in subjects]
        times = [s[3] for s in subjects]
        box = {
            "latitude__gte": min(lats) - LAT_DEG,
            "latitude__lte": max(lats) + LAT_DEG,
            "longitude__gte": min(lngs) - LNG_DEG,
            "longitude__lte": max(lngs) + LNG_DEG,
        }
        start = dt.datetime.fromtimestamp(min(times), dt.UTC) - WINDOW
        end = dt.datetime.fromtimestamp(max(times), dt.UTC) + WINDOW
        pool: list[tuple[str, int, float, float, float]] = [
            ("c", pk, float(lat), float(lng), at.timestamp())
            for pk, lat, lng, at in FieldComplaint.objects.filter(
                item_id__in=item_ids, received_at__gte=start, received_at__lte=end, **box
            )
            .exclude(status=ComplaintStatus.DUPLICATE)
            .values_list("id", "latitude", "longitude", "received_at")
            .iterator(chunk_size=5000)
        ]
        pool += [
            ("f", pk, float(lat), float(lng), at.timestamp())
            for pk, lat, lng, at in Finding.objects.filter(
                item_id__in=item_ids, reported_at__gte=start, reported_at__lte=end, **box
            )
            .exclude(status=FindingStatus.DUPLICATE)
            .values_list("id", "latitude", "longitude", "reported_at")
        ]
        # batch members that are themselves marked duplicates still get compared as subjects
        pool_keys = {("c", p[1]) for p in pool}
        pool += [("c", pk, lat, lng, ts) for pk, lat, lng, ts in subjects if ("c", pk) not in pool_keys]
        grid: dict[tuple[int, int, int], list] = defaultdict(list)
        for rec in pool:
            grid[_cell(rec[2], rec[3], rec[4])].append(rec)
        for pk, lat, lng, ts in subjects:
            new_rows += _pairs_for(("c", pk, lat, lng, ts), grid, existing, counts)
    with transaction.atomic():
        _insert(new_rows)
    return len(new_rows)


def _existing_pairs_for_complaints(ids: set[int]) -> set[tuple]:
    pairs = set()
    rows = DuplicateCandidate.objects.filter(subject_complaint_id__in=ids).values_list(
        "subject_complaint_id", "other_complaint_id", "other_finding_id"
    )
    for s, oc, of in rows.iterator(chunk_size=5000):
        pairs.add((("c", s), ("c", oc) if oc else ("f", of)))
    rows = DuplicateCandidate.objects.filter(other_complaint_id__in=ids).values_list(
        "subject_complaint_id", "subject_finding_id", "other_complaint_id"
    )
    for sc, sf, o in rows.iterator(chunk_size=5000):
        pairs.add((("c", sc) if sc else ("f", sf), ("c", o)))
    return pairs


def _pairs_for(rec, grid, existing: set[tuple], counts: dict | None = None) -> list[tuple]:
    """Pairs (newer, older, metres) around one record: it is the subject when it is the newer one.

    Distances are equirectangular (at 250 m the error against the haversine is below a centimetre), inlined
    because this loop runs millions of times for a year's import."""
    kind, pk, lat, lng, ts = rec
    ci, cj, ct = _cell(lat, lng, ts)
    kx = M_PER_DEG * math.cos(math.radians(lat))
    limit = RADIUS_M * RADIUS_M
    found = []
    for di in (-1, 0, 1):
        for dj in (-1, 0, 1):
            for dt_ in (-1, 0, 1):
                for other in grid.get((ci + di, cj + dj, ct + dt_), ()):
                    if abs(other[4] - ts) > WINDOW_S:
                        continue
                    dy = (other[2] - lat) * M_PER_DEG
                    dx = (other[3] - lng) * kx
                    d2 = dx * dx + dy * dy
                    if d2 <= limit and not (other[1] == pk and other[0] == kind):
                        found.append((d2, other))
    found.sort(key=lambda pair: pair[0])
    counts = {} if counts is None else counts
    rows = []
    for d2, other in found:
        newer, older = (
            (rec, other) if (rec[4], rec[0], rec[1]) > (other[4], other[0], other[1]) else (other, rec)
        )
        key = ((newer[0], newer[1]), (older[0], older[1]))
        if key in existing or counts.get(key[0], 0) >= MAX_PER_SUBJECT:
            continue
        existing.add(key)
        counts[key[0]] = counts.get(key[0], 0) + 1
        rows.append((newer, older, math.sqrt(d2)))
    return rows


def _values(newer, older, dist: float) -> dict:
    return {
        "subject_complaint_id": newer[1] if newer[0] == "c" else None,
        "subject_finding_id": newer[1] if newer[0] == "f" else None,
        "other_complaint_id": older[1] if older[0] == "c" else None,
        "other_finding_id": older[1] if older[0] == "f" else None,
        "distance_m": int(round(dist)),
        "days_apart": int(abs(newer[4] - older[4]) // 86400),
    }


def _candidate(newer, older, dist: float) -> DuplicateCandidate:
    return DuplicateCandidate(**_values(newer, older, dist))


def _insert(pairs: list[tuple]) -> None:
    """Many candidates in one go: plain INSERTs (model instances cost more than the scan for a year's batch)."""
    if not pairs:
        return
    table = connection.ops.quote_name(DuplicateCandidate._meta.db_table)
    columns = [
        "subject_complaint_id",
        "subject_finding_id",
        "other_complaint_id",
        "other_finding_id",
        "distance_m",
        "days_apart",
        "decision",
        "created_at",
    ]
    # table and columns are constants of this module; every value goes in as a parameter
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    pending = DuplicateCandidate.Decision.PENDING.value
    rows = []
    for newer, older, dist in pairs:
        v = _values(newer, older, dist)
        rows.append([*(v[c] for c in columns[:6]), pending, now])
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(sql, rows[start : start + 5000])


# --- findings ---------------------------------------------------------------------------------------------------


def scan_finding(finding: Finding) -> list[DuplicateCandidate]:
    """Pending candidates for one finding (against findings and, when it has an item, field complaints)."""
    if finding.latitude is None or finding.longitude is None:
        return []
    lat, lng, at = float(finding.latitude), float(finding.longitude), finding.reported_at
    box = {
        "latitude__gte": lat - LAT_DEG,
        "latitude__lte": lat + LAT_DEG,
        "longitude__gte": lng - LNG_DEG,
        "longitude__lte": lng + LNG_DEG,
    }
    pool = []
    findings = Finding.objects.filter(
        category_id=finding.category_id, reported_at__gte=at - WINDOW, reported_at__lte=at + WINDOW, **box
    ).exclude(pk=finding.pk)
    findings = findings.exclude(status=FindingStatus.DUPLICATE)
    if finding.item_id:
        aliases = _alias_map()
        item_id = _item_ids(finding.item_id, aliases)
        item_ids = [item_id, *[a for a, t in aliases.items() if t == item_id]]
        findings = findings.filter(_same_item_or_none(item_ids))
        pool += [
            ("c", pk, float(la), float(lo), t.timestamp())
            for pk, la, lo, t in FieldComplaint.objects.filter(
                item_id__in=item_ids, received_at__gte=at - WINDOW, received_at__lte=at + WINDOW, **box
            )
            .exclude(status=ComplaintStatus.DUPLICATE)
            .values_list("id", "latitude", "longitude", "received_at")
        ]
    pool += [
        ("f", pk, float(la), float(lo), t.timestamp())
        for pk, la, lo, t in findings.values_list("id", "latitude", "longitude", "reported_at")
    ]
    existing = set()
    for sf, _sc, of, oc in DuplicateCandidate.objects.filter(subject_finding=finding).values_list(
        "subject_finding_id", "subject_complaint_id", "other_finding_id", "other_complaint_id"
    ):
        existing.add((("f", sf), ("f", of) if of else ("c", oc)))
    for sf, sc, of, _oc in DuplicateCandidate.objects.filter(other_finding=finding).values_list(
        "subject_finding_id", "subject_complaint_id", "other_finding_id", "other_complaint_id"
    ):
        existing.add(((("f", sf) if sf else ("c", sc)), ("f", of)))
    grid: dict[tuple[int, int, int], list] = defaultdict(list)
    for rec in pool:
        grid[_cell(rec[2], rec[3], rec[4])].append(rec)
    counts: dict = defaultdict(int)
    for subject, _ in existing:
        counts[subject] += 1
    pairs = _pairs_for(("f", finding.pk, lat, lng, at.timestamp()), grid, existing, counts)
    return DuplicateCandidate.objects.bulk_create([_candidate(*pair) for pair in pairs])


def _same_item_or_none(item_ids):
    return Q(item__isnull=True) | Q(item_id__in=item_ids)


# --- decisions --------------------------------------------------------------------------------------------------


class CandidateError(Exception):
    pass


def subject_of(candidate: DuplicateCandidate):
    return candidate.subject_finding or candidate.subject_complaint


def other_of(candidate: DuplicateCandidate):
    return candidate.other_finding or candidate.other_complaint


def pending_for(record) -> list[DuplicateCandidate]:
    """Pending candidates where the record is the subject or the other (for its page)."""
    related = (
        "subject_finding",
        "subject_complaint__item",
        "other_finding",
        "other_complaint__item",
        "subject_finding__category",
        "other_finding__category",
    )
    if isinstance(record, Finding):
        q = Q(subject_finding=record) | Q(other_finding=record)
    else:
        q = Q(subject_complaint=record) | Q(other_complaint=record)
    return list(
        DuplicateCandidate.objects.filter(q, decision=DuplicateCandidate.Decision.PENDING)
        .select_related(*related)
        .order_by("distance_m")
    )


def candidate_rows(record) -> list[dict]:
    """For a record's page (template patrols/patrol/_duplicates.html): each pending candidate with the record
    on the other side of the pair and whether that one is a finding."""
    rows = []
    for c in pending_for(record):
        subject, other = subject_of(c), other_of(c)
        counterpart = other if subject == record else subject
        rows.append({"candidate": c, "record": counterpart, "is_finding": isinstance(counterpart, Finding)})
    return rows


@transaction.atomic
def link_candidate(actor: User, candidate: DuplicateCandidate) -> DuplicateCandidate:
    """A person confirms the duplicate: the newer record points at the earlier one and is marked 중복."""
    candidate = DuplicateCandidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.decision != DuplicateCandidate.Decision.PENDING:
        raise CandidateError("이미 판단한 중복 후보입니다.")
    subject, other = subject_of(candidate), other_of(candidate)
    if isinstance(subject, Finding):
        if not subject.is_open:
            raise CandidateError("이미 끝난 적출사항은 중복으로 연결할 수 없습니다.")
        subject.status = FindingStatus.DUPLICATE
        if isinstance(other, Finding):
            subject.duplicate_of = other
        subject.closed_by = actor
        subject.closed_at = timezone.now()
        subject.save()
    else:
        subject.status = ComplaintStatus.DUPLICATE
        if isinstance(other, FieldComplaint):
            subject.duplicate_of = other
        subject.save()
    candidate.decision = DuplicateCandidate.Decision.LINKED
    candidate.decided_by = actor
    candidate.decided_at = timezone.now()
    candidate.save()
    record_event(actor, "duplicate.linked", subject, other=other, distance_m=candidate.distance_m)
    return candidate


@transaction.atomic
def dismiss_candidate(actor: User, candidate: DuplicateCandidate) -> DuplicateCandidate:
    """A person decides the two are separate matters (별건)."""
    candidate = DuplicateCandidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.decision != DuplicateCandidate.Decision.PENDING:
        raise CandidateError("이미 판단한 중복 후보입니다.")
    candidate.decision = DuplicateCandidate.Decision.DISMISSED
    candidate.decided_by = actor
    candidate.decided_at = timezone.now()
    candidate.save()
    record_event(actor, "duplicate.dismissed", subject_of(candidate), other=other_of(candidate))
    return candidate
