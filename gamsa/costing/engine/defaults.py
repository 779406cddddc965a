"""Shipped rate values (../shared/domain/cost-rates.md). A and B grade ship active; C grade only as inactive drafts
that an administrator reviews and activates. NC values are not shipped at all.

Each item is a plain dict so that the data migration and the tests read the same list.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from gamsa.costing.engine.rates import CAP, LEGAL, REFERENCE, RateEntry

D = Decimal
EOK = 100_000_000  # 1억원

SRC_SANJAE = "고용노동부 「사업종류별 산재보험료율」 고시 제2024-1호·제2024-77호·제2025-91호 (건설업 3.5% + 출퇴근재해 0.06%)"
SRC_GOYONG = (
    "조달청 「시설공사 원가계산 제비율 적용기준」 고용보험료율 등급표 (2021-07-01, 국토부 고시 2021-905)"
)
SRC_HEALTH = "국민건강보험법 시행령 제44조제1항 (보험료율의 1/2, 사업주 부담분)"
SRC_CARE = "노인장기요양보험법 시행령 제4조 (건강보험료 대비 요율)"
SRC_PENSION = "국민연금법 제88조 및 부칙(법률 제20903호, 2025. 4. 2.) 제4조 (사업장 부담분)"
SRC_RETIRE = (
    "국토교통부 「건설근로자 퇴직공제 가입 소요금액 산정기준」 고시 제2015-610호 (조달청 적용 2020-09-08)"
)
SRC_SAFETY = (
    "고용노동부 「건설업 산업안전보건관리비 계상 및 사용기준」 고시 제2024-53호 [별표 1] (시행 2025-01-01)"
)
SRC_GA = "지방계약법 시행규칙 제6조제1항제4호·제8조제1항"
SRC_PROFIT = "지방계약법 시행규칙 제6조제1항제5호·제8조제2항"
SRC_VAT = "지방계약법 시행규칙 제11조제2항, 부가가치세법 제30조"
SRC_PPS_2026 = (
    "조달청 시설공사 원가계산 제비율 적용기준 2026-04-13 입찰공고분 (건축) — 제3자 코드 1곳(T1) 인용, 검증 전"
)


def _d(value: str) -> Decimal:
    return D(value)


def default_rates() -> list[dict]:
    """Every shipped entry as a dict with the RateEntry fields plus `active`."""
    rows: list[dict] = []

    def add(key, check, rate, since, base, source, confidence, active=True, **extra):
        rows.append(
            {
                "key": key,
                "check": check,
                "rate": _d(rate),
                "effective_from": since,
                "base": base,
                "source": source,
                "confidence": confidence,
                "active": active,
                **extra,
            }
        )

    jan = dt.date
    # 2.2 social insurance and levies (법정요율)
    add("industrial_accident_insurance", LEGAL, "0.0356", jan(2024, 1, 1), "노무비 계", SRC_SANJAE, "A")
    for grade, rate in [
        (1, "0.0157"),
        (2, "0.0130"),
        (3, "0.0113"),
        (4, "0.0106"),
        (5, "0.0103"),
        (6, "0.0102"),
    ]:
        add(
            "employment_insurance",
            LEGAL,
            rate,
            jan(2021, 7, 1),
            "노무비 계",
            SRC_GOYONG,
            "B",
            band_min=grade,
            band_max=grade + 1,
            note=f"{grade}등급",
        )
    add(
        "employment_insurance",
        LEGAL,
        "0.0101",
        jan(2021, 7, 1),
        "노무비 계",
        SRC_GOYONG,
        "B",
        band_min=7,
        note="7등급 이하",
    )
    add("health_insurance", LEGAL, "0.03545", jan(2024, 1, 1), "직접노무비", SRC_HEALTH + " 7.09%÷2", "A")
    add(
        "health_insurance",
        LEGAL,
        "0.03595",
        jan(2026, 1, 1),
        "직접노무비",
        SRC_HEALTH + " 7.19%÷2 <개정 2025.12.23>",
        "A",
    )
    add("long_term_care_insurance", LEGAL, "0.1295", jan(2024, 1, 1), "국민건강보험료", SRC_CARE, "A")
    add(
        "long_term_care_insurance",
        LEGAL,
        "0.1314",
        jan(2026, 1, 1),
        "국민건강보험료",
        SRC_CARE + " <개정 2025.12.30>",
        "A",
    )
    add("national_pension", LEGAL, "0.045", jan(2024, 1, 1), "직접노무비", SRC_PENSION + " 9%÷2", "A")
    add("national_pension", LEGAL, "0.0475", jan(2026, 1, 1), "직접노무비", SRC_PENSION + " 9.5%÷2", "A")
    add("retirement_mutual_aid", LEGAL, "0.023", jan(2020, 9, 8), "직접노무비", SRC_RETIRE, "B")

    # 2.3 산업안전보건관리비, 2025 table (B for the first three columns; the 보건관리자 column is C and not shipped)
    bands = [(None, 5 * EOK), (5 * EOK, 50 * EOK), (50 * EOK, None)]
    table = {
        "건축": [("0.0311", 0), ("0.0228", 4_325_000), ("0.0237", 0)],
        "토목": [("0.0315", 0), ("0.0253", 3_300_000), ("0.0260", 0)],
        "중건설": [("0.0364", 0), ("0.0305", 2_975_000), ("0.0311", 0)],
        "특수건설": [("0.0207", 0), ("0.0159", 2_450_000), ("0.0164", 0)],
    }
    for work_type, cells in table.items():
        for (low, high), (rate, base_amount) in zip(bands, cells, strict=True):
            add(
                "safety_health",
                LEGAL,
                rate,
                jan(2025, 1, 1),
                "재료비 + 직접노무비 (대상액)",
                SRC_SAFETY,
                "B",
                sheet_kind="works",
                variant=work_type,
                band_min=low,
                band_max=high,
                base_amount=base_amount,
            )

    # 2.1 legal caps
    add(
        "general_admin",
        CAP,
        "0.06",
        jan(2016, 1, 15),
        "재료비 + 노무비 + 경비",
        SRC_GA + " (공사 100분의 6)",
        "A",
        sheet_kind="works",
    )
    add(
        "general_admin",
        CAP,
        "0.08",
        jan(2025, 7, 8),
        "재료비 + 노무비 + 경비",
        SRC_GA + " (공사 100분의 8) <개정 2025.7.8>",
        "A",
        sheet_kind="works",
        note="개정일(2025.7.8)부터 적용. 조달청은 2025-08-09 입찰공고분부터 적용(B); 개정 규칙의 시행일 원문은 미확인",
    )
    services = [
        ("폐기물", "0.10", "폐기물 처리·재활용 용역"),
        ("시설관리", "0.09", "시설물 관리·경비·청소 용역"),
        ("행사", "0.08", "행사관리·사업지원 용역"),
        ("여행운송", "0.05", "여행·숙박·운송·보험 용역"),
        ("장비유지", "0.10", "장비 유지·보수 용역"),
        ("기타", "0.06", "기타 용역(학술연구 포함)"),
    ]
    for variant, rate, label in services:
        add(
            "general_admin",
            CAP,
            rate,
            jan(2016, 1, 15),
            "노무비 + 경비 (+재료비)",
            SRC_GA + f"제12호~제17호 ({label})",
            "A",
            sheet_kind="services",
            variant=variant,
            note=label,
        )
    add(
        "profit",
        CAP,
        "0.15",
        jan(2016, 1, 15),
        "노무비 + 경비 + 일반관리비",
        SRC_PROFIT + "제1호 (공사)",
        "A",
        sheet_kind="works",
    )
    add(
        "profit",
        CAP,
        "0.10",
        jan(2016, 1, 15),
        "노무비 + 경비 + 일반관리비",
        SRC_PROFIT + "제4호 (용역)",
        "A",
        sheet_kind="services",
    )
    add("vat", LEGAL, "0.10", jan(1977, 7, 1), "총원가 (공급가액)", SRC_VAT, "A")

    # 2.4 C-grade drafts: 2026-04-13 건축 간접노무비율 and 기타경비율 by 직접공사비 × 공사기간 (inactive)
    size_bands = [
        (None, 10 * EOK),
        (10 * EOK, 50 * EOK),
        (50 * EOK, 300 * EOK),
        (300 * EOK, 1000 * EOK),
        (1000 * EOK, None),
    ]
    months = [(None, 184), (184, 366), (366, 1096), (1096, None)]  # ≤6, 7–12, 13–36, >36 months (in days)
    indirect = [
        ["0.175", "0.179", "0.182", "0.194"],
        ["0.174", "0.178", "0.181", "0.192"],
        ["0.175", "0.179", "0.182", "0.194"],
        ["0.175", "0.179", "0.182", "0.194"],
        ["0.174", "0.178", "0.181", "0.193"],
    ]
    other = [
        ["0.050", "0.052", "0.055", "0.061"],
        ["0.052", "0.054", "0.057", "0.064"],
        ["0.059", "0.060", "0.064", "0.070"],
        ["0.061", "0.063", "0.066", "0.072"],
        ["0.064", "0.065", "0.069", "0.075"],
    ]
    for key, matrix, base in [
        ("labor_indirect", indirect, "직접노무비"),
        ("other_expenses", other, "재료비 + 노무비 계"),
    ]:
        for (low, high), row in zip(size_bands, matrix, strict=True):
            for (dmin, dmax), rate in zip(months, row, strict=True):
                add(
                    key,
                    REFERENCE,
                    rate,
                    jan(2026, 4, 13),
                    base,
                    SRC_PPS_2026,
                    "C",
                    active=False,
                    sheet_kind="works",
                    variant="건축",
                    band_min=low,
                    band_max=high,
                    duration_min=dmin,
                    duration_max=dmax,
                    note="규모=직접공사비. 조달청 원본 xlsx로 확인한 뒤 활성화하세요",
                )
    return rows


def entry_from_dict(row: dict) -> RateEntry:
    fields = {k: v for k, v in row.items() if k != "active"}
    return RateEntry(**fields)


def default_table(*, include_drafts: bool = False, until: dt.date | None = None):
    """The shipped active entries as a RateTable (for tests and the bench; the app reads the database)."""
    from gamsa.costing.engine.rates import RateTable

    rows = [r for r in default_rates() if r["active"] or include_drafts]
    if until is not None:
        rows = [r for r in rows if r["effective_from"] <= until]
    return RateTable(entry_from_dict(r) for r in rows)
