"""Ledgers (처리대장) and savings totals as XLSX (openpyxl write-only). No private persons' data is listed."""

from __future__ import annotations

from django.db.models import QuerySet

from gamsa.core.xlsx import add_sheet, local_date, new_sheet, xlsx_bytes

BATCH = 2000

PRE_HEADERS = [
    "접수번호",
    "요청일",
    "요청부서",
    "사업명",
    "분야",
    "유형",
    "추정가격(원)",
    "추정금액(원)",
    "심사 대상",
    "적용 기준",
    "처리기한",
    "상태",
    "감사의견",
    "의견 내용",
    "처리일",
]
CONTRACT_HEADERS = [
    "접수번호",
    "심사 종류",
    "요청일",
    "요청부서",
    "사업명",
    "유형",
    "설계금액(원)",
    "심사금액(원)",
    "절감액(원)",
    "절감률(%)",
    "심사 대상",
    "처리기한",
    "상태",
    "처리일",
]


def pre_ledger_xlsx(qs: QuerySet) -> tuple[bytes, int]:
    wb, ws = new_sheet("일상감사 처리대장", PRE_HEADERS)
    n = 0
    for r in qs.order_by("filed_at", "id").iterator(chunk_size=BATCH):
        ws.append(
            [
                r.case_number,
                local_date(r.filed_at),
                r.unit.name,
                r.title,
                r.get_field_display(),
                r.get_category_display(),
                r.estimated_price,
                r.estimated_amount,
                "대상" if r.required else "대상 아님",
                r.rule.summary if r.rule_id else "",
                local_date(r.due_at),
                r.get_status_display(),
                r.get_opinion_display() if r.opinion else "",
                r.opinion_text,
                local_date(r.completed_at),
            ]
        )
        n += 1
    return xlsx_bytes(wb), n


def contract_ledger_xlsx(qs: QuerySet) -> tuple[bytes, int]:
    wb, ws = new_sheet("계약심사 처리대장", CONTRACT_HEADERS)
    n = 0
    for r in qs.order_by("filed_at", "id").iterator(chunk_size=BATCH):
        ws.append(
            [
                r.case_number,
                r.get_review_kind_display(),
                local_date(r.filed_at),
                r.unit.name,
                r.title,
                r.get_category_display(),
                r.designed_amount,
                r.reviewed_amount,
                r.savings,
                r.savings_rate,
                "대상" if r.required else "대상 아님",
                local_date(r.due_at),
                r.get_status_display(),
                local_date(r.completed_at),
            ]
        )
        n += 1
    return xlsx_bytes(wb), n


def savings_xlsx(totals: dict) -> bytes:
    wb, ws = new_sheet(
        f"{totals['year']}년 유형별",
        ["심사 종류", "유형", "건수", "설계금액(원)", "심사금액(원)", "절감액(원)", "절감률(%)"],
    )
    for row in totals["by_type"]:
        ws.append(
            [
                row["kind_label"],
                row["category_label"],
                row["count"],
                row["designed"],
                row["reviewed"],
                row["savings"],
                row["rate"],
            ]
        )
    t = totals["total"]
    ws.append(["합계", "", t["count"], t["designed"], t["reviewed"], t["savings"], t["rate"]])
    ws2 = add_sheet(
        wb,
        f"{totals['year']}년 부서별",
        ["요청부서", "건수", "설계금액(원)", "심사금액(원)", "절감액(원)", "절감률(%)"],
    )
    for row in totals["by_unit"]:
        ws2.append(
            [row["unit__name"], row["count"], row["designed"], row["reviewed"], row["savings"], row["rate"]]
        )
    return xlsx_bytes(wb)
