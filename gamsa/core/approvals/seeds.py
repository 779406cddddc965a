"""Default delegation rules and the document number format. They are sensible starting values, NOT the district's
law: check every row against the district's 사무전결처리 규칙 (서울특별시 영등포구 사무전결처리 규칙 별표) and edit
them on the 위임전결규정 screen. The data migration and `gamsa demo` load them when none exist."""

import datetime as dt

DEFAULTS_EFFECTIVE = dt.date(2020, 1, 1)
CHECK_NOTE = "기본값: 구 사무전결처리 규칙과 대조 필요"

# (kind, amount_min, amount_max, grade, signer_rank, note)
DELEGATION_RULES = [
    ("grievance_answer", None, None, "", "dept_head", "고충민원 처리결과 통지 - 과장 전결"),
    ("internal_closure", None, None, "", "dept_head", "반복민원 내부종결 - 부서장 결재 (민원처리법 제23조)"),
    (
        "audit_result",
        None,
        None,
        "",
        "dept_head",
        "감사결과 통보·처분요구(시정·주의·개선·권고·통보) - 감사담당관 전결",
    ),
    ("audit_result", None, None, "중대", "deputy", "징계·문책·변상·고발을 포함한 처분요구 - 부구청장 전결"),
    (
        "cost_review",
        None,
        1_000_000_000,
        "",
        "dept_head",
        "원가계산 제비율 심사의견 10억 원 미만 - 감사담당관 전결",
    ),
    (
        "cost_review",
        1_000_000_000,
        None,
        "",
        "deputy",
        "원가계산 제비율 심사의견 10억 원 이상 - 부구청장 전결",
    ),
]

NUMBER_FORMAT = "{unit}-{seq}"


def seed_rules(DelegationRule, NumberFormat) -> int:
    created = 0
    if not DelegationRule.objects.exists():
        for kind, lo, hi, grade, rank, note in DELEGATION_RULES:
            DelegationRule.objects.create(
                kind=kind,
                amount_min=lo,
                amount_max=hi,
                grade=grade,
                signer_rank=rank,
                effective_from=DEFAULTS_EFFECTIVE,
                note=f"{note} ({CHECK_NOTE})",
            )
            created += 1
    if not NumberFormat.objects.exists():
        NumberFormat.objects.create(
            pattern=NUMBER_FORMAT,
            effective_from=DEFAULTS_EFFECTIVE,
            note="처리과명-연도별 일련번호 (예: 감사담당관-1234)",
        )
    return created
