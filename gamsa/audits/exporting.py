"""XLSX exports of the audit lists (openpyxl write-only) and the yearly counts the council report reads."""

from __future__ import annotations

from django.db.models import Count, QuerySet, Sum

from gamsa.core.xlsx import local_date, new_sheet, xlsx_bytes

BATCH = 2000

ENGAGEMENT_HEADERS = [
    "감사번호",
    "연도",
    "감사사항",
    "종류",
    "특별점검 주제",
    "대상",
    "범위",
    "시작일",
    "종료일",
    "인원",
    "상태",
    "사전 통보일",
    "결과 통보 기한",
    "결과 통보일",
    "공개일",
]
DISPOSITION_HEADERS = [
    "감사번호",
    "감사",
    "지적사항",
    "처분",
    "대상 부서",
    "요구 내용",
    "요구액(원)",
    "감액(원)",
    "회수액(원)",
    "통보일",
    "이행 기한",
    "상태",
    "기한 지남",
    "독촉 횟수",
]


def engagements_xlsx(qs: QuerySet) -> tuple[bytes, int]:
    wb, ws = new_sheet("자체감사", ENGAGEMENT_HEADERS)
    n = 0
    for e in qs.select_related("plan").prefetch_related("targets").order_by("start_date", "case_number"):
        ws.append(
            (
                e.case_number,
                e.plan.year if e.plan_id else "",
                e.title,
                e.get_type_display(),
                e.get_theme_display() if e.theme else "",
                ", ".join(t.name for t in e.targets.all()),
                e.scope,
                local_date(e.start_date),
                local_date(e.end_date),
                e.headcount,
                e.get_status_display(),
                local_date(e.notified_on),
                local_date(e.result_due_at),
                local_date(e.result_notified_at),
                local_date(e.published_on),
            )
        )
        n += 1
    return xlsx_bytes(wb), n


def dispositions_xlsx(qs: QuerySet, now) -> tuple[bytes, int]:
    wb, ws = new_sheet("처분요구", DISPOSITION_HEADERS)
    n = 0
    rows = qs.select_related("finding__engagement", "target_unit").order_by("due_at", "pk")
    for d in rows.iterator(chunk_size=BATCH):
        ws.append(
            (
                d.finding.engagement.case_number,
                d.finding.engagement.title,
                d.finding.title,
                d.get_kind_display(),
                d.target_unit.name,
                d.demand,
                d.amount_recover,
                d.amount_reduce,
                d.amount_recovered,
                local_date(d.notified_at),
                local_date(d.due_at),
                d.get_status_display(),
                "예" if d.is_open and d.due_at and d.due_at < now else "",
                d.reminder_count,
            )
        )
        n += 1
    return xlsx_bytes(wb), n


def yearly_counts() -> list[dict]:
    """Per year: engagements by type and dispositions by kind with amounts (for the council report)."""
    from gamsa.audits.models import Disposition, Engagement

    years: dict[int, dict] = {}
    for row in Engagement.objects.values("start_date__year", "type").annotate(n=Count("pk")):
        y = years.setdefault(
            row["start_date__year"],
            {
                "year": row["start_date__year"],
                "engagements": {},
                "dispositions": {},
                "amount_recover": 0,
                "amount_recovered": 0,
            },
        )
        y["engagements"][row["type"]] = row["n"]
    rows = (
        Disposition.objects.exclude(status="draft")
        .values("finding__engagement__start_date__year", "kind")
        .annotate(n=Count("pk"), rec=Sum("amount_recover"), done=Sum("amount_recovered"))
    )
    for row in rows:
        y = years[row["finding__engagement__start_date__year"]]
        y["dispositions"][row["kind"]] = row["n"]
        y["amount_recover"] += row["rec"] or 0
        y["amount_recovered"] += row["done"] or 0
    return [years[k] for k in sorted(years)]
