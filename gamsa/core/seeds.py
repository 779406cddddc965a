"""Default data that every installation starts with (used by the data migration and by `gamsa demo`)."""

DEADLINE_RULES = [
    (
        "other",
        "기타민원 (즉시)",
        3,
        "hours",
        "hours",
        "민원 처리에 관한 법률 시행령 제16조, 제19조 (즉시 = 3근무시간)",
        "high",
        "",
    ),
    (
        "grievance",
        "고충민원",
        7,
        "days",
        "auto",
        "민원 처리에 관한 법률 시행령 제17조①",
        "high",
        "현장조사 기간(14일 이내, 1회 7일 연장)은 산입하지 않음 (영 제17조④⑤)",
    ),
    (
        "inquiry_law",
        "질의민원 (법령 설명·해석)",
        14,
        "days",
        "auto",
        "민원 처리에 관한 법률 시행령 제14조제1호",
        "high",
        "",
    ),
    (
        "inquiry_procedure",
        "질의민원 (제도·절차)",
        7,
        "days",
        "auto",
        "민원 처리에 관한 법률 시행령 제14조제2호",
        "high",
        "",
    ),
    ("proposal", "건의민원", 14, "days", "auto", "민원 처리에 관한 법률 시행령 제15조", "high", ""),
    (
        "petition",
        "청원",
        90,
        "days",
        "calendar_days",
        "청원법 제21조 (기간 계산은 민법 제157조·제161조)",
        "general_rule",
        "청원법은 기간 계산 방법을 정하지 않아 행정기본법 제6조에 따라 민법을 적용(초일 불산입, 말일이 토요일·공휴일이면 "
        "다음 날). 법령상 확인되지 않은 해석입니다.",
    ),
]


def seed_deadline_rules(model) -> int:
    """Create the missing default rules; never overwrite an administrator's edits. Returns how many were made."""
    created = 0
    for kind, label, amount, unit, method, basis, confidence, note in DEADLINE_RULES:
        _, new = model.objects.get_or_create(
            kind=kind,
            defaults={
                "label": label,
                "amount": amount,
                "unit": unit,
                "method": method,
                "basis": basis,
                "confidence": confidence,
                "note": note,
            },
        )
        created += new
    return created
