"""Department evaluation of field complaints for the December awards (per year and department).

Figures per department (the complaint's 처리부서 unit), over complaints RECEIVED in the year, as of a moment:
* count: complaints received;
* closed: status 처리완료; closed on time: processed at or before the item's own due time;
* open overdue: still open (접수·처리중) and past the due time as of the moment;
* on-time rate (기한 내 처리율) = closed on time ÷ (closed + open overdue)  — open overdue cases count against
  the department (anchors (v)2); 이첩·취소·중복 cases are left out of the rate;
* median processing time (hours, elapsed) of the closed ones;
* quality score: the mean of the sampled quality reviews (0–100) and how many were reviewed.
Departments with fewer complaints than the minimum count (editable data `EvaluationRule`, the version in force on
31 December of the year; shipped default 30) are listed apart and not ranked. Complaints whose department name is not mapped to a unit yet are counted apart too.
"""

from __future__ import annotations

import datetime as dt
import io
import statistics
from dataclasses import dataclass

from django.db.models import Avg, Count, F, Q
from django.utils import timezone

from gamsa.core.calendar import SEOUL
from gamsa.core.models import OrgUnit
from gamsa.patrols.models import (
    OPEN_COMPLAINT_STATUSES,
    ComplaintStatus,
    EvaluationSnapshot,
    FieldComplaint,
    QualityReview,
)

DEFAULT_MIN_COUNT = 30  # the seeded version (migration 0011); used only if every version was removed


def min_count_for(year: int) -> int:
    """The minimum count in force for `year`'s evaluation: the EvaluationRule effective on 31 December."""
    from gamsa.patrols.models import EvaluationRule

    rule = (
        EvaluationRule.objects.filter(effective_from__lte=dt.date(year, 12, 31))
        .order_by("-effective_from")
        .first()
    )
    return rule.min_count if rule else DEFAULT_MIN_COUNT


@dataclass
class DepartmentScore:
    unit_id: int
    name: str
    count: int = 0
    closed: int = 0
    closed_on_time: int = 0
    open_overdue: int = 0
    median_hours: float | None = None
    quality: float | None = None
    reviews: int = 0
    rank: int | None = None

    @property
    def on_time_rate(self) -> float | None:
        denominator = self.closed + self.open_overdue
        return self.closed_on_time / denominator if denominator else None

    @property
    def on_time_percent(self) -> str:
        rate = self.on_time_rate
        return "—" if rate is None else f"{rate * 100:.2f}%"


def year_bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    return dt.datetime(year, 1, 1, tzinfo=SEOUL), dt.datetime(year + 1, 1, 1, tzinfo=SEOUL)


def evaluate(year: int, *, min_count: int | None = None, as_of: dt.datetime | None = None) -> dict:
    """The year's evaluation: {"year", "as_of", "min_count", "ranked": [...], "below": [...], "unmapped": n}."""
    from django.db import connection

    min_count = min_count_for(year) if min_count is None else min_count
    start, end = year_bounds(year)
    live = as_of is None  # the page and the export: stored figures plus a live count of open overdue
    as_of = as_of or min(timezone.now(), end + dt.timedelta(days=365))
    if live:
        scores, unmapped = _scores_from_snapshot(year, start, end, as_of)
    elif connection.vendor == "postgresql":
        scores, unmapped = _scores_postgresql(start, end, as_of)
    else:
        scores, unmapped = _scores_portable(start, end, as_of)
    ranked = [s for s in scores if s.count >= min_count]
    below = sorted((s for s in scores if s.count < min_count), key=lambda s: s.name)
    ranked.sort(
        key=lambda s: (
            -(s.on_time_rate if s.on_time_rate is not None else -1),
            s.median_hours if s.median_hours is not None else float("inf"),
            -(s.quality or 0),
            s.name,
        )
    )
    for i, s in enumerate(ranked, start=1):
        s.rank = i
    return {
        "year": year,
        "as_of": as_of,
        "min_count": min_count,
        "ranked": ranked,
        "below": below,
        "unmapped": unmapped,
    }


SNAPSHOT_MAX_AGE = dt.timedelta(hours=1)
STATIC_FIELDS = ("unit_id", "name", "count", "closed", "closed_on_time", "median_hours")


def invalidate() -> None:
    """Drop the stored evaluation figures: called by every write to field complaints (import, intake, status,
    department mapping, duplicate links). Cheap: the table holds one row per evaluated year."""
    EvaluationSnapshot.objects.all().delete()


def _scores_from_snapshot(year, start, end, as_of) -> tuple[list[DepartmentScore], int]:
    """Counts, closed on time and medians from the stored snapshot (computed now if missing or older than an
    hour); open overdue as of `as_of` and the quality reviews counted live (both small)."""
    from django.db import connection

    snapshot = EvaluationSnapshot.objects.filter(year=year).first()
    if snapshot is None or snapshot.computed_at < timezone.now() - SNAPSHOT_MAX_AGE:
        computed_at = timezone.now()
        if connection.vendor == "postgresql":
            scores, unmapped = _scores_postgresql(start, end, as_of)
        else:
            scores, unmapped = _scores_portable(start, end, as_of)
        data = {"unmapped": unmapped, "scores": [{f: getattr(sc, f) for f in STATIC_FIELDS} for sc in scores]}
        EvaluationSnapshot.objects.update_or_create(
            year=year, defaults={"data": data, "computed_at": computed_at}
        )
        return scores, unmapped
    scores = {row["unit_id"]: DepartmentScore(**row) for row in snapshot.data["scores"]}
    open_overdue = (
        FieldComplaint.objects.filter(
            received_at__gte=start,
            received_at__lt=end,
            status__in=OPEN_COMPLAINT_STATUSES,
            due_at__lt=as_of,
            unit__isnull=False,
        )
        .values("unit_id")
        .annotate(
            n=Count("*")
        )  # COUNT(*): an index-only scan of patrols_fc_open_idx (COUNT(id) reads the table)
    )
    for row in open_overdue:
        if row["unit_id"] in scores:
            scores[row["unit_id"]].open_overdue = row["n"]
    _add_quality(scores, start, end)
    return list(scores.values()), snapshot.data["unmapped"]


def _add_quality(scores: dict[int, DepartmentScore], start, end) -> None:
    for r in (
        QualityReview.objects.filter(complaint__received_at__gte=start, complaint__received_at__lt=end)
        .values("complaint__unit_id")
        .annotate(avg=Avg("score"), n=Count("pk"))
    ):
        score = scores.get(r["complaint__unit_id"])
        if score is not None:
            score.quality, score.reviews = float(r["avg"]), r["n"]


def _scores_postgresql(start, end, as_of) -> tuple[list[DepartmentScore], int]:
    """One aggregate query: counts, the median (percentile_cont) and the quality per unit; NULL unit = unmapped.

    The index patrols_fc_evaluation_idx (unit, received_at) INCLUDE (status, due_at, processed_at) feeds it in unit
    order without reading the table. The median orders intervals (cheap) rather than EXTRACT's numerics.
    """
    from django.db import connection, transaction

    complaints = FieldComplaint._meta.db_table
    params = {
        "start": start,
        "end": end,
        "as_of": as_of,
        "done": ComplaintStatus.DONE.value,
        "open": [str(s) for s in OPEN_COMPLAINT_STATUSES],
    }
    query = f"""
        SELECT c.unit_id, u.name, c.n, c.closed, c.closed_on_time, c.open_overdue, c.median_hours,
               q.quality, q.reviews
        FROM (
            SELECT unit_id,
                   count(*) AS n,
                   count(*) FILTER (WHERE status = %(done)s) AS closed,
                   count(*) FILTER (WHERE status = %(done)s AND processed_at <= due_at) AS closed_on_time,
                   count(*) FILTER (WHERE status = ANY(%(open)s) AND due_at < %(as_of)s) AS open_overdue,
                   EXTRACT(EPOCH FROM percentile_cont(0.5) WITHIN GROUP (ORDER BY processed_at - received_at)
                       FILTER (WHERE status = %(done)s AND processed_at IS NOT NULL)) / 3600.0 AS median_hours
            FROM {complaints}
            WHERE received_at >= %(start)s AND received_at < %(end)s
            GROUP BY unit_id
        ) AS c
        LEFT JOIN {OrgUnit._meta.db_table} AS u ON u.id = c.unit_id
        LEFT JOIN (
            SELECT f.unit_id, avg(r.score) AS quality, count(*) AS reviews
            FROM {QualityReview._meta.db_table} AS r JOIN {complaints} AS f ON f.id = r.complaint_id
            WHERE f.received_at >= %(start)s AND f.received_at < %(end)s
            GROUP BY f.unit_id
        ) AS q ON q.unit_id IS NOT DISTINCT FROM c.unit_id
    """  # noqa: S608 (table names are the models'; values are parameters)
    scores, unmapped = [], 0
    with transaction.atomic(), connection.cursor() as cursor:
        # A one-off reporting query: JIT compiling costs more than it saves here, and the per-unit sorts of the
        # median fit in memory.
        cursor.execute(
            "SELECT current_setting('jit'), current_setting('work_mem'),"
            " set_config('jit', 'off', true), set_config('work_mem', '64MB', true)"
        )
        jit, work_mem = cursor.fetchone()[:2]
        cursor.execute(query, params)
        rows = cursor.fetchall()
        # Back to what they were (an enclosing transaction, e.g. a test's, would otherwise keep them).
        cursor.execute(
            "SELECT set_config('jit', %s, true), set_config('work_mem', %s, true)", [jit, work_mem]
        )
        for unit_id, name, n, closed, on_time, overdue, median, quality, reviews in rows:
            if unit_id is None:
                unmapped = n
                continue
            scores.append(
                DepartmentScore(
                    unit_id=unit_id,
                    name=name,
                    count=n,
                    closed=closed,
                    closed_on_time=on_time,
                    open_overdue=overdue,
                    median_hours=None if median is None else float(median),
                    quality=None if quality is None else float(quality),
                    reviews=reviews or 0,
                )
            )
    return scores, unmapped


def _scores_portable(start, end, as_of) -> tuple[list[DepartmentScore], int]:
    """The same figures with the ORM (SQLite): counts in SQL, medians in Python."""
    qs = FieldComplaint.objects.filter(received_at__gte=start, received_at__lt=end)
    done = Q(status=ComplaintStatus.DONE)
    rows = (
        qs.filter(unit__isnull=False)
        .values("unit_id")
        .annotate(
            count=Count("pk"),
            closed=Count("pk", filter=done),
            closed_on_time=Count("pk", filter=done & Q(processed_at__lte=F("due_at"))),
            open_overdue=Count("pk", filter=Q(status__in=OPEN_COMPLAINT_STATUSES, due_at__lt=as_of)),
        )
    )
    rows = list(rows)
    names = dict(OrgUnit.objects.filter(pk__in=[r["unit_id"] for r in rows]).values_list("pk", "name"))
    scores = {
        r["unit_id"]: DepartmentScore(
            unit_id=r["unit_id"],
            name=names.get(r["unit_id"], "?"),
            count=r["count"],
            closed=r["closed"],
            closed_on_time=r["closed_on_time"],
            open_overdue=r["open_overdue"],
        )
        for r in rows
    }
    durations: dict[int, list[float]] = {}
    for unit_id, received_at, processed_at in (
        qs.filter(done, unit__isnull=False, processed_at__isnull=False)
        .values_list("unit_id", "received_at", "processed_at")
        .iterator(chunk_size=5000)
    ):
        durations.setdefault(unit_id, []).append((processed_at - received_at).total_seconds() / 3600)
    for unit_id, values in durations.items():
        if unit_id in scores:
            scores[unit_id].median_hours = statistics.median(values)
    _add_quality(scores, start, end)
    return list(scores.values()), qs.filter(unit__isnull=True).count()


COLUMNS = [
    "순위",
    "부서",
    "접수",
    "처리완료",
    "기한 내 처리",
    "미처리 기한경과",
    "기한 내 처리율(%)",
    "처리시간 중앙값(시간)",
    "품질점수(평균)",
    "품질 평가 건수",
]


def _row(s: DepartmentScore) -> list:
    rate = s.on_time_rate
    return [
        s.rank or "",
        s.name,
        s.count,
        s.closed,
        s.closed_on_time,
        s.open_overdue,
        round(rate * 100, 2) if rate is not None else "",
        round(s.median_hours, 1) if s.median_hours is not None else "",
        round(s.quality, 1) if s.quality is not None else "",
        s.reviews,
    ]


def write_xlsx(data: dict) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from gamsa.core.xlsx import add_sheet

    wb = Workbook()
    ws = add_sheet(wb, "부서 순위", first=True)
    ws.append(
        [
            f"{data['year']}년 현장민원 부서 평가 (기준 시각 {timezone.localtime(data['as_of']):%Y. %m. %d. %H:%M})"
        ]
    )
    ws.append(
        [
            f"기한 내 처리율 = 기한 내 처리 ÷ (처리완료 + 미처리 기한경과). 최소 {data['min_count']}건 미만 부서는 별도 시트."
        ]
    )
    ws.append(COLUMNS)
    for cell in ws[3]:
        cell.font = Font(bold=True)
    for s in data["ranked"]:
        ws.append(_row(s))
    below = add_sheet(wb, "기준 미달")
    below.append([f"접수 {data['min_count']}건 미만 부서 (순위 없음)"])
    below.append(COLUMNS)
    for s in data["below"]:
        below.append(_row(s))
    if data.get("unmapped"):
        below.append([])
        below.append(["", "처리부서 미대응(관리자 확인 필요)", data["unmapped"]])
    for sheet in (ws, below):
        sheet.column_dimensions["B"].width = 22
        for col in "CDEFGHIJ":
            sheet.column_dimensions[col].width = 14
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def file_name(year: int) -> str:
    return f"현장민원_부서평가_{year}.xlsx"
