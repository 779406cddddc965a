"""Department evaluation of field complaints for the December awards (per year and department).

Figures per department (the complaint's 처리부서 unit), over complaints RECEIVED in the year, as of a moment:
* count: complaints received;
* closed: status 처리완료; closed on time: processed at or before the item's own due time;
* open overdue: still open (접수·처리중) and past the due time as of the moment;
* on-time rate (기한 내 처리율) = closed on time ÷ (closed + open overdue)  — open overdue cases count against
  the department (anchors (v)2); 이첩·취소·중복 cases are left out of the rate;
* median processing time (hours, elapsed) of the closed ones;
* quality score: the mean of the sampled quality reviews (0–100) and how many were reviewed.
Departments with fewer complaints than the minimum count (setting GAMSA_FIELD_EVAL_MIN_COUNT, default 30) are
listed apart and not ranked. Complaints whose department name is not mapped to a unit yet are counted apart too.
"""

from __future__ import annotations

import datetime as dt
import io
import statistics
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Avg, Count, F, Q
from django.utils import timezone

from gamsa.core.calendar import SEOUL
from gamsa.core.models import OrgUnit
from gamsa.patrols.models import OPEN_COMPLAINT_STATUSES, ComplaintStatus, FieldComplaint, QualityReview

DEFAULT_MIN_COUNT = 30


def min_count_setting() -> int:
    return int(getattr(settings, "GAMSA_FIELD_EVAL_MIN_COUNT", DEFAULT_MIN_COUNT))


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
    min_count = min_count_setting() if min_count is None else min_count
    start, end = year_bounds(year)
    as_of = as_of or min(timezone.now(), end + dt.timedelta(days=365))
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
    names = dict(OrgUnit.objects.values_list("pk", "name"))
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
    for unit_id, median in _medians(qs.filter(done, unit__isnull=False, processed_at__isnull=False)).items():
        if unit_id in scores:
            scores[unit_id].median_hours = median
    for r in (
        QualityReview.objects.filter(complaint__received_at__gte=start, complaint__received_at__lt=end)
        .values("complaint__unit_id")
        .annotate(avg=Avg("score"), n=Count("pk"))
    ):
        score = scores.get(r["complaint__unit_id"])
        if score is not None:
            score.quality, score.reviews = float(r["avg"]), r["n"]
    ranked = [s for s in scores.values() if s.count >= min_count]
    below = sorted((s for s in scores.values() if s.count < min_count), key=lambda s: s.name)
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
        "unmapped": qs.filter(unit__isnull=True).count(),
    }


def _medians(qs) -> dict[int, float]:
    """unit id → median processing hours. PostgreSQL computes it (percentile_cont); elsewhere Python does."""
    from django.db import connection

    if connection.vendor == "postgresql":
        inner = qs.order_by().values("unit_id", "received_at", "processed_at").query.sql_with_params()
        query = (
            "SELECT unit_id, percentile_cont(0.5) WITHIN GROUP "  # noqa: S608 (the inner query is Django's)
            "(ORDER BY EXTRACT(EPOCH FROM (processed_at - received_at))) / 3600.0 "
            f"FROM ({inner[0]}) AS done GROUP BY unit_id"
        )
        with connection.cursor() as cursor:
            cursor.execute(query, inner[1])
            return {unit_id: float(median) for unit_id, median in cursor.fetchall()}
    durations: dict[int, list[float]] = {}
    for unit_id, received_at, processed_at in qs.values_list(
        "unit_id", "received_at", "processed_at"
    ).iterator(chunk_size=5000):
        durations.setdefault(unit_id, []).append((processed_at - received_at).total_seconds() / 3600)
    return {unit_id: statistics.median(values) for unit_id, values in durations.items()}


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

    wb = Workbook()
    ws = wb.active
    ws.title = "부서 순위"
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
    below = wb.create_sheet("기준 미달")
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
